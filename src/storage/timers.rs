//! The timer API for the scheduler.

use chrono::{DateTime, Utc};

use super::{Store, StoreCtx, StoreError, TimerItem};
use crate::domain::notice::{Audience, NoticeKind};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Reminders and breach reports due at `now`, the earliest first.
    pub async fn due_timers(&self, now: DateTime<Utc>, limit: u32) -> R<Vec<TimerItem>> {
        dispatch!(self, db, pool => db::timers::due(pool, now, limit).await)
    }

    /// When the scheduler must wake next, if any timer is pending.
    pub async fn next_timer_at(&self) -> R<Option<DateTime<Utc>>> {
        dispatch!(self, db, pool => db::timers::next_at(pool).await)
    }

    /// Marks the timer's action done and queues `notices` in one transaction; false (and
    /// nothing queued) if it was already done — by this or another replica — or the
    /// deadline closed meanwhile.
    /// Marks long-overdue timers done and queues one digest per person (indices into
    /// `items`) in one transaction, listing only the timers this call marked. Returns
    /// (timers marked, digests queued).
    pub async fn fire_timers_combined(
        &self,
        items: &[TimerItem],
        recipients: &[(crate::domain::ids::PersonId, Vec<usize>)],
        now: DateTime<Utc>,
    ) -> R<(usize, usize)> {
        dispatch!(self, db, pool => db::timers::fire_combined(pool, items, recipients, now).await)
    }

    pub async fn fire_timer(
        &self,
        item: &TimerItem,
        now: DateTime<Utc>,
        notices: &[(Audience, NoticeKind)],
    ) -> R<bool> {
        dispatch!(self, db, pool => db::timers::fire(pool, item, now, notices).await)
    }

    /// Re-derives the timers and due moments of every open case with `ctx` — run at start,
    /// so a corrected calendar or changed terms apply to cases already open. What the
    /// scheduler already did for a deadline that keeps its due moment stays done.
    pub async fn refresh_open_cases(&self, ctx: &StoreCtx) -> R<usize> {
        dispatch!(self, db, pool => db::refresh::open_cases(pool, ctx).await)
    }
}
