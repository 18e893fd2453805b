//! Delivers outbox rows to Telegram: renders each notice for its recipient (their language,
//! their buttons) and classifies Telegram's answer for the delivery loop, which alone
//! decides about retries.

use teloxide::prelude::*;
use teloxide::types::{ChatId, InputFile};
use teloxide::{ApiError, RequestError};

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::notices::{render, Outgoing};
use crate::bot::reply::send;
use crate::domain::case::AttachmentKind;
use crate::scheduler::{Courier, Delivery};
use crate::storage::OutboxItem;

#[derive(Clone)]
pub struct TelegramCourier {
    pub bot: Tg,
    pub ctx: BotCtx,
}

impl Courier for TelegramCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let parts = match render(&self.ctx, item).await {
            Ok(parts) => parts,
            Err(e) => return Delivery::Transient(format!("rendering failed: {e}")),
        };
        let chat = ChatId(item.chat_id);
        // Resume after the parts a failed attempt already delivered.
        let done = item.parts_sent as usize;
        let total = parts.len();
        for (i, part) in parts.into_iter().enumerate().skip(done) {
            if let Err(e) = self.send(chat, part).await {
                return classify(e);
            }
            if i + 1 < total {
                if let Err(e) = self.ctx.store.mark_progress(item.id, (i + 1) as u32).await {
                    tracing::warn!(error = %e, row = item.id, "recording delivery progress failed");
                }
            }
        }
        Delivery::Sent
    }
}

impl TelegramCourier {
    async fn send(&self, chat: ChatId, part: Outgoing) -> Result<(), RequestError> {
        let bot = &self.bot;
        match part {
            Outgoing::Text { html, keyboard } => {
                send(bot, chat, &html, keyboard).await?;
            }
            Outgoing::File { kind, file_id } => {
                let file = InputFile::file_id(file_id.into());
                match kind {
                    AttachmentKind::Photo => drop(bot.send_photo(chat, file).await?),
                    AttachmentKind::Video => drop(bot.send_video(chat, file).await?),
                    AttachmentKind::Document => drop(bot.send_document(chat, file).await?),
                }
            }
            Outgoing::Upload { name, bytes } => {
                drop(
                    bot.send_document(chat, InputFile::memory(bytes).file_name(name))
                        .await?,
                );
            }
        }
        Ok(())
    }
}

/// Telegram's answer in the delivery loop's terms.
pub fn classify(e: RequestError) -> Delivery {
    match e {
        RequestError::RetryAfter(secs) => Delivery::RetryAfter(secs.duration()),
        RequestError::Api(api) => match api {
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::CantInitiateConversation
            | ApiError::CantTalkWithBots
            | ApiError::ChatNotFound => Delivery::Unreachable,
            ApiError::Unknown(text) if is_server_side(&text) => Delivery::Transient(text),
            other => Delivery::Permanent(other.to_string()),
        },
        other => Delivery::Transient(other.to_string()),
    }
}

/// Unknown API errors that are the server's trouble (5xx), not the request's.
fn is_server_side(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "internal",
        "bad gateway",
        "gateway",
        "unavailable",
        "timeout",
        "too many",
    ]
    .iter()
    .any(|w| t.contains(w))
}
