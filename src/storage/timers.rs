//! Timer reads for the scheduler (firing them is a use case: `crate::service::timers`).

use chrono::{DateTime, Utc};

use super::{Store, StoreError, TimerItem};

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
}
