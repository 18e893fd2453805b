//! Group chats: work content goes only to private chats. In a group the bot answers a
//! command or a press with a short pointer to the private chat and nothing else.

use teloxide::prelude::*;
use teloxide::types::Update;

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::reply::send;
use crate::bot::who::{lang_of, user_of};
use crate::t;

/// Whether an update comes from a chat other than a private one (a group, a supergroup,
/// a channel). Updates without a chat are not group updates.
pub fn outside_private(update: Update) -> bool {
    update.chat().is_some_and(|c| !c.is_private())
}

/// A command in a group gets the pointer; other group messages are not the bot's business.
pub async fn on_message(bot: Tg, ctx: BotCtx, msg: Message, update: Update) -> anyhow::Result<()> {
    let is_command = msg.text().is_some_and(|t| t.trim_start().starts_with('/'));
    // The public chats read for candidates hear nothing from the bot (SPEC §11).
    let read = ctx
        .config
        .candidates
        .mode_of(msg.chat.id.0, msg.chat.username())
        .is_some();
    if !is_command || read {
        return Ok(());
    }
    let lang = user_of(&update).map(lang_of).unwrap_or_default();
    tracing::info!(
        chat = msg.chat.id.0,
        "a command in a group answered with a pointer"
    );
    let text = t!(lang, "group-pointer", bot = ctx.username.to_string());
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}

/// A press on a message in a group: answered with the pointer, nothing is redrawn.
pub async fn on_press(bot: Tg, ctx: BotCtx, q: CallbackQuery) -> anyhow::Result<()> {
    let lang = lang_of(&q.from);
    let text = t!(lang, "group-pointer", bot = ctx.username.to_string());
    crate::bot::reply::toast(&bot, &q, &text, true).await
}
