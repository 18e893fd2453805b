//! Running the bot: the dispatcher (long polling or webhook), the scheduler and delivery
//! loops beside it, and a graceful stop on Ctrl-C or SIGTERM.

use teloxide::dispatching::{DefaultKey, Dispatcher};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::webhooks;

use super::ctx::{BotCtx, Tg};
use super::schema;
use crate::cli::RunArgs;

pub async fn serve(tg: Tg, ctx: BotCtx, args: RunArgs) -> anyhow::Result<()> {
    if let Err(e) = super::menu::register_defaults(&tg).await {
        tracing::warn!(error = %e, "registering the command menu failed");
    }
    let mut dispatcher = Dispatcher::builder(tg.clone(), schema())
        .dependencies(dptree::deps![ctx.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "an update handler failed",
        ))
        .enable_ctrlc_handler()
        .build();
    // (Tests use `spawn_polling`, which builds the same tree without the signal handler.)
    let stop = dispatcher.shutdown_token();
    let background = super::background::start(tg.clone(), ctx.clone());
    tokio::spawn(async move {
        terminated().await;
        tracing::info!("SIGTERM: stopping");
        if let Ok(wait) = stop.shutdown() {
            wait.await;
        }
    });
    let outcome = match (args.webhook_url, args.listen) {
        (Some(url), Some(addr)) => webhook(&mut dispatcher, &tg, &url, addr).await,
        _ => polling(&mut dispatcher, &tg, &ctx).await,
    };
    background.stop().await;
    tracing::info!("stopped");
    outcome
}

async fn polling(
    dispatcher: &mut Dispatcher<Tg, anyhow::Error, DefaultKey>,
    tg: &Tg,
    ctx: &BotCtx,
) -> anyhow::Result<()> {
    let _lease = super::lease::PollerLease::acquire(ctx).await?;
    tracing::info!("long polling started");
    dispatcher.dispatch().await;
    let _ = tg;
    Ok(())
}

/// The dispatcher built the same way for the binary and for tests.
fn dispatcher(tg: &Tg, ctx: &BotCtx) -> Dispatcher<Tg, anyhow::Error, DefaultKey> {
    Dispatcher::builder(tg.clone(), schema())
        .dependencies(dptree::deps![ctx.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "an update handler failed",
        ))
        .build()
}

/// A bot running in the background (long polling, scheduler, delivery), for end-to-end
/// tests and embedding; `stop` shuts everything down gracefully.
pub struct Running {
    stop: teloxide::dispatching::ShutdownToken,
    task: tokio::task::JoinHandle<()>,
    background: super::background::Background,
}

pub fn spawn_polling(tg: Tg, ctx: BotCtx) -> Running {
    let mut d = dispatcher(&tg, &ctx);
    let stop = d.shutdown_token();
    let background = super::background::start(tg, ctx);
    let task = tokio::spawn(async move { d.dispatch().await });
    Running {
        stop,
        task,
        background,
    }
}

impl Running {
    pub async fn stop(self) {
        if let Ok(wait) = self.stop.shutdown() {
            wait.await;
        }
        let _ = self.task.await;
        self.background.stop().await;
    }
}

async fn webhook(
    dispatcher: &mut Dispatcher<Tg, anyhow::Error, DefaultKey>,
    tg: &Tg,
    url: &str,
    addr: std::net::SocketAddr,
) -> anyhow::Result<()> {
    let url = url::Url::parse(url)?;
    // Telegram sends this secret in a header; teloxide's listener refuses requests without it.
    let secret = std::env::var("OTKLIK_WEBHOOK_SECRET").unwrap_or_else(|_| random_secret());
    let options = webhooks::Options::new(addr, url).secret_token(secret);
    let listener = webhooks::axum(tg.clone(), options).await?;
    tracing::info!(%addr, "webhook listening");
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("the webhook listener failed"),
        )
        .await;
    Ok(())
}

fn random_secret() -> String {
    use rand::distributions::Alphanumeric;
    use rand::Rng;
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(48)
        .map(char::from)
        .collect()
}

#[cfg(unix)]
async fn terminated() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminated() {
    std::future::pending().await
}
