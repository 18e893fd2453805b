//! Running the bot: the dispatcher (long polling or webhook), the scheduler and delivery
//! loops beside it, and a graceful stop on Ctrl-C or SIGTERM.

use std::sync::Arc;

use teloxide::dispatching::{DefaultKey, Dispatcher, ShutdownToken, UpdateHandler};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::UpdateListener;
use tokio::task::JoinHandle;

use crate::bot::background::{self, Background};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::lease::PollerLease;
use crate::bot::webhook::{self as hook, WebhookSetup};
use crate::ops::signal::stopped;
use crate::scheduler::{Courier, NoCourier, Pace};

type Disp = Dispatcher<Tg, anyhow::Error, DefaultKey>;

/// How the adapter receives updates; the wiring fills it from the command line.
#[derive(Debug, Default)]
pub struct ServeOptions {
    /// Receive updates by webhook (its listener already bound) instead of long polling.
    pub webhook: Option<WebhookSetup>,
}

/// Serves until Ctrl-C or SIGTERM: by webhook when one is set up, else by long polling.
pub async fn serve(tg: Tg, ctx: BotCtx, options: ServeOptions) -> anyhow::Result<()> {
    serve_with(tg, ctx, options, None::<NoCourier>).await
}

/// As [`serve`], with another messenger's courier for its outbox rows (MAX).
pub async fn serve_with<M: Courier>(
    tg: Tg,
    ctx: BotCtx,
    options: ServeOptions,
    other: Option<M>,
) -> anyhow::Result<()> {
    // A refused second poller must do no work at all, so the lease comes first.
    let webhook_at = options.webhook;
    let _lease = match webhook_at {
        Some(_) => None,
        None => Some(PollerLease::acquire(&ctx).await?),
    };
    if let Err(e) = crate::bot::menu::register_defaults(&tg).await {
        tracing::warn!(error = %e, "registering the command menu failed");
    }
    let background = background::start_with(tg.clone(), ctx.clone(), other);
    ctx.albums
        .spawn(crate::bot::album::resume(tg.clone(), ctx.clone()));
    let mut dispatcher = dispatcher(&tg, &ctx, background.pace());
    let stop = dispatcher.shutdown_token();
    // As in [`Running::stop`]: teloxide's shutdown can be missed, ending the stream cannot.
    let (listener, flag) = teloxide::stop::mk_stop_token();
    let flag = (listener.clone(), flag);
    tokio::spawn(async move {
        stopped().await;
        tracing::info!("stopping");
        let wait = stop.shutdown();
        listener.stop();
        if let Ok(wait) = wait {
            wait.await;
        }
    });
    let outcome = match webhook_at {
        Some(setup) => webhook(&mut dispatcher, &tg, setup).await,
        None => {
            let polling = super::listen::Polling::stopped_by(tg.clone(), flag).await;
            tracing::info!("long polling started");
            listen(&mut dispatcher, polling).await;
            Ok(())
        }
    };
    background.stop().await;
    tracing::info!("stopped");
    outcome
}

/// The dispatcher, built the same way for the binary and for tests.
fn dispatcher(tg: &Tg, ctx: &BotCtx, pace: Pace) -> Disp {
    let tree = paced(pace, crate::bot::handler());
    Dispatcher::builder(tg.clone(), crate::bot::trace::traced(tree))
        .dependencies(dptree::deps![ctx.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "an update handler failed",
        ))
        .build()
}

/// An update from a private chat is about to be answered: the reply takes the chat's next
/// send slot now, so the notices queued for that chat wait for it, not the person.
fn paced(pace: Pace, tree: UpdateHandler<anyhow::Error>) -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .inspect(move |u: Update, ctx: BotCtx| {
            if let Some(chat) = u.chat().filter(|c| c.is_private()) {
                pace.reply_now(chat.id.0, ctx.now());
            }
        })
        .chain(tree)
}

/// A bot running in the background (long polling, scheduler, delivery), for end-to-end
/// tests and embedding; `stop` shuts everything down gracefully.
pub struct Running {
    stop: ShutdownToken,
    /// Ends the listener's stream directly; see [`Running::stop`].
    listener: teloxide::stop::StopToken,
    task: JoinHandle<()>,
    background: Background,
    albums: Arc<crate::bot::album::Albums>,
}

pub fn spawn_polling(tg: Tg, ctx: BotCtx) -> Running {
    spawn_polling_with(tg, ctx, None::<NoCourier>)
}

/// As [`spawn_polling`], delivering another messenger's outbox rows through `other`.
pub fn spawn_polling_with<M: Courier>(tg: Tg, ctx: BotCtx, other: Option<M>) -> Running {
    let bot = tg.clone();
    let background = background::start_with(tg.clone(), ctx.clone(), other);
    ctx.albums
        .spawn(crate::bot::album::resume(tg.clone(), ctx.clone()));
    let mut d = dispatcher(&tg, &ctx, background.pace());
    let stop = d.shutdown_token();
    let (listener, flag) = teloxide::stop::mk_stop_token();
    let flag = (listener.clone(), flag);
    let task = tokio::spawn(async move {
        let polling = super::listen::Polling::stopped_by(bot, flag).await;
        listen(&mut d, polling).await
    });
    Running {
        stop,
        listener,
        task,
        background,
        albums: ctx.albums.clone(),
    }
}

impl Running {
    /// Stops taking updates, lets the handlers finish the ones taken, then stops the
    /// background. teloxide's own shutdown announces itself with `notify_waiters`, which
    /// its dispatch loop misses when it is between two waits (or not started yet), and then
    /// the dispatcher polls on forever; ending the listener's stream as well always ends it.
    pub async fn stop(self) {
        // Refused when the dispatcher is idle (not started yet): the listener stops it then.
        drop(self.stop.shutdown());
        self.listener.stop();
        let _ = self.task.await;
        self.albums.stop();
        self.background.stop().await;
    }
}

async fn webhook(dispatcher: &mut Disp, tg: &Tg, setup: WebhookSetup) -> anyhow::Result<()> {
    let listener = hook::listen(tg, setup).await?;
    listen(dispatcher, listener).await;
    Ok(())
}

/// Dispatches what `listener` receives until the dispatcher is shut down.
async fn listen<L>(dispatcher: &mut Disp, listener: L)
where
    L: UpdateListener<Err = std::convert::Infallible> + Send,
{
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("the update listener failed"),
        )
        .await;
}
