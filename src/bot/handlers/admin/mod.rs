//! Admin commands (SPEC §1, §10): invites, the directory as it stands, and changes to it.
//! Every endpoint checks the admin role on the server's copy of the person first.

mod apply;
mod invite;
pub mod parse;
pub mod render;

use std::collections::HashSet;

use teloxide::prelude::*;

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::Role;
use crate::t;

pub use invite::{create_invite_link, invite};

/// Refuses a non-admin with a clear message and logs the attempt; true if allowed. Only in
/// a private chat: invite links and the directory are not for a group's eyes.
async fn allowed(bot: &Tg, who: &Who, msg: &Message, what: &str) -> anyhow::Result<bool> {
    let refusal = if !who.actor.has(Role::Admin) {
        tracing::warn!(person = %who.person.id, command = what, "admin command refused: not an admin");
        t!(who.lang, "admin-refused")
    } else if !msg.chat.is_private() {
        tracing::info!(person = %who.person.id, command = what, "admin command refused: not a private chat");
        t!(who.lang, "admin-private-only")
    } else {
        return Ok(true);
    };
    send(bot, msg.chat.id, &refusal, None).await?;
    Ok(false)
}

/// `/people`: everyone with roles, unit and Telegram status.
pub async fn people(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    if !allowed(&bot, &who, &msg, "people").await? {
        return Ok(());
    }
    let people = ctx.store.people().await?;
    let units = ctx.store.units().await?;
    let mut unreachable = HashSet::new();
    for p in people
        .iter()
        .filter(|p| p.active && p.telegram_id.is_some())
    {
        if ctx
            .store
            .person_settings(p.id)
            .await?
            .is_some_and(|s| s.unreachable)
        {
            unreachable.insert(p.id);
        }
    }
    let text = render::people(&people, &units, &unreachable, who.lang);
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}

/// `/units`: units with their deputies.
pub async fn units(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    if !allowed(&bot, &who, &msg, "units").await? {
        return Ok(());
    }
    let units = ctx.store.units().await?;
    let people = ctx.store.people().await?;
    send(
        &bot,
        msg.chat.id,
        &render::units(&units, &people, who.lang),
        None,
    )
    .await?;
    Ok(())
}

/// `/lists`: topics, locations and importance levels.
pub async fn lists(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    if !allowed(&bot, &who, &msg, "lists").await? {
        return Ok(());
    }
    let s = &ctx.store;
    let text = render::lists(
        &s.topics().await?,
        &s.locations().await?,
        &s.importance_levels().await?,
        who.lang,
    );
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}

/// `/set …`: one directory change; bad input gets the usage.
pub async fn set(bot: Tg, ctx: BotCtx, who: Who, msg: Message, arg: String) -> anyhow::Result<()> {
    if !allowed(&bot, &who, &msg, "set").await? {
        return Ok(());
    }
    let text = match parse::parse_set(&arg) {
        Ok(cmd) => apply::apply(&bot, &ctx, &who, cmd).await?,
        Err(parse::ParseError::Usage) => t!(who.lang, "admin-set-usage"),
        Err(parse::ParseError::UnknownRole(word)) => t!(
            who.lang,
            "admin-unknown-role",
            word = crate::bot::format::esc(&word)
        ),
    };
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}
