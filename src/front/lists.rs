//! `/my`, `/overdue` and `/case N` in messenger-neutral form: what to list for whom, the
//! text and the buttons. Each adapter sends the result its own way.

use crate::domain::case::Attachment;
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::front::buttons::{button, keyboard, Keyboard};
use crate::front::callback::Action;
use crate::front::cards::Names;
use crate::front::ctx::Ctx;
use crate::front::format::esc;
use crate::front::views::{load_case, may_view, names_for, offers_publish_from_bot_in};
use crate::front::who::Who;
use crate::storage::{CasePage, StoreError};
use crate::t;

/// How many cases a list shows (and reads) before "and N more".
const LIST_LIMIT: usize = 20;
/// Lists count this far and then say "more than": counting further would read every case
/// of a long list for one number (issue 15).
const COUNT_UP_TO: usize = 1000;

/// A message to send: HTML text and its buttons.
pub struct Screen {
    pub html: String,
    pub keyboard: Option<Keyboard>,
}

impl Screen {
    /// A plain text without buttons (a refusal, an empty list).
    pub fn text(html: String) -> Self {
        Self {
            html,
            keyboard: None,
        }
    }
}

/// A case as a person may see it: the full card, its buttons, and the co-executors' files.
pub struct CaseScreen {
    pub case: CaseId,
    pub screen: Screen,
    pub files: Vec<Attachment>,
}

/// What to answer to `/case <arg>` or to «open №N»: the card, or why not.
pub enum Shown {
    Card(Box<CaseScreen>),
    Refused(String),
}

/// `/case <arg>`: the number is read leniently («№5», «#5», «5»).
pub async fn case_by_arg(
    ctx: &Ctx,
    who: &Who,
    arg: &str,
    front: Messenger,
) -> Result<Shown, StoreError> {
    let number = arg.trim().trim_start_matches('№').trim_start_matches('#');
    let Ok(number) = number.parse::<i64>() else {
        return Ok(Shown::Refused(t!(who.lang, "case-usage")));
    };
    match ctx.store.case_by_number(number, &ctx.store_ctx()).await? {
        Some(view) => case_screen(ctx, who, view.case.id, front).await,
        None => Ok(Shown::Refused(t!(who.lang, "case-not-found"))),
    }
}

/// A case card (with history) and the buttons this person may press; a case they have no
/// right to is refused exactly like one that does not exist. «Опубликовать от бота» is
/// offered where `front` can post under the source (MAX: VK posts only).
pub async fn case_screen(
    ctx: &Ctx,
    who: &Who,
    case: CaseId,
    front: Messenger,
) -> Result<Shown, StoreError> {
    let view = match load_case(ctx, case).await {
        Ok(v) if may_view(&who.actor, &v) => v,
        Ok(_) | Err(StoreError::CaseNotFound(_)) => {
            return Ok(Shown::Refused(t!(who.lang, "case-not-found")))
        }
        Err(e) => return Err(e),
    };
    let names = names_for(ctx, who).await?;
    let at = (&ctx.calendar, ctx.now());
    let html = crate::front::coexec::card_in_full(&view, &names, at, who.lang, &who.actor);
    let from_bot = offers_publish_from_bot_in(ctx, &who.actor, &view, front).await;
    let keyboard =
        crate::front::keyboards::for_viewer(&view, &who.actor, ctx.now(), who.lang, from_bot);
    // The co-executors' files follow their texts (п.14), as they were sent.
    let files = crate::front::coexec::contributions(&view)
        .into_iter()
        .flat_map(|(_, _, _, files)| files.iter().cloned())
        .collect();
    Ok(Shown::Card(Box::new(CaseScreen {
        case,
        screen: Screen { html, keyboard },
        files,
    })))
}

/// `/my`: the person's open cases.
pub async fn my(ctx: &Ctx, who: &Who) -> Result<Screen, StoreError> {
    let page = ctx
        .store
        .open_cases_page(&who.actor, (LIST_LIMIT, COUNT_UP_TO), &ctx.store_ctx())
        .await?;
    let names = names_for(ctx, who).await?;
    let title = match page.more {
        false => t!(who.lang, "my-title", count = page.total),
        true => t!(who.lang, "my-title-over", count = page.total),
    };
    let empty = t!(who.lang, "my-empty");
    Ok(list(ctx, who, &title, empty, &page, &names))
}

/// `/overdue`: cases past their deadline, for the overseeing roles only (the curator,
/// coordinator, controller and admin).
pub async fn overdue(ctx: &Ctx, who: &Who) -> Result<Screen, StoreError> {
    if !who.actor.sees_everything() {
        tracing::warn!(person = %who.person.id, "/overdue refused: role");
        return Ok(Screen::text(t!(who.lang, "refused-overseer")));
    }
    let page = ctx
        .store
        .overdue_page(ctx.now(), (LIST_LIMIT, COUNT_UP_TO), &ctx.store_ctx())
        .await?;
    let names = names_for(ctx, who).await?;
    let title = match page.more {
        false => t!(who.lang, "overdue-title", count = page.total),
        true => t!(who.lang, "overdue-title-over", count = page.total),
    };
    let empty = t!(who.lang, "overdue-empty");
    Ok(list(ctx, who, &title, empty, &page, &names))
}

/// A compact list: one line per case with its deadline, and a button to open each.
fn list(
    ctx: &Ctx,
    who: &Who,
    title: &str,
    empty: String,
    page: &CasePage,
    names: &Names,
) -> Screen {
    if page.views.is_empty() {
        return Screen::text(empty);
    }
    let mut html = format!("<b>{}</b>", esc(title));
    let mut rows = Vec::new();
    for v in &page.views {
        let c = &v.case;
        let at = (&ctx.calendar, ctx.now());
        let due =
            crate::front::coexec::due_for(v, at, who.lang, Some(&who.actor)).unwrap_or_default();
        let unit = c
            .responsible()
            .map(|a| names.unit(a.unit))
            .unwrap_or_default();
        html += &format!(
            "\n\n<b>№{}</b> · {} · {}\n{}",
            c.number,
            esc(&c.topic),
            esc(&unit),
            due
        );
        rows.push(vec![button(
            t!(who.lang, "btn-open", number = c.number),
            Action::Open(c.id),
        )]);
    }
    if page.total > page.views.len() {
        let more = page.total - page.views.len();
        let line = match page.more {
            false => t!(who.lang, "list-more", count = more),
            true => t!(who.lang, "list-more-over", count = more),
        };
        html += &format!("\n\n{line}");
    }
    Screen {
        html,
        keyboard: keyboard(rows),
    }
}
