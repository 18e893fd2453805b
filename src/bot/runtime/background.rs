//! The loops beside the dispatcher: deadlines (reminders, п.19 notices, the monthly
//! summary) and outbox delivery through Telegram.

use tokio::task::JoinHandle;

use crate::bot::courier::TelegramCourier;
use crate::bot::ctx::{BotCtx, Tg};
use crate::scheduler::{Courier, Couriers, NoCourier, Pace, Scheduler, Shutdown};

pub struct Background {
    stop: Shutdown,
    task: JoinHandle<()>,
    /// Releases paced candidate cards (issue 13); only when the bot reads chats.
    candidates: Option<JoinHandle<()>>,
    /// Polls the listed VK communities; only with `OTKLIK_VK_TOKEN`.
    vk: Option<JoinHandle<()>>,
    /// Telegram's pace, shared with the dispatcher's direct replies.
    pace: Pace,
}

pub fn start(tg: Tg, ctx: BotCtx) -> Background {
    start_with(tg, ctx, None::<NoCourier>)
}

/// As [`start`], with a second messenger's courier: rows for it go there (MAX).
pub fn start_with<M: Courier>(tg: Tg, ctx: BotCtx, other: Option<M>) -> Background {
    let reports = ctx.reports.clone();
    let courier = Couriers {
        telegram: Some(TelegramCourier::new(tg, ctx.clone(), reports.clone())),
        max: other,
    };
    let scheduler = Scheduler::new(
        ctx.store.clone(),
        ctx.calendar.clone(),
        (*ctx.config).clone(),
        ctx.clock.clone(),
        courier,
        ctx.wake.clone(),
    )
    .with_reports(reports)
    // Named after the process, so a successor can release this process's claims at once.
    .with_worker_id(super::lease::worker_id());
    let stop = Shutdown::new();
    let token = stop.clone();
    let candidates = ctx.config.candidates.is_enabled().then(|| {
        let stop = stop.clone();
        let run = crate::service::candidates::run_release(
            ctx.store.clone(),
            ctx.clock.clone(),
            ctx.wake.clone(),
            async move { stop.cancelled().await },
        );
        tokio::spawn(run)
    });
    let vk = vk_poller(&ctx, &stop);
    let pace = scheduler.telegram_pace();
    let task = tokio::spawn(async move { scheduler.run(token).await });
    Background {
        stop,
        task,
        candidates,
        vk,
        pace,
    }
}

impl Background {
    pub fn pace(&self) -> Pace {
        self.pace.clone()
    }

    pub async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
        for t in [self.candidates, self.vk].into_iter().flatten() {
            let _ = t.await;
        }
    }
}

/// The VK poller, when communities are listed and a service token is given
/// (`OTKLIK_VK_TOKEN`; `OTKLIK_VK_API_URL` overrides `https://api.vk.com`).
fn vk_poller(ctx: &BotCtx, stop: &Shutdown) -> Option<JoinHandle<()>> {
    if ctx.config.candidates.vk_communities.is_empty() {
        return None;
    }
    let Ok(token) = std::env::var("OTKLIK_VK_TOKEN") else {
        tracing::warn!("VK communities are listed but OTKLIK_VK_TOKEN is not set; not polling");
        return None;
    };
    let base =
        std::env::var("OTKLIK_VK_API_URL").unwrap_or_else(|_| crate::vk::DEFAULT_BASE.into());
    let client = match crate::vk::VkClient::new(&base, &token) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "the VK client could not be built");
            return None;
        }
    };
    let run = crate::vk::run_poller(
        client,
        ctx.store.clone(),
        ctx.config.clone(),
        ctx.calendar.clone(),
        ctx.clock.clone(),
        ctx.wake.clone(),
        stop.clone(),
    );
    Some(tokio::spawn(run))
}
