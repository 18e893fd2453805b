//! One timer pass: every due reminder and breach, each marked done exactly once together
//! with its notices.

use chrono::{DateTime, TimeDelta, Utc};
use futures::stream::{self, StreamExt};

use super::notices::timer_notices;
use super::{Courier, PassStats, Scheduler};
use crate::domain::notice::{Audience, NoticeKind};
use crate::service::timers;
use crate::storage::{StoreError, TimerAction, TimerItem};

/// A pass reads at most this many batches, so one pass cannot run unbounded.
const MAX_ROUNDS: u32 = 20;
/// Timers fired at once on PostgreSQL (within the pool's ten connections).
const PG_FIRE_CONCURRENCY: usize = 8;

/// What a batch of due timers splits into.
#[derive(Default)]
struct Sorted {
    fresh: Vec<TimerItem>,
    stale: Vec<TimerItem>,
    held: usize,
}

impl<C: Courier> Scheduler<C> {
    /// One timer pass at the clock's now: fires due timers (long-overdue ones combined
    /// into one late notice per person), then the monthly summary trigger.
    pub async fn pass(&self) -> Result<PassStats, StoreError> {
        let now = self.now();
        let mut stats = PassStats::default();
        for _ in 0..MAX_ROUNDS {
            let due = self
                .store
                .due_timers(now, self.settings.timer_batch)
                .await?;
            let full = due.len() >= self.settings.timer_batch as usize;
            let sorted = self.sort(due, now);
            let progress = !sorted.fresh.is_empty() || !sorted.stale.is_empty();
            self.fire_fresh(&sorted.fresh, now, &mut stats).await?;
            self.fire_late(&sorted.stale, now, &mut stats).await?;
            if sorted.held > 0 {
                stats.held += sorted.held;
                stats.held_until = Some(self.calendar.next_working_moment(now));
            }
            if !full || !progress {
                break;
            }
        }
        stats.report = self.monthly_report(now).await?;
        Ok(stats)
    }

    /// Recent timers fire one by one. Long-overdue ones (downtime) are combined, and only in
    /// working time: a catch-up is not a reason to write to people at night.
    fn sort(&self, due: Vec<TimerItem>, now: DateTime<Utc>) -> Sorted {
        let stale_before =
            now - TimeDelta::from_std(self.settings.stale_after).unwrap_or(TimeDelta::MAX);
        let working = self.calendar.is_working_time(now);
        let mut s = Sorted::default();
        for item in due {
            if item.fire_at >= stale_before {
                s.fresh.push(item);
            } else if working {
                s.stale.push(item);
            } else {
                s.held += 1;
            }
        }
        s
    }

    async fn fire_fresh(
        &self,
        items: &[TimerItem],
        now: DateTime<Utc>,
        stats: &mut PassStats,
    ) -> Result<(), StoreError> {
        // PostgreSQL commits concurrent transactions together (group commit), so a handful
        // of timers costs about one commit; SQLite has one writer, where parallel
        // transactions would only queue on its lock.
        let width = match self.store.backend_name() {
            "postgres" => PG_FIRE_CONCURRENCY,
            _ => 1,
        };
        let results: Vec<Result<(TimerAction, bool), StoreError>> =
            stream::iter(items.iter().copied())
                .map(|item| self.fire_one(item, now))
                .buffer_unordered(width)
                .collect()
                .await;
        for r in results {
            let (action, fired) = r?;
            if fired {
                stats.fired += 1;
                match action {
                    TimerAction::Remind => stats.reminders += 1,
                    TimerAction::Breach => stats.breaches += 1,
                }
            }
        }
        Ok(())
    }

    /// Marks one timer done with its notices; false if another pass or replica was first.
    async fn fire_one(
        &self,
        item: TimerItem,
        now: DateTime<Utc>,
    ) -> Result<(TimerAction, bool), StoreError> {
        let notices: Vec<(Audience, NoticeKind)> = timer_notices(&item)
            .into_iter()
            .map(|n| (n.audience, n.kind))
            .collect();
        let fired = timers::fire(&self.store, &item, now, &notices).await?;
        if fired {
            tracing::debug!(case = %item.case_id, deadline = item.kind.as_str(),
                action = item.action.as_str(), "timer fired");
        }
        Ok((item.action, fired))
    }
}
