//! Sending, editing and answering with HTML, the same way everywhere. Each request is
//! retried a few times (`retry`), so a confirmation or a redrawn card survives one 429 or
//! 500 and the screen ends up matching the state.

use teloxide::payloads::{EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::*;
use teloxide::types::{ChatId, LinkPreviewOptions, MessageId, ParseMode};

use crate::bot::ctx::Tg;
use crate::bot::format::split;
use crate::bot::markup::markup;
use crate::bot::retry::retrying;
use crate::front::buttons::Keyboard;

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

pub use crate::front::buttons::{button, keyboard};

/// Sends HTML text (split if over the limit; the keyboard goes with the last part) and
/// returns the id of the last message.
pub async fn send(
    bot: &Tg,
    chat: ChatId,
    html: &str,
    kb: Option<Keyboard>,
) -> Result<MessageId, teloxide::RequestError> {
    let parts = split(html);
    let last = parts.len().saturating_sub(1);
    let mut id = MessageId(0);
    for (i, part) in parts.iter().enumerate() {
        let mut req = bot
            .send_message(chat, part)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if i == last {
            if let Some(kb) = &kb {
                req = req.reply_markup(markup(kb));
            }
        }
        id = retrying("sendMessage", || req.send_ref()).await?.id;
    }
    Ok(id)
}

/// Edits a message in place; "message is not modified" is not an error for us.
pub async fn edit(
    bot: &Tg,
    chat: ChatId,
    id: MessageId,
    html: &str,
    kb: Option<Keyboard>,
) -> Result<(), teloxide::RequestError> {
    let text = split(html).into_iter().next().unwrap_or_default();
    let mut req = bot
        .edit_message_text(chat, id, text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview());
    if let Some(kb) = &kb {
        req = req.reply_markup(markup(kb));
    }
    match retrying("editMessageText", || req.send_ref()).await {
        Ok(_) => Ok(()),
        Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Answers a button press with a short notice (shown as a toast, or an alert if `alert`).
/// A toast that still fails after the retries is only logged: what follows it (the card
/// redraw) matters more than the toast.
pub async fn toast(bot: &Tg, q: &CallbackQuery, text: &str, alert: bool) -> anyhow::Result<()> {
    let req = bot
        .answer_callback_query(q.id.clone())
        .text(text)
        .show_alert(alert);
    if let Err(e) = retrying("answerCallbackQuery", || req.send_ref()).await {
        tracing::warn!(error = %e, "answering a press failed");
    }
    Ok(())
}

/// Answers a press without a text, retried; a failure is only logged, so whatever the
/// handler does next (a card redraw) still happens.
pub async fn ack(bot: &Tg, q: &CallbackQuery) {
    let req = bot.answer_callback_query(q.id.clone());
    if let Err(e) = retrying("answerCallbackQuery", || req.send_ref()).await {
        tracing::warn!(error = %e, "answering a press failed");
    }
}

/// The chat and message a pressed button belongs to, if the message is still accessible.
pub fn pressed_message(q: &CallbackQuery) -> Option<(ChatId, MessageId)> {
    q.message.as_ref().map(|m| (m.chat().id, m.id()))
}
