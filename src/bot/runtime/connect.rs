//! Reaching Telegram at start: unreachable is retried (see [`crate::ops::retry`]), a
//! refused token ends at once, and every error names its cause in one line.

use std::time::Duration;

use anyhow::anyhow;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::{ApiError, RequestError};

use crate::bot::ctx::Tg;
use crate::i18n::cli_lang;
use crate::ops::retry::{retry, stop_signal, Attempt, Backoff};
use crate::t;

/// The bot from the environment: `TELOXIDE_TOKEN`, and `TELOXIDE_API_URL` for a local Bot
/// API server.
pub fn from_env() -> Tg {
    Bot::from_env()
}

/// The bot's username (for invite links); `None` if a stop signal came while waiting.
pub async fn username(bot: &Tg, backoff: Backoff) -> anyhow::Result<Option<String>> {
    Ok(get_me(bot, backoff)
        .await?
        .map(|me| me.username.clone().unwrap_or_default()))
}

/// Gets the bot's own account; a refused token ends at once, an unreachable Telegram is
/// retried.
async fn get_me(bot: &Tg, backoff: Backoff) -> anyhow::Result<Option<Me>> {
    let attempt = || async { bot.get_me().await.map_err(telegram_attempt) };
    retry("Telegram", backoff, stop_signal(), attempt).await
}

fn telegram_attempt(e: RequestError) -> Attempt<anyhow::Error> {
    let lang = cli_lang();
    match e {
        RequestError::Api(ApiError::InvalidToken) => {
            Attempt::Fatal(anyhow!(t!(lang, "cli-token-refused")))
        }
        RequestError::Network(_) | RequestError::Io(_) | RequestError::RetryAfter(_) => {
            let cause = crate::ops::report::redact_token(&crate::i18n::cause(lang, &e));
            Attempt::Transient(anyhow!(t!(lang, "cli-telegram-unreachable", cause = cause)))
        }
        other => Attempt::Fatal(anyhow::Error::new(other)),
    }
}

/// `otklik check`'s token line: Telegram knows the token (within 10 s).
pub async fn check_token() -> Result<String, String> {
    let lang = cli_lang();
    if std::env::var("TELOXIDE_TOKEN").map_or(true, |t| t.trim().is_empty()) {
        return Err(t!(lang, "cli-no-token"));
    }
    let bot = from_env();
    let asked = tokio::time::timeout(Duration::from_secs(10), get_me(&bot, Backoff::ONCE));
    match asked.await {
        Ok(Ok(Some(me))) => Ok(t!(
            lang,
            "check-token-detail",
            username = me.username.clone().unwrap_or_default()
        )),
        Ok(Ok(None)) => Err(t!(lang, "cli-stopped-while-waiting")),
        Ok(Err(e)) => Err(crate::ops::report::one_line(&e)),
        Err(_) => Err(t!(
            lang,
            "cli-telegram-unreachable",
            cause = t!(lang, "cause-no-answer", secs = 10)
        )),
    }
}
