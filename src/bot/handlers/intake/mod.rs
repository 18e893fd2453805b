//! Intake of posts (SPEC §5): a curator sends links (or forwards a channel post), picks the
//! classification and the units in one wizard message edited in place, and confirms.
//! Cards to executors and deputies go out through the outbox, not from here.

mod finish;
pub mod flow;
mod press;
pub mod source;

pub use crate::front::intake::wizard;

use teloxide::prelude::*;

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::Role;
use crate::t;

pub use press::on_press;

/// Any non-command message of a known person the bot is not waiting a reply from.
pub async fn on_message(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    _update: Update,
) -> anyhow::Result<()> {
    // In a group the bot is a listener (SPEC §11): people talk there to each other.
    if !msg.chat.is_private() {
        return Ok(());
    }
    let chat = msg.chat.id;
    // п.16: an album's items come one by one; those without a link get one word, not each.
    let album = crate::bot::album::group_of(&msg).is_some();
    if album && !who.actor.has(Role::Curator) {
        return crate::bot::album::stray(&bot, &ctx, &who, &msg).await;
    }
    if !who.actor.has(Role::Curator) {
        send(&bot, chat, &t!(who.lang, "intake-hint"), None).await?;
        return Ok(());
    }
    let found = source::links_in(&msg);
    if found.links.is_empty() && album {
        return crate::bot::album::stray(&bot, &ctx, &who, &msg).await;
    }
    if found.links.is_empty() {
        let key = match msg.forward_origin() {
            Some(_) => t!(who.lang, "intake-forward-no-link"),
            None => t!(who.lang, "intake-hint-curator"),
        };
        send(&bot, chat, &key, None).await?;
        return Ok(());
    }
    flow::begin(&bot, &ctx, &who, chat, found).await
}

/// `/new <link…>`: the same as sending the links; without one, asks for it.
pub async fn on_new(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
    _update: Update,
) -> anyhow::Result<()> {
    let chat = msg.chat.id;
    // п.16: an album's items come one by one; those without a link get one word, not each.
    let album = crate::bot::album::group_of(&msg).is_some();
    if album && !who.actor.has(Role::Curator) {
        return crate::bot::album::stray(&bot, &ctx, &who, &msg).await;
    }
    if !who.actor.has(Role::Curator) {
        tracing::warn!(person = %who.person.id, "/new refused: not a curator");
        send(&bot, chat, &t!(who.lang, "intake-refused"), None).await?;
        return Ok(());
    }
    if !msg.chat.is_private() {
        send(&bot, chat, &t!(who.lang, "intake-private-only"), None).await?;
        return Ok(());
    }
    let found = crate::front::intake::found_in_text(&arg);
    if found.links.is_empty() {
        send(&bot, chat, &t!(who.lang, "intake-ask-link"), None).await?;
        return Ok(());
    }
    flow::begin(&bot, &ctx, &who, chat, found).await
}
