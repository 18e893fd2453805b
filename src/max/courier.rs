//! Delivers outbox rows to MAX: the same notices as in Telegram, sent to the person's MAX
//! dialog (`user_id`), and MAX's answers in the delivery loop's terms. The loop alone
//! decides about retries; its MAX pace is `SchedulerSettings::max_limits`.

use std::time::Duration;

use super::client::{Button as MaxButton, MaxClient, MaxError, NewMessage, To, UploadType};
use super::text::chunks;
use crate::domain::messenger::Messenger;
use crate::front::buttons::Button;
use crate::front::notices::{render, Outgoing};
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
}

impl MaxCourier {
    pub fn new(client: MaxClient, ctx: Ctx) -> Self {
        let reports = ReportService::new(ctx.store.clone(), ctx.config.clone(), ctx.clock.clone());
        Self {
            client,
            ctx,
            reports,
        }
    }
}

impl Courier for MaxCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let parts = match render(&self.ctx, &self.reports, item, Messenger::Max).await {
            Ok(parts) => parts,
            Err(e) => return Delivery::Transient(format!("rendering failed: {e}")),
        };
        let to = To::User(item.chat_id);
        // Resume after the parts a failed attempt already delivered.
        let done = item.parts_sent as usize;
        let total = parts.len();
        for (i, part) in parts.into_iter().enumerate().skip(done) {
            if let Err(e) = self.send(to, part).await {
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
    async fn send(&self, to: To, part: Outgoing) -> Result<(), MaxError> {
        match part {
            Outgoing::Text { html, keyboard } => {
                send_html(&self.client, to, &html, &keyboard.unwrap_or_default()).await
            }
            // Cards are recorded for Telegram only, so MAX never gets an edit; were it to,
            // the new text arrives as a message.
            Outgoing::Edit { html, .. } => send_html(&self.client, to, &html, &[]).await,
            Outgoing::File { kind, file_id } => {
                // Ids of files received in Telegram mean nothing to MAX; the card says a
                // file exists, and it is seen in Telegram.
                tracing::info!(?kind, "a Telegram file is not forwarded to MAX");
                drop(file_id);
                Ok(())
            }
            Outgoing::Album { files } => {
                tracing::info!(
                    files = files.len(),
                    "a Telegram album is not forwarded to MAX"
                );
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
    let parts = chunks(html);
    let last = parts.len().saturating_sub(1);
    for (i, text) in parts.into_iter().enumerate() {
        let mut msg = NewMessage::html(text);
        if i == last {
            msg = msg.with_keyboard(keyboard(rows));
        }
        client.send(to, &msg).await?;
    }
    Ok(())
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
