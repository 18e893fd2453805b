//! п.19 by hand (issue 9) in Telegram: `/notice [case number]`, the unit buttons and the
//! awaited text go to `front::deficiency`; the chat id is the dialog's key.

use teloxide::prelude::*;

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::{CaseId, UnitId};
use crate::front::deficiency::{self, Shown};

/// `/notice [case number]`.
pub async fn start(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    let chat = msg.chat.id;
    let shown = deficiency::start(&ctx, &who, chat.0, &arg).await?;
    show(&bot, chat, shown).await
}

/// A unit picked from the `/notice` list.
pub async fn on_unit(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    unit: UnitId,
) -> anyhow::Result<()> {
    let shown = deficiency::on_unit(ctx, who, chat.0, unit).await?;
    show(bot, chat, shown).await
}

/// The awaited text: records the notice and tells the sender.
pub async fn on_text(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    about: (UnitId, Option<CaseId>),
    text: String,
    update: i64,
) -> anyhow::Result<()> {
    let shown = deficiency::on_text(ctx, who, chat.0, about, text, ctx.meta(update)).await?;
    show(bot, chat, shown).await
}

async fn show(bot: &Tg, chat: ChatId, shown: Shown) -> anyhow::Result<()> {
    if let Some(screen) = shown {
        send(bot, chat, &screen.html, screen.keyboard).await?;
    }
    Ok(())
}
