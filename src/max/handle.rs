//! One MAX update: who sent it (by MAX user id, never by what the client claims), then
//! commands, settings and button presses. Presses run the same storage commands as the
//! Telegram front end and show the same cards.

use super::client::{Callback, Message, NewMessage, To, Update, User};
use super::courier::send_html;
use super::serve::MaxFront;
use super::{admin, dialogs, invite, lists, menu, notice, press, report};
use crate::domain::messenger::Messenger;
use crate::front::dialog::Dialog;
use crate::front::refusal::role_name;
use crate::front::start::{invite_token, is_token};
use crate::front::who::Who;
use crate::i18n::Lang;
use crate::storage::StoreError;
use crate::t;

pub async fn handle(front: &MaxFront, update: Update) {
    let sender = match &update {
        Update::MessageCreated { message } => message.sender.clone(),
        Update::MessageCallback { callback, .. } => Some(callback.user.clone()),
        Update::BotStarted { user, .. } => Some(user.clone()),
        Update::Other => None,
    };
    let result = match update {
        Update::MessageCreated { message } => on_message(front, message).await,
        Update::MessageCallback { callback, message } => {
            super::callbacks::on_callback(front, callback, message).await
        }
        Update::BotStarted { user, payload, .. } => {
            on_started(front, &user, payload.as_deref()).await
        }
        Update::Other => Ok(()),
    };
    if let Err(e) = result {
        tracing::error!(error = %e, "a MAX update handler failed");
        // The person learns that nothing was done, rather than waiting.
        if let Some(user) = sender {
            let _ = say(front, &user, &t!(Lang::Ru, "press-failed")).await;
        }
    }
}

/// The active person behind a MAX account, with their roles as the server knows them.
/// One read for the person, their roles and settings; the last messenger is written only
/// when it changed (issue 15).
pub async fn identify(front: &MaxFront, user: &User) -> Result<Option<Who>, StoreError> {
    let store = &front.ctx.store;
    let Some(found) = store.identity_by_max(user.user_id).await? else {
        return Ok(None);
    };
    if found.last_messenger != Some(Messenger::Max) {
        store
            .note_messenger(found.person.id, Messenger::Max)
            .await?;
    }
    Ok(Some(Who {
        lang: Lang::from_code(found.language.as_deref()),
        person: found.person,
        actor: found.actor,
        directory_generation: found.directory_generation,
    }))
}

/// The person opened the bot, perhaps through an invite link (its token is the payload).
async fn on_started(front: &MaxFront, user: &User, payload: Option<&str>) -> anyhow::Result<()> {
    let token = payload.map(str::trim).filter(|t| is_token(t));
    let who = identify(front, user).await?;
    match (who, token) {
        (Some(who), Some(token)) => {
            let header = t!(who.lang, "start-invite-accepted");
            invite::redeem(front, user, who.lang, token, header).await
        }
        (None, Some(token)) => {
            let header = t!(Lang::Ru, "start-welcome");
            invite::redeem(front, user, Lang::Ru, token, header).await
        }
        (Some(who), None) => greet(front, user, &who).await,
        (None, None) => stranger(front, user).await,
    }
}

async fn on_message(front: &MaxFront, message: Message) -> anyhow::Result<()> {
    // Only dialogs with the bot: group chats are no place for case work.
    let Some(user) = message
        .sender
        .filter(|_| message.recipient.chat_type == "dialog")
    else {
        return Ok(());
    };
    let files = super::files::received(message.body.attachments.as_deref().unwrap_or_default());
    let text = message.body.text.unwrap_or_default();
    if let Some(token) = invite_token(&text) {
        return on_started(front, &user, Some(token)).await;
    }
    let Some(who) = identify(front, &user).await? else {
        return stranger(front, &user).await;
    };
    let command = text.split_whitespace().next().unwrap_or_default();
    let arg = text.trim_start().get(command.len()..).unwrap_or_default();
    match command {
        "/start" => greet(front, &user, &who).await,
        "/help" => menu::help(front, &user, &who).await,
        "/settings" => press::show_settings(front, &user, &who).await,
        "/cancel" => dialogs::cancel(front, &user, &who).await,
        "/my" => lists::my(front, &user, &who).await,
        "/overdue" => lists::overdue(front, &user, &who).await,
        "/case" => lists::case(front, &user, &who, arg).await,
        "/report" => report::on_demand(front, &user, &who, arg).await,
        "/notice" => notice::start(front, &user, &who, arg).await,
        "/new" => super::intake::on_text(front, &user, &who, arg).await,
        "/people" | "/units" | "/lists" | "/set" | "/invite" => {
            admin::run(front, &user, &who, command, arg).await
        }
        _ => match dialogs::awaited(front, &user).await? {
            Some(Dialog::Deficiency { unit, case }) => {
                let mid = &message.body.mid;
                notice::on_text(front, &user, &who, (unit, case), text, mid).await
            }
            Some(d) => {
                let reply = (text, files);
                dialogs::on_reply(front, &user, &who, d, reply, &message.body.mid).await
            }
            None => super::intake::on_text(front, &user, &who, &text).await,
        },
    }
}

async fn greet(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    let roles: Vec<String> = who
        .person
        .roles
        .iter()
        .map(|r| role_name(*r, who.lang))
        .collect();
    let text = [
        t!(
            who.lang,
            "start-hello",
            name = crate::front::format::esc(&who.person.name)
        ),
        t!(who.lang, "start-roles", roles = roles.join(", ")),
        t!(who.lang, "max-hello"),
    ]
    .join("\n");
    say(front, user, &text).await
}

async fn stranger(front: &MaxFront, user: &User) -> anyhow::Result<()> {
    tracing::info!(max_id = user.user_id, "a MAX message from an unknown user");
    say(front, user, &t!(Lang::Ru, "max-stranger")).await
}

/// Sends HTML text to the person's dialog.
pub async fn say(front: &MaxFront, user: &User, html: &str) -> anyhow::Result<()> {
    send_html(&front.client, To::User(user.user_id), html, &[]).await?;
    Ok(())
}

/// Acknowledges a press, replacing the pressed message if `replace` is given.
pub async fn ack(
    front: &MaxFront,
    cb: &Callback,
    replace: Option<NewMessage>,
) -> anyhow::Result<()> {
    front
        .client
        .answer(&cb.callback_id, replace.as_ref())
        .await?;
    Ok(())
}
