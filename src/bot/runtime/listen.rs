//! Where updates come from: long polling that survives what teloxide's own listener does
//! not. Only the update kinds the bot handles are asked for; every update is parsed on its
//! own, so one that cannot be parsed (or panics teloxide-core's parser, as a
//! `message_reaction` without `user`/`actor_chat` does) is logged and skipped — confirmed
//! with the next offset — instead of killing the process and coming back after each restart.
//! After `getUpdates` errors the pause is short, so polling resumes within seconds of the
//! API coming back (teloxide's backoff grows to 81 s, and it waits 10 s after every 5xx).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use futures::stream::BoxStream;
use serde_json::{json, Value};
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, StopToken};
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};
use teloxide::Bot;

/// The update kinds the handler tree handles; Telegram sends no others.
pub fn allowed_updates() -> Vec<AllowedUpdate> {
    // Channel posts feed candidate intake (issue 13).
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::ChannelPost,
        AllowedUpdate::CallbackQuery,
    ]
}

/// One raw update as teloxide's type, or `None` (logged) when it cannot be parsed or its
/// parser panics.
pub fn parse_update(value: Value) -> Option<Update> {
    let parsed = parse_raw(value);
    if parsed.is_none() {
        // Skipped updates are failures an operator should see on `/metrics`.
        ::metrics::counter!(crate::ops::metrics::UPDATE_ERRORS).increment(1);
    }
    parsed
}

fn parse_raw(value: Value) -> Option<Update> {
    let id = value.get("update_id").and_then(Value::as_i64);
    // From text: teloxide's types do not all deserialize from a `Value` (a message turns
    // into `UpdateKind::Error` that way).
    let text = value.to_string();
    match catch_unwind(AssertUnwindSafe(|| serde_json::from_str::<Update>(&text))) {
        Ok(Ok(update)) if !matches!(update.kind, UpdateKind::Error(_)) => Some(update),
        Ok(Ok(_)) => {
            tracing::warn!(update_id = id, "an update of an unknown kind skipped");
            None
        }
        Ok(Err(e)) => {
            tracing::warn!(update_id = id, error = %e, "an unparseable update skipped");
            None
        }
        Err(_) => {
            tracing::error!(update_id = id, "parsing an update panicked; it is skipped");
            None
        }
    }
}

/// How long `getUpdates` waits for an update before answering empty.
const POLL_TIMEOUT_SECS: u64 = 10;

/// The pause after the `errors`-th failed `getUpdates` in a row: short and capped.
pub fn backoff(errors: u32) -> Duration {
    let ms = 250u64.saturating_mul(1 << errors.min(3));
    Duration::from_millis(ms.min(2_000))
}

/// Why a `getUpdates` call gave nothing.
enum Failed {
    /// Flood control: wait exactly this long.
    RetryAfter(Duration),
    /// Anything else (network, 5xx, 409 while a webhook is set, ...).
    Other(String),
}

/// Long polling over raw JSON (see the module docs).
pub struct Polling {
    bot: Bot,
    offset: i64,
    errors: u32,
    buffer: VecDeque<Update>,
    token: StopToken,
    flag: StopFlag,
}

