//! The loops beside the dispatcher: deadlines (reminders, п.19 notices, the monthly
//! summary) and outbox delivery through Telegram.

use tokio::task::JoinHandle;

use crate::bot::courier::TelegramCourier;
use crate::bot::ctx::{BotCtx, Tg};
use crate::scheduler::{Scheduler, Shutdown};

pub struct Background {
    stop: Shutdown,
    task: JoinHandle<()>,
}

pub fn start(tg: Tg, ctx: BotCtx) -> Background {
    let reports = ctx.reports.clone();
    let courier = TelegramCourier::new(tg, ctx.clone(), reports.clone());
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
    let task = tokio::spawn(async move { scheduler.run(token).await });
    Background { stop, task }
}

impl Background {
    pub async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}
