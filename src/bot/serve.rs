//! Running the bot: the dispatcher (long polling or webhook), the scheduler and delivery
//! loops beside it, and a graceful stop on Ctrl-C or SIGTERM.

use teloxide::dispatching::{DefaultKey, Dispatcher, ShutdownToken};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use tokio::task::JoinHandle;

use super::background::{self, Background};
use super::ctx::{BotCtx, Tg};
use super::lease::PollerLease;
use super::schema;
use super::webhook::{self as hook, WebhookSetup};

type Disp = Dispatcher<Tg, anyhow::Error, DefaultKey>;

/// How the adapter receives updates; the wiring fills it from the command line.
#[derive(Debug, Default)]
pub struct ServeOptions {
    /// Receive updates by webhook (its listener already bound) instead of long polling.
    pub webhook: Option<WebhookSetup>,
}

/// Serves until Ctrl-C or SIGTERM: by webhook when one is set up, else by long polling.
pub async fn serve(tg: Tg, ctx: BotCtx, options: ServeOptions) -> anyhow::Result<()> {
    // A refused second poller must do no work at all, so the lease comes first.
    let webhook_at = options.webhook;
    let _lease = match webhook_at {
        Some(_) => None,
        None => Some(PollerLease::acquire(&ctx).await?),
    };
    if let Err(e) = super::menu::register_defaults(&tg).await {
        tracing::warn!(error = %e, "registering the command menu failed");
    }
    let mut dispatcher = dispatcher(&tg, &ctx);
    let stop = dispatcher.shutdown_token();
    let background = background::start(tg.clone(), ctx.clone());
    tokio::spawn(async move {
        stopped().await;
        tracing::info!("stopping");
        if let Ok(wait) = stop.shutdown() {
            wait.await;
        }
    });
    let outcome = match webhook_at {
        Some(setup) => webhook(&mut dispatcher, &tg, setup).await,
        None => {
            tracing::info!("long polling started");
            dispatcher.dispatch().await;
            Ok(())
        }
    };
    background.stop().await;
    tracing::info!("stopped");
    outcome
}

/// The dispatcher, built the same way for the binary and for tests.
fn dispatcher(tg: &Tg, ctx: &BotCtx) -> Disp {
    Dispatcher::builder(tg.clone(), super::trace::traced(schema()))
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
    stop: ShutdownToken,
    task: JoinHandle<()>,
    background: Background,
}

pub fn spawn_polling(tg: Tg, ctx: BotCtx) -> Running {
    let mut d = dispatcher(&tg, &ctx);
    let stop = d.shutdown_token();
    let background = background::start(tg, ctx);
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

async fn webhook(dispatcher: &mut Disp, tg: &Tg, setup: WebhookSetup) -> anyhow::Result<()> {
    let listener = hook::listen(tg, setup).await?;
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("the webhook listener failed"),
        )
        .await;
    Ok(())
}

/// Ctrl-C or SIGTERM (the signal Docker and systemd stop a service with).
async fn stopped() {
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminated() => {}
    }
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