impl Polling {
    /// Polling for `bot`, ended by `stop`'s token (made before the listener exists, so a
    /// stop that comes first is not lost); a webhook left set from a webhook run is removed.
    pub async fn stopped_by(bot: Bot, stop: (StopToken, StopFlag)) -> Polling {
        match bot.get_webhook_info().await {
            Ok(info) if info.url.is_some() => {
                if let Err(e) = bot.delete_webhook().await {
                    tracing::warn!(error = %e, "removing the webhook failed");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reading the webhook info failed"),
        }
        let (token, flag) = stop;
        Polling {
            bot,
            offset: 0,
            errors: 0,
            buffer: VecDeque::new(),
            token,
            flag,
        }
    }

    async fn next_update(&mut self) -> Option<Update> {
        loop {
            if let Some(update) = self.buffer.pop_front() {
                return Some(update);
            }
            if self.flag.is_stopped() {
                self.confirm().await;
                return None;
            }
            let result = tokio::select! {
                r = fetch(&self.bot, self.offset, POLL_TIMEOUT_SECS) => r,
                () = self.flag.clone() => continue,
            };
            let pause = match result {
                Ok(updates) => {
                    self.errors = 0;
                    self.take(updates);
                    continue;
                }
                Err(Failed::RetryAfter(wait)) => wait,
                Err(Failed::Other(e)) => {
                    let pause = backoff(self.errors);
                    self.errors = self.errors.saturating_add(1);
                    tracing::warn!(error = %e, pause_ms = pause.as_millis() as u64, "getUpdates failed");
                    pause
                }
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = self.flag.clone() => {}
            }
        }
    }

    /// Moves the offset past every update of the batch, parsed or not.
    fn take(&mut self, updates: Vec<Value>) {
        for value in updates {
            if let Some(id) = value.get("update_id").and_then(Value::as_i64) {
                self.offset = self.offset.max(id.saturating_add(1));
            }
            if let Some(update) = parse_update(value) {
                self.buffer.push_back(update);
            }
        }
    }

    /// Tells Telegram which updates were taken, so a restart does not get them again.
    async fn confirm(&self) {
        if self.offset > 0 {
            if let Err(Failed::Other(e)) = fetch(&self.bot, self.offset, 0).await {
                tracing::warn!(error = %e, "confirming the last updates failed");
            }
        }
    }
}

/// One `getUpdates` call, answered as raw JSON values.
async fn fetch(bot: &Bot, offset: i64, timeout: u64) -> Result<Vec<Value>, Failed> {
    let mut url = bot.api_url();
    url.path_segments_mut()
        .map_err(|()| Failed::Other("the API URL cannot take a path".into()))?
        .pop_if_empty()
        .push(&format!("bot{}", bot.token()))
        .push("getUpdates");
    let body = json!({
        "offset": offset,
        "timeout": timeout,
        "limit": if timeout == 0 { 1 } else { 100 },
        "allowed_updates": allowed_updates(),
    });
    let answer: Value = bot
        .client()
        .post(url)
        .json(&body)
        .timeout(Duration::from_secs(timeout + 10))
        .send()
        .await
        .map_err(|e| Failed::Other(e.without_url().to_string()))?
        .json()
        .await
        .map_err(|e| Failed::Other(e.without_url().to_string()))?;
    if let Some(Value::Array(updates)) = answer.get("result") {
        return Ok(updates.clone());
    }
    if let Some(secs) = answer
        .pointer("/parameters/retry_after")
        .and_then(Value::as_u64)
    {
        return Err(Failed::RetryAfter(Duration::from_secs(secs)));
    }
    let description = answer
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("no description");
    Err(Failed::Other(description.to_owned()))
}

impl UpdateListener for Polling {
    type Err = Infallible;

    fn stop_token(&mut self) -> StopToken {
        self.token.clone()
    }
}

impl<'a> AsUpdateStream<'a> for Polling {
    type StreamErr = Infallible;
    type Stream = BoxStream<'a, Result<Update, Infallible>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        Box::pin(futures::stream::unfold(self, |p| async move {
            let update = p.next_update().await?;
            Some((Ok(update), p))
        }))
    }
}

/// Lets through what teloxide can parse; an authenticated update that it cannot is logged
/// and confirmed with 200.
pub(crate) async fn poison_guard(
    secret: Option<String>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;

    let authentic = req
        .headers()
        .get("x-telegram-bot-api-secret-token")
        .map(|v| v.as_bytes())
        == secret.as_deref().map(str::as_bytes);
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if authentic {
        let parsed = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(parse_update);
        if parsed.is_none() {
            return axum::http::StatusCode::OK.into_response();
        }
    }
    let req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reaction_without_user_or_actor_chat_is_skipped_not_a_panic() {
        let poison = json!({
            "update_id": 7,
            "message_reaction": {
                "chat": { "id": 1, "type": "private", "first_name": "A" },
                "message_id": 3, "date": 1_700_000_000,
                "old_reaction": [], "new_reaction": [{ "type": "emoji", "emoji": "👍" }]
            }
        });
        assert!(parse_update(poison).is_none());
        let help = json!({ "update_id": 9, "message": {
            "message_id": 5, "date": 1_764_000_000, "text": "/help",
            "from": { "id": 2, "is_bot": false, "first_name": "П" },
            "chat": { "id": 2, "type": "private", "first_name": "П" },
            "entities": [{ "type": "bot_command", "offset": 0, "length": 5 }] } });
        assert!(matches!(
            parse_update(help).map(|u| u.kind),
            Some(UpdateKind::Message(_))
        ));
        assert!(parse_update(json!({ "update_id": 8, "message": 5 })).is_none());
        assert!(parse_update(json!("garbage")).is_none());
    }

    #[test]
    fn polling_resumes_within_seconds_after_errors() {
        assert_eq!(backoff(0), Duration::from_millis(250));
        let total: Duration = (0..50).map(backoff).max().unwrap_or_default();
        assert!(total <= Duration::from_secs(2), "{total:?}");
    }
}
