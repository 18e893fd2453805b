//! Delivers outbox rows to Telegram: renders each notice for its recipient (their language,
//! their buttons) and classifies Telegram's answer for the delivery loop, which alone
//! decides about retries.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{ChatId, InputFile, MessageId};
use teloxide::{ApiError, RequestError};

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::media;
use crate::bot::notices::{render, Outgoing};
use crate::bot::reply::{edit, send};
use crate::domain::case::Attachment;
use crate::domain::messenger::Messenger;
use crate::front::transfer::FetchError;
use crate::scheduler::{Courier, Delivery};
use crate::service::report::{ReportError, ReportService, StoredFile};
use crate::storage::OutboxItem;

/// The name stored file ids are kept under.
const MESSENGER: &str = "telegram";

#[derive(Clone)]
pub struct TelegramCourier {
    bot: Tg,
    ctx: BotCtx,
    reports: ReportService,
    /// The first upload of a stored file happens once; recipients sent to at the same time
    /// wait for its file id instead of uploading the same bytes again.
    uploading: Arc<tokio::sync::Mutex<()>>,
}

/// Why one part did not go.
enum SendError {
    Telegram(RequestError),
    Report(ReportError),
    /// A file received in MAX could not be had yet.
    Fetch(FetchError),
}

impl From<FetchError> for SendError {
    fn from(e: FetchError) -> Self {
        Self::Fetch(e)
    }
}

impl From<RequestError> for SendError {
    fn from(e: RequestError) -> Self {
        Self::Telegram(e)
    }
}

impl From<ReportError> for SendError {
    fn from(e: ReportError) -> Self {
        Self::Report(e)
    }
}

