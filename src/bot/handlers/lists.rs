//! `/my`, `/case N`, `/overdue`, `/help` and `/report`: what a person can look at.

use teloxide::prelude::*;
use teloxide::types::{ChatId, InputFile};

use crate::bot::cards::Names;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::format::{esc, term_within};
use crate::bot::reply::{button, keyboard, send};
use crate::bot::views::{load_case, load_names, may_view, offers_publish_from_bot, render_card};
use crate::bot::who::Who;
use crate::domain::case::{Attachment, AttachmentKind};
use crate::domain::{CaseId, Role};
use crate::storage::{CasePage, CaseView};
use crate::t;

/// How many cases a list shows (and reads) before "and N more".
const LIST_LIMIT: usize = 20;

/// Sends a case card (with history) to a chat, with the buttons this person may press.
pub async fn show_case(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    case: CaseId,
) -> anyhow::Result<()> {
    let view = match load_case(ctx, case).await {
        Ok(v) if may_view(&who.actor, &v) => v,
        _ => {
            send(bot, chat, &t!(who.lang, "case-not-found"), None).await?;
            return Ok(());
        }
    };
    let names = load_names(ctx).await?;
    let at = (&ctx.calendar, ctx.now());
    let text = crate::bot::coexec::card_in_full(&view, &names, at, who.lang, &who.actor);
    let from_bot = offers_publish_from_bot(ctx, &who.actor, &view).await;
    let kb = crate::bot::keyboards::for_viewer(&view, &who.actor, ctx.now(), who.lang, from_bot);
    let id = send(bot, chat, &text, kb.clone()).await?;
    crate::bot::tracked::card_drawn(ctx, who.person.id, (chat, id), case, kb.as_ref()).await;
    // The co-executors' files follow their texts (п.14), as they were sent.
    for (_, _, _, files) in crate::bot::coexec::contributions(&view) {
        send_files(bot, chat, files).await?;
    }
    Ok(())
}

async fn send_files(bot: &Tg, chat: ChatId, files: &[Attachment]) -> anyhow::Result<()> {
    for a in files {
        let file = InputFile::file_id(a.file_id.clone().into());
        match a.kind {
            AttachmentKind::Photo => drop(bot.send_photo(chat, file).await?),
            AttachmentKind::Video => drop(bot.send_video(chat, file).await?),
            AttachmentKind::Document => drop(bot.send_document(chat, file).await?),
        }
    }
    Ok(())
}

pub async fn case(bot: Tg, ctx: BotCtx, who: Who, msg: Message, arg: String) -> anyhow::Result<()> {
    let number = arg.trim().trim_start_matches('№').trim_start_matches('#');
    let Ok(number) = number.parse::<i64>() else {
        send(&bot, msg.chat.id, &t!(who.lang, "case-usage"), None).await?;
        return Ok(());
    };
    match ctx.store.case_by_number(number, &ctx.store_ctx()).await? {
        Some(view) => show_case(&bot, &ctx, &who, msg.chat.id, view.case.id).await,
        None => {
            send(&bot, msg.chat.id, &t!(who.lang, "case-not-found"), None).await?;
            Ok(())
        }
    }
}

pub async fn my(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    let page = ctx
        .store
        .open_cases_page(&who.actor, LIST_LIMIT, &ctx.store_ctx())
        .await?;
    let names = load_names(&ctx).await?;
    let title = t!(who.lang, "my-title", count = page.total);
    send_list(
        &bot,
        &ctx,
        &who,
        msg.chat.id,
        &title,
        &t!(who.lang, "my-empty"),
        &page,
        &names,
    )
    .await
}

pub async fn overdue(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    // The overseeing roles: the curator, coordinator, controller and admin.
    if !who.actor.sees_everything() {
        tracing::warn!(person = %who.person.id, "/overdue refused: role");
        send(&bot, msg.chat.id, &t!(who.lang, "refused-overseer"), None).await?;
        return Ok(());
    }
    let page = ctx
        .store
        .overdue_page(ctx.now(), LIST_LIMIT, &ctx.store_ctx())
        .await?;
    let names = load_names(&ctx).await?;
    let title = t!(who.lang, "overdue-title", count = page.total);
    send_list(
        &bot,
        &ctx,
        &who,
        msg.chat.id,
        &title,
        &t!(who.lang, "overdue-empty"),
        &page,
        &names,
    )
    .await
}

/// A compact list: one line per case with its deadline, and a button to open each.
#[allow(clippy::too_many_arguments)]
async fn send_list(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    title: &str,
    empty: &str,
    page: &CasePage,
    names: &Names,
) -> anyhow::Result<()> {
    if page.views.is_empty() {
        send(bot, chat, empty, None).await?;
        return Ok(());
    }
    let mut text = format!("<b>{}</b>", esc(title));
    let mut rows = Vec::new();
    for v in &page.views {
        let c = &v.case;
        let at = (&ctx.calendar, ctx.now());
        let due =
            crate::bot::coexec::due_for(v, at, who.lang, Some(&who.actor)).unwrap_or_default();
        let unit = c
            .responsible()
            .map(|a| names.unit(a.unit))
            .unwrap_or_default();
        text += &format!(
            "\n\n<b>№{}</b> · {} · {}\n{}",
            c.number,
            esc(&c.topic),
            esc(&unit),
            due
        );
        rows.push(vec![button(
            t!(who.lang, "btn-open", number = c.number),
            crate::bot::callback::Action::Open(c.id),
        )]);
    }
    if page.total > page.views.len() {
        let more = page.total - page.views.len();
        text += &format!("\n\n{}", t!(who.lang, "list-more", count = more));
    }
    send(bot, chat, &text, keyboard(rows)).await?;
    Ok(())
}

pub async fn help(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    let roles: Vec<Role> = who.actor.roles.iter().copied().collect();
    let mut text = t!(who.lang, "help-title", name = esc(&who.person.name));
    for role in &roles {
        text.push_str("\n\n");
        text += &match role {
            Role::Curator => t!(who.lang, "help-curator"),
            Role::Executor => t!(
                who.lang,
                "help-executor",
                term = term_within(ctx.policy().base.return_window, who.lang)
            ),
            Role::Deputy => t!(who.lang, "help-deputy"),
            Role::Coordinator => t!(who.lang, "help-coordinator"),
            Role::Controller => t!(who.lang, "help-controller"),
            Role::Admin => t!(who.lang, "help-admin"),
        };
    }
    text.push_str("\n\n");
    text += &t!(who.lang, "help-common");
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}

pub async fn report(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    crate::bot::report::on_demand(bot, ctx, who, msg, arg).await
}

/// Re-renders a card for a chat after an action elsewhere (used by intake).
pub fn card_text(ctx: &BotCtx, view: &CaseView, names: &Names, who: &Who) -> String {
    render_card(ctx, view, names, who)
}
