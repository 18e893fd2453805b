//! п.19 by hand (issue 9) in both messengers: `/notice` offers the units, `/notice <case
//! number>` takes the case's unit and names the case; the text comes as the next message
//! (a [`Dialog::Deficiency`] kept under the adapter's key for the chat). Also the notice as
//! the controller reads it.

use crate::domain::{deficiency, CaseId, UnitId};
use crate::front::buttons::{button, keyboard};
use crate::front::callback::Action;
use crate::front::cards::Names;
use crate::front::ctx::Ctx;
use crate::front::dialog::Dialog;
use crate::front::format::esc;
use crate::front::lists::Screen;
use crate::front::notices::Outgoing;
use crate::front::refusal::{self, Explained};
use crate::front::views::names_for;
use crate::front::who::Who;
use crate::i18n::Lang;
use crate::service::deficiency::{send as send_notice, Request};
use crate::storage::{CommandMeta, StoreError};
use crate::t;

/// What to show; `None` when there is nothing to say (e.g. a redelivered update).
pub type Shown = Option<Screen>;

/// `/notice [case number]`; `key` is the chat's dialog key in its messenger.
pub async fn start(ctx: &Ctx, who: &Who, key: i64, arg: &str) -> anyhow::Result<Shown> {
    if let Some(refused) = refused(who) {
        return Ok(refused);
    }
    let arg = arg.trim().trim_start_matches('№').trim_start_matches('#');
    if arg.is_empty() {
        return choose_unit(ctx, who).await.map(Some);
    }
    let say = |text: String| Ok(Some(Screen::text(text)));
    let Ok(number) = arg.parse::<i64>() else {
        return say(t!(who.lang, "deficiency-usage"));
    };
    let Some(view) = ctx.store.case_by_number(number, &ctx.store_ctx()).await? else {
        return say(t!(who.lang, "case-not-found"));
    };
    let case = &view.case;
    let unit = case
        .responsible()
        .or(case.assignments.first())
        .map(|a| a.unit);
    let Some(unit) = unit else {
        return say(t!(who.lang, "deficiency-no-unit", number = number));
    };
    ask(ctx, who, key, unit, Some((case.id, number))).await
}

/// A unit picked from the `/notice` list (untrusted: the role and the unit are checked).
pub async fn on_unit(ctx: &Ctx, who: &Who, key: i64, unit: UnitId) -> anyhow::Result<Shown> {
    if let Some(refused) = refused(who) {
        return Ok(refused);
    }
    if !ctx
        .store
        .units()
        .await?
        .iter()
        .any(|u| u.id == unit && u.active)
    {
        return Ok(refusal::text(&StoreError::UnknownUnit(unit), who.lang).map(Screen::text));
    }
    ask(ctx, who, key, unit, None).await
}

/// The awaited text: records the notice and queues it for the controllers in one
/// transaction, then tells the sender.
pub async fn on_text(
    ctx: &Ctx,
    who: &Who,
    key: i64,
    (unit, case): (UnitId, Option<CaseId>),
    text: String,
    meta: CommandMeta,
) -> anyhow::Result<Shown> {
    let req = Request {
        author: who.person.id,
        unit,
        case,
        text,
    };
    match send_notice(&ctx.store, req, meta).await {
        Ok(_) => {
            Dialog::clear(&ctx.store, key).await?;
            let names = names_for(ctx, who).await?;
            let unit = esc(&names.unit(unit));
            Ok(Some(Screen::text(t!(
                who.lang,
                "deficiency-sent",
                unit = unit
            ))))
        }
        Err(e) => {
            // A bad text keeps the dialog for a better one; anything else ends it.
            let invalid = matches!(refusal::explain(&e, who.lang), Explained::Invalid(_));
            if !invalid || matches!(e, StoreError::UnknownUnit(_)) {
                Dialog::clear(&ctx.store, key).await?;
            }
            Ok(refusal::text(&e, who.lang).map(Screen::text))
        }
    }
}

/// The usual refusal for a person who may not send notices.
fn refused(who: &Who) -> Option<Shown> {
    let e = deficiency::may_send(&who.actor).err()?;
    Some(refusal::text(&StoreError::Refused(e), who.lang).map(Screen::text))
}

async fn choose_unit(ctx: &Ctx, who: &Who) -> anyhow::Result<Screen> {
    let rows = ctx
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| vec![button(u.name, Action::NoticeUnit(u.id))])
        .collect();
    Ok(Screen {
        html: t!(who.lang, "deficiency-choose-unit"),
        keyboard: keyboard(rows),
    })
}

async fn ask(
    ctx: &Ctx,
    who: &Who,
    key: i64,
    unit: UnitId,
    case: Option<(CaseId, i64)>,
) -> anyhow::Result<Shown> {
    let dialog = Dialog::Deficiency {
        unit,
        case: case.map(|(id, _)| id),
    };
    dialog.save(&ctx.store, key, ctx.now()).await?;
    let names = names_for(ctx, who).await?;
    let unit = esc(&names.unit(unit));
    let text = match case {
        Some((_, number)) => t!(
            who.lang,
            "deficiency-ask-case",
            unit = unit,
            number = number
        ),
        None => t!(who.lang, "deficiency-ask", unit = unit),
    };
    Ok(Some(Screen::text(text)))
}

/// The notice as the controller reads it.
pub async fn render(
    ctx: &Ctx,
    id: i64,
    names: &Names,
    lang: Lang,
) -> anyhow::Result<Vec<Outgoing>> {
    let n = ctx
        .store
        .deficiency_notice(id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no deficiency notice {id}"))?;
    let case = match n.case {
        Some(case) => {
            let view = crate::front::views::load_case(ctx, case).await?;
            t!(lang, "notice-deficiency-case", number = view.case.number)
        }
        None => String::new(),
    };
    let html = t!(
        lang,
        "notice-deficiency",
        unit = esc(&names.unit(n.unit)),
        author = esc(&names.person(n.author)),
        case = case,
        text = esc(&n.text)
    );
    Ok(vec![Outgoing::Text {
        html,
        keyboard: None,
    }])
}