impl Courier for TelegramCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let parts = match render(&self.ctx, &self.reports, item, Messenger::Telegram).await {
            Ok(parts) => parts,
            Err(e) => return Delivery::Transient(format!("rendering failed: {e}")),
        };
        let chat = ChatId(item.chat_id);
        // Resume after the parts a failed attempt already delivered.
        let done = item.parts_sent as usize;
        let total = parts.len();
        for (i, part) in parts.into_iter().enumerate().skip(done) {
            if i > done {
                // The loop reserved one slot per row; later parts keep the chat's pace.
                tokio::time::sleep(part_spacing(item.chat_id)).await;
            }
            match self.send(item, chat, part).await {
                Ok(()) => {}
                Err(SendError::Telegram(e)) => return classify(e),
                Err(SendError::Report(e)) => return Delivery::Transient(e.to_string()),
                Err(SendError::Fetch(e)) => return Delivery::Transient(e.to_string()),
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
    /// `reports` is shared with the scheduler, which stores the summary before queueing it.
    pub fn new(bot: Tg, ctx: BotCtx, reports: ReportService) -> Self {
        Self {
            bot,
            ctx,
            reports,
            uploading: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    async fn send(&self, item: &OutboxItem, chat: ChatId, part: Outgoing) -> Result<(), SendError> {
        let bot = &self.bot;
        match part {
            Outgoing::Text { html, keyboard } => {
                let id = send(bot, chat, &html, keyboard.clone()).await?;
                if let (Some(case), Some(kb)) = (item.case_id, keyboard.as_ref()) {
                    let at = (chat, id);
                    crate::bot::tracked::card_drawn(&self.ctx, item.person, at, case, Some(kb))
                        .await;
                }
            }
            Outgoing::Edit { message_id, html } => {
                let id = MessageId(i32::try_from(message_id).unwrap_or_default());
                match edit(bot, chat, id, &html, None).await {
                    // The card is gone or already shows this: nothing left to redraw.
                    Err(RequestError::Api(
                        ApiError::MessageNotModified
                        | ApiError::MessageToEditNotFound
                        | ApiError::MessageCantBeEdited,
                    )) => {}
                    other => other?,
                }
            }
            Outgoing::File { file } => self.send_files(item, chat, &[file]).await?,
            Outgoing::Album { files } => self.send_files(item, chat, &files).await?,
            Outgoing::Stored(file) => self.send_stored(chat, &file).await?,
        }
        Ok(())
    }

    /// п.16: one file or an album, in one request: files received in MAX are downloaded
    /// and uploaded; the ones that cannot be carried are named in the caption (or, with
    /// none left, in a text), so a retried row never sends a part twice.
    async fn send_files(
        &self,
        item: &OutboxItem,
        chat: ChatId,
        files: &[Attachment],
    ) -> Result<(), SendError> {
        let lang = crate::front::notices::recipient_lang(&self.ctx, item).await;
        let (mut files, lines) = media::carried(files, item.attempts, lang).await?;
        let caption = lines.join("\n");
        match files.len() {
            0 if caption.is_empty() => {}
            0 => drop(send(&self.bot, chat, &crate::bot::format::esc(&caption), None).await?),
            1 => media::send_one(&self.bot, chat, files.remove(0), &caption).await?,
            _ => drop(
                self.bot
                    .send_media_group(chat, media::input_media(files, &caption))
                    .await?,
            ),
        }
        Ok(())
    }

    /// Sends a stored file by the id of its first upload, uploading it if there is none
    /// yet (or Telegram no longer knows the id).
    async fn send_stored(&self, chat: ChatId, file: &StoredFile) -> Result<(), SendError> {
        if let Some(id) = self.reports.file_id(file, MESSENGER).await? {
            match self
                .bot
                .send_document(chat, InputFile::file_id(id.into()))
                .await
            {
                Err(RequestError::Api(e)) if is_stale_file_id(&e) => {
                    tracing::warn!(file = %file.name, "stored file id refused; uploading again");
                    self.reports.forget_file_id(file, MESSENGER).await?;
                }
                sent => {
                    sent?;
                    return Ok(());
                }
            }
        }
        let _one = self.uploading.lock().await;
        // Another recipient may have uploaded it while this one waited.
        if let Some(id) = self.reports.file_id(file, MESSENGER).await? {
            drop(_one);
            self.bot
                .send_document(chat, InputFile::file_id(id.into()))
                .await?;
            return Ok(());
        }
        let bytes = self.reports.content(file).await?;
        let upload = InputFile::memory(bytes).file_name(file.name.clone());
        let message = self.bot.send_document(chat, upload).await?;
        if let Some(doc) = message.document() {
            let id = doc.file.id.to_string();
            // The document arrived: a failure to remember its id costs one more upload
            // later, not a second copy now.
            if let Err(e) = self.reports.remember_file_id(file, MESSENGER, &id).await {
                tracing::warn!(error = %e, file = %file.name, "storing the file id failed");
            }
        }
        Ok(())
    }
}

/// The pause between two parts of one row (a card and its files, the monthly summary):
/// a private chat's interval, or a group's.
fn part_spacing(chat: i64) -> std::time::Duration {
    let limits = crate::scheduler::RateLimits::default();
    if chat < 0 {
        limits.group_interval
    } else {
        limits.per_chat_interval
    }
}

fn is_stale_file_id(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::WrongFileId | ApiError::WrongFileIdOrUrl | ApiError::FileIdInvalid
    )
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
            // Every 403 means the bot may not write there (blocked, never started,
            // deactivated, kicked); teloxide knows only some of Telegram's wordings.
            ApiError::Unknown(text) if is_forbidden(&text) => Delivery::Unreachable,
            ApiError::Unknown(text) if is_server_side(&text) => Delivery::Transient(text),
            other => Delivery::Permanent(other.to_string()),
        },
        other => Delivery::Transient(other.to_string()),
    }
}

/// Telegram's 403 descriptions all start with "Forbidden:".
fn is_forbidden(text: &str) -> bool {
    text.trim_start()
        .get(..10)
        .is_some_and(|p| p.eq_ignore_ascii_case("forbidden:"))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn api(description: &str) -> RequestError {
        let e: ApiError = serde_json::from_value(serde_json::json!(description))
            .unwrap_or(ApiError::Unknown(description.into()));
        RequestError::Api(e)
    }

    #[test]
    fn every_403_form_telegram_sends_means_unreachable() {
        for form in [
            "Forbidden: bot was blocked by the user",
            "Forbidden: bot can't initiate conversation with a user",
            "Unauthorized: bot can't initiate conversation with a user",
            "Forbidden: user is deactivated",
            "Forbidden: bot was kicked from the group chat",
            "Forbidden: bot was kicked from the supergroup chat",
            "Forbidden: bot can't send messages to bots",
            "Forbidden: the user has been deleted",
            "Forbidden: bot is not a member of the supergroup chat",
        ] {
            assert_eq!(classify(api(form)), Delivery::Unreachable, "{form}");
        }
    }

    #[test]
    fn a_bad_request_is_permanent_and_a_server_error_transient() {
        assert!(matches!(
            classify(api("Bad Request: message text is empty")),
            Delivery::Permanent(_)
        ));
        assert!(matches!(
            classify(api("Internal Server Error")),
            Delivery::Transient(_)
        ));
    }
}
