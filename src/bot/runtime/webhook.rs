//! Webhook mode for replicas behind a load balancer: every replica derives the same secret,
//! (re)sets the same webhook at start, and never removes it when it stops, so stopping one
//! replica does not cut the others off. Removing the webhook is `otklik webhook delete`.

use std::net::SocketAddr;

use anyhow::Context;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use teloxide::prelude::*;
use teloxide::update_listeners::webhooks;

use crate::bot::ctx::Tg;

/// The environment variable that overrides the derived secret.
pub const SECRET_ENV: &str = "OTKLIK_WEBHOOK_SECRET";

/// The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`: `OTKLIK_WEBHOOK_SECRET`,
/// or else derived from the token, so replicas agree without talking to each other.
pub fn secret(token: &str) -> anyhow::Result<String> {
    match std::env::var(SECRET_ENV) {
        Ok(s) if !s.is_empty() => {
            anyhow::ensure!(
                valid_secret(&s),
                "{SECRET_ENV} may hold 1–256 characters A–Z, a–z, 0–9, _ and -"
            );
            Ok(s)
        }
        _ => Ok(derived_secret(token)),
    }
}

/// HMAC-SHA-256 of a fixed label keyed by the token, in hex: stable for a token, reveals
/// nothing about it, and within Telegram's allowed characters.
pub fn derived_secret(token: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(token.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"otklik webhook secret v1");
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn valid_secret(s: &str) -> bool {
    (1..=256).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Takes the listen address before anything talks to Telegram, so a port in use is one clear
/// error instead of a webhook that points at nobody.
pub fn bind(addr: SocketAddr) -> anyhow::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr)
        .with_context(|| format!("cannot listen on {addr} (--listen)"))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// What webhook mode needs, prepared before the first call to Telegram.
#[derive(Debug)]
pub struct WebhookSetup {
    pub listener: std::net::TcpListener,
    pub url: url::Url,
    pub secret: String,
}

/// Sets the webhook (the same call from every replica, so repeating it is harmless) and
/// serves it on `listener` until the dispatcher stops; the webhook stays registered.
pub async fn listen(
    tg: &Tg,
    setup: WebhookSetup,
) -> anyhow::Result<impl teloxide::update_listeners::UpdateListener<Err = std::convert::Infallible>>
{
    let WebhookSetup {
        listener,
        url,
        secret,
    } = setup;
    let addr = listener.local_addr()?;
    tg.set_webhook(url.clone())
        .secret_token(secret.clone())
        .allowed_updates(super::listen::allowed_updates())
        .drop_pending_updates(false)
        .await
        .context("setWebhook failed")?;
    let options = webhooks::Options::new(addr, url).secret_token(secret.clone());
    // `axum_no_setup`: teloxide's own `axum` deletes the webhook when it stops.
    let (updates, stopped, router) = webhooks::axum_no_setup(options);
    let secret = Some(secret);
    let router = router.layer(axum::middleware::from_fn(move |req, next| {
        super::listen::poison_guard(secret.clone(), req, next)
    }));
    let listener = tokio::net::TcpListener::from_std(listener)?;
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "the webhook server failed");
        }
    });
    tracing::info!(%addr, "webhook listening");
    Ok(updates)
}

/// `otklik webhook delete`: the one way to remove the webhook (e.g. to go back to polling).
pub async fn delete(bot: &Bot) -> anyhow::Result<()> {
    bot.delete_webhook().await.context("deleteWebhook failed")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_secret_is_stable_per_token_and_allowed_by_telegram() {
        let a = derived_secret("123:abc");
        assert_eq!(a, derived_secret("123:abc"));
        assert_ne!(a, derived_secret("123:abd"));
        assert_eq!(a.len(), 64);
        assert!(valid_secret(&a), "{a}");
        assert!(!a.contains("abc"));
    }

    #[test]
    fn only_telegram_secret_characters_are_accepted() {
        assert!(valid_secret("A-z_09"));
        for bad in ["", "with space", "slash/", "ё", &"x".repeat(257)] {
            assert!(!valid_secret(bad), "{bad:?}");
        }
    }
}
