//! The two loops and what wakes them: the database's next due moment, the front end's
//! waker, a jump of the clock, and shutdown.

use std::future::Future;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::Notify;

use super::{Courier, PassStats, Scheduler, Shutdown};
use crate::storage::StoreError;

/// After a database error a loop waits this long before trying again.
const ERROR_PAUSE: Duration = Duration::from_secs(5);
/// When the database says work is due but none could be taken (a chat waits for an earlier
/// row, or another worker holds the rows), look again after this long rather than spin.
const IDLE_FLOOR: Duration = Duration::from_secs(1);

impl<C: Courier> Scheduler<C> {
    /// Runs the timer and delivery loops until `shutdown` is cancelled.
    pub async fn run(self, shutdown: Shutdown) {
        let timers = Notify::new();
        let delivery = Notify::new();
        tracing::info!(worker = %self.worker_id, "scheduler started");
        tokio::join!(
            self.forward_wakeups(&timers, &delivery, &shutdown),
            self.timer_loop(&timers, &delivery, &shutdown),
            self.delivery_loop(&delivery, &shutdown),
        );
        tracing::info!(worker = %self.worker_id, "scheduler stopped");
    }

    /// One outside signal (the front end's waker, a clock jump) wakes both loops; each loop
    /// keeps the wake-up as a permit if it is busy, so none is lost.
    async fn forward_wakeups(&self, timers: &Notify, delivery: &Notify, shutdown: &Shutdown) {
        let changed = self.clock.changed();
        // A clock jump is broadcast (`notify_waiters`): the next wait is registered before
        // the current wake-up is forwarded, so a jump during forwarding is not missed.
        let mut jump = changed.as_ref().map(|n| Box::pin(n.notified()));
        loop {
            if let Some(j) = jump.as_mut() {
                j.as_mut().enable();
            }
            let clock = async {
                match jump.as_mut() {
                    Some(j) => j.as_mut().await,
                    None => std::future::pending().await,
                }
            };
            let jumped = tokio::select! {
                () = self.notify.notified() => false,
                () = clock => true,
                () = shutdown.cancelled() => return,
            };
            if jumped {
                jump = changed.as_ref().map(|n| Box::pin(n.notified()));
                if let Some(j) = jump.as_mut() {
                    j.as_mut().enable();
                }
            }
            timers.notify_one();
            delivery.notify_one();
        }
    }

    /// Besides `wake`, a commit that plans a timer earlier than this loop's next look
    /// wakes it through the store's [`crate::storage::Wakeups`].
    async fn timer_loop(&self, wake: &Notify, delivery: &Notify, shutdown: &Shutdown) {
        let committed = self.store.wakeups();
        while !shutdown.is_cancelled() {
            let started = std::time::Instant::now();
            committed.timers_recomputing();
            let passed = self.pass().await;
            crate::ops::metrics::scheduler_pass(self.now(), started.elapsed());
            let pause = match passed {
                Ok(stats) => {
                    if stats.queued_work() {
                        delivery.notify_one();
                    }
                    let pause = self.timer_sleep(&stats).await;
                    let until = chrono::Duration::from_std(pause)
                        .ok()
                        .map(|p| self.now() + p);
                    committed.timers_sleep_until(until);
                    pause
                }
                Err(e) => failed("timer pass", &e),
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = wake.notified() => {}
                () = committed.timers.notified() => {}
                () = shutdown.cancelled() => return,
            }
        }
    }

    /// Until the next due timer, the next summary moment or the end of a hold, whichever
    /// comes first, but never longer than `max_sleep`.
    async fn timer_sleep(&self, stats: &PassStats) -> Duration {
        let now = self.now();
        let next = match self.store.next_timer_at().await {
            Ok(n) => n,
            Err(e) => return failed("reading the next timer", &e),
        };
        // Held timers are still "due" in the database; wake for them when the hold ends.
        let next = match (next, stats.held_until) {
            (Some(t), Some(hold)) if t <= now => Some(hold),
            (n, _) => n,
        };
        let report = self.next_report_at(now);
        let at = next.map_or(report, |t| t.min(report));
        self.sleep_for(now, at, true)
    }

    /// Claims and sends without waiting for a round to finish: each claimed chat's rows go
    /// on in `in_flight` while the next rows are claimed, so one slow send (the summary's
    /// first upload of a large workbook) holds only its own chat. Order per chat holds:
    /// storage hands out no row of a chat while an earlier one is pending.
    async fn delivery_loop(&self, wake: &Notify, shutdown: &Shutdown) {
        let committed = self.store.wakeups();
        let mut in_flight = FuturesUnordered::new();
        while !shutdown.is_cancelled() {
            let pause = match drive(&mut in_flight, self.claim_chats()).await {
                Ok((chats, round)) => {
                    for rows in chats {
                        in_flight.push(self.deliver_owned(rows));
                    }
                    if round.limit > 0 && round.claimed >= round.limit {
                        // A full batch: more is probably waiting.
                        Duration::ZERO
                    } else {
                        drive(&mut in_flight, self.delivery_sleep(round.claimed == 0)).await
                    }
                }
                Err(e) => failed("delivery", &e),
            };
            if pause.is_zero() {
                continue;
            }
            tokio::select! {
                Some(done) = in_flight.next(), if !in_flight.is_empty() => settled(done),
                () = tokio::time::sleep(pause) => {}
                () = wake.notified() => {}
                () = committed.outbox.notified() => {}
                () = shutdown.cancelled() => break,
            }
        }
        // Sends under way finish before the loop ends, as a whole round did.
        while let Some(done) = in_flight.next().await {
            settled(done);
        }
    }

    async fn delivery_sleep(&self, idle: bool) -> Duration {
        let now = self.now();
        match self.store.next_outbox_at().await {
            Ok(Some(at)) => self.sleep_for(now, at, idle),
            Ok(None) => self.settings.max_sleep,
            Err(e) => failed("reading the outbox", &e),
        }
    }

    /// The wait until `at`, capped at `max_sleep`; a moment already past after a round that
    /// took nothing waits `IDLE_FLOOR`, so nothing spins.
    fn sleep_for(&self, now: DateTime<Utc>, at: DateTime<Utc>, idle: bool) -> Duration {
        let wait = (at - now).to_std().unwrap_or(Duration::ZERO);
        let wait = if wait.is_zero() && idle {
            IDLE_FLOOR
        } else {
            wait
        };
        wait.min(self.settings.max_sleep)
    }
}

/// Awaits `fut` while the chats in flight keep being driven.
async fn drive<T, F>(in_flight: &mut FuturesUnordered<F>, fut: impl Future<Output = T>) -> T
where
    F: Future<Output = Result<usize, StoreError>>,
{
    tokio::pin!(fut);
    loop {
        tokio::select! {
            biased;
            out = &mut fut => return out,
            Some(done) = in_flight.next(), if !in_flight.is_empty() => settled(done),
        }
    }
}

fn settled(done: Result<usize, StoreError>) {
    if let Err(e) = done {
        tracing::error!(error = %e, "recording a delivery failed");
    }
}

fn failed(what: &str, e: &StoreError) -> Duration {
    tracing::error!(error = %e, "{what} failed; retrying in {} s", ERROR_PAUSE.as_secs());
    ERROR_PAUSE
}
