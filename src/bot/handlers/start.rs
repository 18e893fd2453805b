//! `/start`: a known person is greeted by role and gets their menu; a stranger may only
//! join with an invite, and otherwise hears from the bot once, politely, then never again.

use teloxide::prelude::*;
use teloxide::types::{ChatId, User};

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::menu;
use crate::bot::reply::send;
use crate::bot::who::{lang_of, Who};
use crate::domain::directory::Person;
use crate::domain::Role;
pub use crate::front::start::{greeting, invite_token, is_token};
use crate::i18n::Lang;
use crate::storage::InviteError;
use crate::t;

/// A known person's `/start`: greeting, their roles, what to do, and their menu. With an
/// invite it is redeemed too, so a person already here can be given one more role.
pub async fn known(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    let token = arg.trim();
    if let Some(user) = msg.from.as_ref().filter(|_| is_token(token)) {
        let header = t!(who.lang, "start-invite-accepted");
        return redeem(&bot, &ctx, msg.chat.id, user, who.lang, token, header).await;
    }
    remember_language(&ctx, &who.person, who.lang).await;
    // The menu first, so it is there when the greeting arrives.
    install_menu(&bot, msg.chat.id, &who.person, who.lang).await;
    send(&bot, msg.chat.id, &greeting(&who.person, who.lang), None).await?;
    welcome_back(&ctx, &who).await?;
    Ok(())
}

/// A person marked unreachable pressed Start: they can be written to again, and what they
/// missed (their cards and notices, given up as unreachable) is queued once more.
async fn welcome_back(ctx: &BotCtx, who: &Who) -> anyhow::Result<()> {
    let settings = ctx.store.person_settings(who.person.id).await?;
    if !settings.is_some_and(|s| s.unreachable) {
        return Ok(());
    }
    ctx.store.set_unreachable(who.person.id, false).await?;
    let revived = ctx
        .store
        .revive_unreachable(who.person.id, ctx.now())
        .await?;
    tracing::info!(person = %who.person.id, revived, "an unreachable person is back");
    ctx.wake();
    Ok(())
}

/// Any message from someone the directory does not know (or no longer knows).
pub async fn stranger(bot: Tg, ctx: BotCtx, msg: Message) -> anyhow::Result<()> {
    // Group chats are not a place to answer strangers.
    let Some(user) = msg.from.as_ref().filter(|_| msg.chat.is_private()) else {
        return Ok(());
    };
    let lang = lang_of(user);
    match invite_token(msg.text().unwrap_or_default()) {
        Some(token) => {
            let header = t!(lang, "start-welcome");
            redeem(&bot, &ctx, msg.chat.id, user, lang, token, header).await
        }
        None => greet_once(&bot, &ctx, msg.chat.id, user, lang).await,
    }
}

/// A button pressed by a stranger (e.g. a card left in a chat of a deactivated person).
pub async fn stranger_press(bot: Tg, _ctx: BotCtx, q: CallbackQuery) -> anyhow::Result<()> {
    tracing::info!(
        telegram_id = q.from.id.0,
        "a button press from an unknown user refused"
    );
    bot.answer_callback_query(q.id.clone())
        .text(t!(lang_of(&q.from), "stranger-press"))
        .await?;
    Ok(())
}

/// Redeems an invite for this Telegram user: `header` and the greeting with the roles it
/// gave, or why the invite does not work.
async fn redeem(
    bot: &Tg,
    ctx: &BotCtx,
    chat: ChatId,
    user: &User,
    lang: Lang,
    token: &str,
    header: String,
) -> anyhow::Result<()> {
    let Ok(tg_id) = i64::try_from(user.id.0) else {
        return Ok(());
    };
    let text = match crate::service::invites::redeem(
        &ctx.store,
        token,
        tg_id,
        &user.full_name(),
        ctx.now(),
    )
    .await
    {
        Ok(person) => {
            tracing::info!(person = %person.id, telegram_id = tg_id, "joined by invite");
            remember_language(ctx, &person, lang).await;
            let text = format!("{header}\n\n{}", greeting(&person, lang));
            install_menu(bot, chat, &person, lang).await;
            send(bot, chat, &text, None).await?;
            return Ok(());
        }
        Err(InviteError::Unknown) => t!(lang, "invite-unknown"),
        Err(InviteError::Expired) => t!(lang, "invite-expired"),
        Err(InviteError::Used) => t!(lang, "invite-used"),
        Err(InviteError::Store(e)) => {
            tracing::error!(error = %e, "redeeming an invite failed");
            t!(lang, "invite-failed")
        }
    };
    tracing::info!(telegram_id = tg_id, "an invite was refused");
    send(bot, chat, &text, None).await?;
    Ok(())
}

/// One polite message per stranger, ever; the database remembers across restarts.
async fn greet_once(
    bot: &Tg,
    ctx: &BotCtx,
    chat: ChatId,
    user: &User,
    lang: Lang,
) -> anyhow::Result<()> {
    let key = format!("stranger:{}", user.id.0);
    let first = ctx
        .store
        .meta_insert_if_absent(&key, &ctx.now().to_rfc3339())
        .await?;
    tracing::info!(
        telegram_id = user.id.0,
        answered = first,
        "a message from an unknown user"
    );
    if first {
        send(bot, chat, &t!(lang, "stranger-hello"), None).await?;
    }
    Ok(())
}

/// The person's command menu; a failure only costs the menu, not the greeting.
async fn install_menu(bot: &Tg, chat: ChatId, person: &Person, lang: Lang) {
    let roles: Vec<Role> = person.roles.iter().copied().collect();
    if let Err(e) = menu::register_for(bot, chat, &roles, lang).await {
        tracing::warn!(error = %e, person = %person.id, "setting the command menu failed");
    }
}

/// Notices reach the person in the language of their app.
async fn remember_language(ctx: &BotCtx, person: &Person, lang: Lang) {
    if let Err(e) = ctx.store.set_language(person.id, Some(lang.code())).await {
        tracing::warn!(error = %e, person = %person.id, "saving the language failed");
    }
}
