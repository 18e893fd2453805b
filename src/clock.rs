//! Where "now" comes from. Production reads the wall clock (so the binary also behaves under
//! a shifted system time); tests move a manual clock and days of deadlines pass in
//! milliseconds.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use tokio::sync::Notify;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// Wakes when the clock jumps (manual clocks); the wall clock never does.
    fn changed(&self) -> Option<Arc<Notify>> {
        None
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<DateTime<Utc>>>,
    changed: Arc<Notify>,
}

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            now: Arc::new(Mutex::new(at)),
            changed: Arc::new(Notify::new()),
        }
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) = at;
        self.changed.notify_waiters();
    }

    pub fn advance(&self, by: Duration) {
        let next = self.now() + by;
        self.set(next);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn changed(&self) -> Option<Arc<Notify>> {
        Some(self.changed.clone())
    }
}

pub type SharedClock = Arc<dyn Clock>;

/// The wall clock moved to another moment: time flows at its real pace from `start`, and
/// tests may jump it forward (days of deadlines in milliseconds) while rate limits and
/// retries still see time pass.
#[derive(Debug, Clone)]
pub struct ShiftedClock {
    offset: Arc<Mutex<Duration>>,
    changed: Arc<Notify>,
}

impl ShiftedClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            offset: Arc::new(Mutex::new(start - Utc::now())),
            changed: Arc::new(Notify::new()),
        }
    }

    /// Jumps forward (or back) by `by`.
    pub fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner()) += by;
        self.changed.notify_waiters();
    }

    /// Jumps to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner()) = at - Utc::now();
        self.changed.notify_waiters();
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn changed(&self) -> Option<Arc<Notify>> {
        Some(self.changed.clone())
    }
}
