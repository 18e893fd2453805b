//! One timer pass: every due reminder and breach, each marked done exactly once together
//! with its notices.

use chrono::{DateTime, TimeDelta, Utc};

use super::notices::timer_notices;
use super::{Courier, PassStats, Scheduler};
use crate::domain::notice::{Audience, NoticeKind};
use crate::storage::{StoreError, TimerAction, TimerItem};

/// A pass reads at most this many batches, so one pass cannot run unbounded.
const MAX_ROUNDS: u32 = 20;

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
        for item in items {
            let notices: Vec<(Audience, NoticeKind)> = timer_notices(item)
                .into_iter()
                .map(|n| (n.audience, n.kind))
                .collect();
            if self.store.fire_timer(item, now, &notices).await? {
                stats.fired += 1;
                match item.action {
                    TimerAction::Remind => stats.reminders += 1,
                    TimerAction::Breach => stats.breaches += 1,
                }
                tracing::debug!(case = %item.case_id, deadline = item.kind.as_str(),
                    action = item.action.as_str(), "timer fired");
            }
        }
        Ok(())
    }
}
