//! `/my`, `/case N`, `/overdue`, `/help` and `/report`: what a person can look at.

use teloxide::prelude::*;
use teloxide::types::ChatId;

use crate::bot::cards::Names;
use crate::bot::ctx::{BotCtx, Tg};

use crate::bot::reply::send;
use crate::bot::views::render_card;
use crate::bot::who::Who;
use crate::domain::case::Attachment;
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::front::lists::{Screen, Shown};
use crate::storage::CaseView;
use crate::t;

/// Sends a case card (with history) to a chat, with the buttons this person may press.
pub async fn show_case(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    case: CaseId,
) -> anyhow::Result<()> {
    let shown = crate::front::lists::case_screen(ctx, who, case, Messenger::Telegram).await?;
    send_case(bot, ctx, who, chat, shown).await
}

async fn send_case(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    shown: Shown,
) -> anyhow::Result<()> {
    let card = match shown {
        Shown::Card(card) => card,
        Shown::Refused(text) => {
            send(bot, chat, &text, None).await?;
            return Ok(());
        }
    };
    let Screen { html, keyboard } = card.screen;
    let id = send(bot, chat, &html, keyboard.clone()).await?;
    let case = card.case;
    crate::bot::tracked::card_drawn(ctx, who.person.id, (chat, id), case, keyboard.as_ref()).await;
    send_files(bot, chat, &card.files).await
}

async fn send_files(bot: &Tg, chat: ChatId, files: &[Attachment]) -> anyhow::Result<()> {
    for a in files {
        // A file received in MAX that cannot be fetched now is only missing from this view.
        match crate::bot::media::input_file(a).await {
            Ok(file) => crate::bot::media::send_one(bot, chat, (a.kind, file), "").await?,
            Err(e) => tracing::warn!(error = %e, kind = ?a.kind, "a case file was not shown"),
        }
    }
    Ok(())
}

pub async fn case(bot: Tg, ctx: BotCtx, who: Who, msg: Message, arg: String) -> anyhow::Result<()> {
    let shown = crate::front::lists::case_by_arg(&ctx, &who, &arg, Messenger::Telegram).await?;
    send_case(&bot, &ctx, &who, msg.chat.id, shown).await
}

pub async fn my(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    let screen = crate::front::lists::my(&ctx, &who).await?;
    send(&bot, msg.chat.id, &screen.html, screen.keyboard).await?;
    Ok(())
}

pub async fn overdue(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    let screen = crate::front::lists::overdue(&ctx, &who).await?;
    send(&bot, msg.chat.id, &screen.html, screen.keyboard).await?;
    Ok(())
}

pub async fn help(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    let text = crate::front::menu::help(&ctx, &who, &t!(who.lang, "help-common"));
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
