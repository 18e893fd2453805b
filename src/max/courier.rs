//! Delivers outbox rows to MAX: the same notices as in Telegram, sent to the person's MAX
//! dialog (`user_id`), and MAX's answers in the delivery loop's terms. The loop alone
//! decides about retries; its MAX pace is `SchedulerSettings::max_limits`.

use std::sync::Arc;
use std::time::Duration;

use super::client::{Button as MaxButton, MaxClient, MaxError, NewMessage, To, UploadType};
use super::text::chunks;
use super::{cards, files};
use crate::domain::messenger::Messenger;
use crate::front::buttons::Button;
use crate::front::format::esc;
use crate::front::notices::{recipient_lang, render, Outgoing};
use crate::front::transfer::FileSource;
use crate::front::Ctx;
use crate::scheduler::{Courier, Delivery};
use crate::service::report::ReportService;
use crate::storage::OutboxItem;

#[derive(Clone)]
pub struct MaxCourier {
    pub client: MaxClient,
    pub ctx: Ctx,
    /// The stored monthly summary files.
    pub reports: ReportService,
    /// Fetches files received in Telegram (п.16); without it they are named, not sent.
    pub telegram_files: Option<Arc<dyn FileSource>>,
}

impl MaxCourier {
    pub fn new(client: MaxClient, ctx: Ctx) -> Self {
        let reports = ReportService::new(ctx.store.clone(), ctx.config.clone(), ctx.clock.clone());
        Self {
            client,
            ctx,
            reports,
            telegram_files: None,
        }
    }

    /// With the Telegram bot that fetches files received in Telegram.
    pub fn with_telegram_files(mut self, source: Arc<dyn FileSource>) -> Self {
        self.telegram_files = Some(source);
        self
    }
}

impl Courier for MaxCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let parts = match render(&self.ctx, &self.reports, item, Messenger::Max).await {
            Ok(parts) => files::one_by_one(parts),
            Err(e) => return Delivery::Transient(format!("rendering failed: {e}")),
        };
        let to = To::User(item.chat_id);
        // Resume after the parts a failed attempt already delivered.
        let done = item.parts_sent as usize;
        let total = parts.len();
        for (i, part) in parts.into_iter().enumerate().skip(done) {
            if let Err(e) = self.send(item, to, part).await {
                return classify(&e);
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

impl MaxCourier {
    async fn send(&self, item: &OutboxItem, to: To, part: Outgoing) -> Result<(), MaxError> {
        match part {
            Outgoing::Text { html, keyboard } => {
                let rows = keyboard.unwrap_or_default();
                let mid = send_card(&self.client, to, &html, &rows).await?;
                if let Some(case) = item.case_id.filter(|_| !rows.is_empty()) {
                    let whose = (item.person, item.chat_id);
                    cards::drawn(&self.ctx, whose, &mid, case, Some(&rows)).await;
                }
                Ok(())
            }
            Outgoing::Edit { message_id, html } => {
                cards::edit_left(&self.client, &self.ctx, message_id, &html).await
            }
            Outgoing::File { file } => {
                let lang = recipient_lang(&self.ctx, item).await;
                let source = self.telegram_files.as_ref();
                let how = (item.attempts, lang);
                match files::send(&self.client, source, to, &file, how).await? {
                    Some(line) => send_html(&self.client, to, &esc(&line), &[]).await,
                    None => Ok(()),
                }
            }
            Outgoing::Album { files } => {
                // Split into single files before sending (`files::one_by_one`).
                tracing::warn!(files = files.len(), "an album reached MAX unsplit");
                Ok(())
            }
            Outgoing::Stored(file) => {
                // Uploaded for each recipient: MAX's tokens are not kept yet. A storage
                // hiccup reading it is retried by the delivery loop like a network failure.
                let bytes = self.reports.content(&file).await.map_err(|e| {
                    MaxError::Network(format!("reading the stored summary file: {e}"))
                })?;
                send_named_file(&self.client, to, &file.name, bytes).await
            }
        }
    }
}

/// Sends HTML text, split under MAX's length limit; the buttons go with the last part.
pub async fn send_html(
    client: &MaxClient,
    to: To,
    html: &str,
    rows: &[Vec<Button>],
) -> Result<(), MaxError> {
    send_card(client, to, html, rows).await.map(drop)
}

/// [`send_html`], returning the id of the last message (the one with the buttons).
pub async fn send_card(
    client: &MaxClient,
    to: To,
    html: &str,
    rows: &[Vec<Button>],
) -> Result<String, MaxError> {
    let parts = chunks(html);
    let last = parts.len().saturating_sub(1);
    let mut mid = String::new();
    for (i, text) in parts.into_iter().enumerate() {
        let mut msg = NewMessage::html(text);
        if i == last {
            msg = msg.with_keyboard(keyboard(rows));
        }
        mid = client.send(to, &msg).await?.body.mid;
    }
    Ok(mid)
}

/// Uploads and sends a summary file: the chart as an image, anything else as a file.
pub async fn send_named_file(
    client: &MaxClient,
    to: To,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(), MaxError> {
    let kind = if name.ends_with(".png") {
        UploadType::Image
    } else {
        UploadType::File
    };
    client.send_file(to, kind, name, bytes).await
}

/// Neutral buttons as MAX buttons.
pub fn keyboard(rows: &[Vec<Button>]) -> Vec<Vec<MaxButton>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|b| match b {
                    Button::Callback { text, data } => MaxButton::Callback {
                        text: text.clone(),
                        payload: data.clone(),
                    },
                    Button::Link { text, url } => MaxButton::Link {
                        text: text.clone(),
                        url: url.clone(),
                    },
                })
                .collect()
        })
        .collect()
}

/// MAX's answer in the delivery loop's terms.
pub fn classify(e: &MaxError) -> Delivery {
    match e {
        MaxError::RateLimited { retry_after } => {
            Delivery::RetryAfter(retry_after.unwrap_or(Duration::from_secs(1)))
        }
        // Blocked by the person, or no dialog with them: stop writing, tell the curators.
        MaxError::Forbidden(_) | MaxError::NotFound(_) => Delivery::Unreachable,
        MaxError::Unauthorized
        | MaxError::AttachmentNotReady
        | MaxError::Server { .. }
        | MaxError::Network(_) => Delivery::Transient(e.to_string()),
        MaxError::Api { .. } | MaxError::Decode(_) | MaxError::Setup(_) => {
            Delivery::Permanent(e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_answers_map_to_delivery_outcomes() {
        let limited = MaxError::RateLimited {
            retry_after: Some(Duration::from_secs(4)),
        };
        assert_eq!(
            classify(&limited),
            Delivery::RetryAfter(Duration::from_secs(4))
        );
        let unknown_wait = MaxError::RateLimited { retry_after: None };
        assert_eq!(
            classify(&unknown_wait),
            Delivery::RetryAfter(Duration::from_secs(1))
        );
        assert_eq!(
            classify(&MaxError::Forbidden("blocked".into())),
            Delivery::Unreachable
        );
        assert!(matches!(
            classify(&MaxError::Server {
                status: 502,
                message: String::new()
            }),
            Delivery::Transient(_)
        ));
        assert!(matches!(
            classify(&MaxError::Network("reset".into())),
            Delivery::Transient(_)
        ));
        let bad = MaxError::Api {
            status: 400,
            code: "proto.payload".into(),
            message: "bad".into(),
        };
        assert!(matches!(classify(&bad), Delivery::Permanent(_)));
    }
}
