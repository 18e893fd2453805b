//! Every update runs inside its own span; a handler that fails logs its error there and the
//! person hears «Не получилось из-за сбоя…» instead of silence.

use std::ops::ControlFlow;
use std::sync::Arc;

use teloxide::dispatching::UpdateHandler;
use teloxide::dptree::{self, di::DependencyMap};
use teloxide::prelude::*;
use teloxide::types::{ChatId, UpdateKind};
use tracing::Instrument;

use crate::bot::ctx::Tg;
use crate::bot::who::lang_of;
use crate::t;

/// A failure found before any handler ran (a lookup the route depends on), carried to
/// [`fail`] so it takes the same path as a handler's error.
#[derive(Debug, Clone)]
pub struct Failure(pub Arc<anyhow::Error>);

impl Failure {
    pub fn new(e: impl Into<anyhow::Error>) -> Failure {
        Failure(Arc::new(e.into()))
    }
}

/// The endpoint of a route that could not be decided: fails the update.
pub async fn fail(failure: Failure) -> anyhow::Result<()> {
    Err(anyhow::anyhow!("{:#}", failure.0))
}

/// Wraps the handler tree: the update's span around it, the failure reply after it.
pub fn guarded(inner: UpdateHandler<anyhow::Error>) -> UpdateHandler<anyhow::Error> {
    let sig = inner.sig().clone();
    dptree::from_fn(
        move |deps: DependencyMap, cont| {
            let inner = inner.clone();
            async move {
                let update = deps.try_get::<Update>();
                let span = match &update {
                    Some(u) => tracing::info_span!("update", id = u.id.0),
                    None => tracing::info_span!("update"),
                };
                let bot = deps.try_get::<Tg>();
                let flow = inner.execute(deps, cont).instrument(span.clone()).await;
                match flow {
                    ControlFlow::Break(Err(e)) => {
                        // Counted here: the failure is turned into an apology below, so
                        // nothing outside this wrapper sees it as an error.
                        ::metrics::counter!(crate::ops::metrics::UPDATE_ERRORS).increment(1);
                        span.in_scope(|| {
                            tracing::error!(error = format!("{e:#}"), "an update failed")
                        });
                        if let (Some(bot), Some(update)) = (bot, update) {
                            apologize(&bot, &update).instrument(span).await;
                        }
                        ControlFlow::Break(Ok(()))
                    }
                    other => other,
                }
            }
        },
        sig,
    )
}

/// Tells the person the action failed: an alert on a press, a message in a private chat
/// (group chats hear nothing from a failure).
async fn apologize(bot: &Tg, update: &Update) {
    let sent = match &update.kind {
        UpdateKind::CallbackQuery(q) => bot
            .answer_callback_query(q.id.clone())
            .text(t!(lang_of(&q.from), "press-failed"))
            .show_alert(true)
            .await
            .map(|_| ()),
        UpdateKind::Message(m) if m.chat.is_private() => {
            let lang = m.from.as_ref().map(lang_of).unwrap_or_default();
            bot.send_message(ChatId(m.chat.id.0), t!(lang, "press-failed"))
                .await
                .map(|_| ())
        }
        _ => Ok(()),
    };
    // The press may already have been answered before the failure; nothing more to do.
    if let Err(e) = sent {
        tracing::warn!(error = %e, "telling the person about a failure failed");
    }
}
