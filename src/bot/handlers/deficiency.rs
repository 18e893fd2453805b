//! п.19 by hand (issue 9): `/notice` lets the curator or a coordinator send the controller
//! a deficiency notice about a unit. `/notice` offers the units; `/notice <case number>`
//! takes the case's unit and names the case. The text comes as the next message.

use teloxide::prelude::*;

use crate::bot::callback::Action;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::refusal;
use crate::bot::reply::{button, keyboard, send};
use crate::bot::views::load_names;
use crate::bot::who::Who;
use crate::domain::{deficiency, CaseId, UnitId};
use crate::service::deficiency::{send as send_notice, Request};
use crate::storage::StoreError;
use crate::t;

/// `/notice [case number]`.
pub async fn start(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    let chat = msg.chat.id;
    if !allowed(&bot, &who, chat).await? {
        return Ok(());
    }
    let arg = arg.trim().trim_start_matches('№').trim_start_matches('#');
    if arg.is_empty() {
        return choose_unit(&bot, &ctx, &who, chat).await;
    }
    let Ok(number) = arg.parse::<i64>() else {
        send(&bot, chat, &t!(who.lang, "deficiency-usage"), None).await?;
        return Ok(());
    };
    let Some(view) = ctx.store.case_by_number(number, &ctx.store_ctx()).await? else {
        send(&bot, chat, &t!(who.lang, "case-not-found"), None).await?;
        return Ok(());
    };
    let case = &view.case;
    let unit = case
        .responsible()
        .or(case.assignments.first())
        .map(|a| a.unit);
    let Some(unit) = unit else {
        let text = t!(who.lang, "deficiency-no-unit", number = number);
        send(&bot, chat, &text, None).await?;
        return Ok(());
    };
    ask(&bot, &ctx, &who, chat, unit, Some((case.id, number))).await
}

/// A unit picked from the `/notice` list.
pub async fn on_unit(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    unit: UnitId,
) -> anyhow::Result<()> {
    if !allowed(bot, who, chat).await? {
        return Ok(());
    }
    ask(bot, ctx, who, chat, unit, None).await
}

/// The awaited text: records the notice and tells the sender.
pub async fn on_text(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    (unit, case): (UnitId, Option<CaseId>),
    text: String,
    update: i64,
) -> anyhow::Result<()> {
    let req = Request {
        author: who.person.id,
        unit,
        case,
        text,
    };
    match send_notice(&ctx.store, req, ctx.meta(update)).await {
        Ok(_) => {
            Dialog::clear(&ctx.store, chat.0).await?;
            ctx.wake();
            let names = load_names(ctx).await?;
            let unit = crate::bot::format::esc(&names.unit(unit));
            send(
                bot,
                chat,
                &t!(who.lang, "deficiency-sent", unit = unit),
                None,
            )
            .await?;
        }
        Err(e) => {
            // A bad text keeps the dialog for a better one; anything else ends it.
            if !matches!(
                refusal::explain(&e, who.lang),
                refusal::Explained::Invalid(_)
            ) || matches!(e, StoreError::UnknownUnit(_))
            {
                Dialog::clear(&ctx.store, chat.0).await?;
            }
            if let Some(text) = refusal::text(&e, who.lang) {
                send(bot, chat, &text, None).await?;
            }
        }
    }
    Ok(())
}

/// Refuses, with the usual wording, a person who may not send notices.
async fn allowed(bot: &Tg, who: &Who, chat: ChatId) -> anyhow::Result<bool> {
    if let Err(e) = deficiency::may_send(&who.actor) {
        if let Some(text) = refusal::text(&StoreError::Refused(e), who.lang) {
            send(bot, chat, &text, None).await?;
        }
        return Ok(false);
    }
    Ok(true)
}

async fn choose_unit(bot: &Tg, ctx: &BotCtx, who: &Who, chat: ChatId) -> anyhow::Result<()> {
    let rows = ctx
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| vec![button(u.name, Action::NoticeUnit(u.id))])
        .collect();
    let text = t!(who.lang, "deficiency-choose-unit");
    send(bot, chat, &text, keyboard(rows)).await?;
    Ok(())
}

async fn ask(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    unit: UnitId,
    case: Option<(CaseId, i64)>,
) -> anyhow::Result<()> {
    let dialog = Dialog::Deficiency {
        unit,
        case: case.map(|(id, _)| id),
    };
    dialog.save(&ctx.store, chat.0, ctx.now()).await?;
    let names = load_names(ctx).await?;
    let unit = crate::bot::format::esc(&names.unit(unit));
    let text = match case {
        Some((_, number)) => t!(
            who.lang,
            "deficiency-ask-case",
            unit = unit,
            number = number
        ),
        None => t!(who.lang, "deficiency-ask", unit = unit),
    };
    send(bot, chat, &text, None).await?;
    Ok(())
}
