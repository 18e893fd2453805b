//! What a committed transaction tells this process's background loops: new outbox rows
//! wake delivery, and a timer earlier than the one the timer loop sleeps towards wakes it.
//! A command that changed neither wakes nothing (issue 15: waking both loops after every
//! press cost four statements of the press's nineteen). Other replicas' writes are found
//! by the loops' own bounded sleep, as before.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

/// While the timer loop looks for its next moment, or sleeps with no timer to wait for,
/// every new timer wakes it.
const ANY_TIMER: i64 = i64::MAX;

#[derive(Debug)]
pub struct Wakeups {
    /// Notified when a commit queued outbox rows.
    pub outbox: Notify,
    /// Notified when a commit planned a timer earlier than [`Wakeups::timer_target`].
    pub timers: Notify,
    /// The moment (Unix seconds) the timer loop will look again at the latest.
    timer_target: AtomicI64,
}

impl Default for Wakeups {
    fn default() -> Self {
        Self {
            outbox: Notify::new(),
            timers: Notify::new(),
            timer_target: AtomicI64::new(ANY_TIMER),
        }
    }
}

impl Wakeups {
    /// The timer loop is about to read the timers: a commit from now on wakes it again.
    pub fn timers_recomputing(&self) {
        self.timer_target.store(ANY_TIMER, Ordering::SeqCst);
    }

    /// The timer loop will look again at `at` at the latest (`None`: only when woken).
    pub fn timers_sleep_until(&self, at: Option<DateTime<Utc>>) {
        let at = at.map_or(ANY_TIMER, |t| t.timestamp());
        self.timer_target.store(at, Ordering::SeqCst);
    }

    pub(super) fn committed(&self, wrote: &Wrote) {
        if wrote.outbox {
            self.outbox.notify_one();
        }
        if let Some(fire) = wrote.earliest_timer {
            if fire < self.timer_target.load(Ordering::SeqCst) {
                self.timers.notify_one();
            }
        }
    }
}

/// What a transaction wrote that the loops may need to act on.
#[derive(Debug, Default)]
pub(super) struct Wrote {
    pub outbox: bool,
    /// The earliest moment (Unix seconds) a timer written may fire.
    pub earliest_timer: Option<i64>,
}

impl Wrote {
    pub fn timer(&mut self, fire: DateTime<Utc>) {
        let fire = fire.timestamp();
        self.earliest_timer = Some(self.earliest_timer.map_or(fire, |t| t.min(fire)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    async fn woken(n: &Notify) -> bool {
        tokio::time::timeout(Duration::from_millis(20), n.notified())
            .await
            .is_ok()
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[tokio::test]
    async fn a_later_timer_does_not_wake_the_timer_loop_an_earlier_one_does() {
        let w = Wakeups::default();
        w.timers_sleep_until(Some(at(1_000)));
        let mut later = Wrote::default();
        later.timer(at(2_000));
        w.committed(&later);
        assert!(!woken(&w.timers).await);
        let mut earlier = Wrote::default();
        earlier.timer(at(2_000));
        earlier.timer(at(500));
        w.committed(&earlier);
        assert!(woken(&w.timers).await);
        assert!(!woken(&w.outbox).await);
    }

    #[tokio::test]
    async fn any_timer_wakes_a_loop_without_a_target_and_outbox_rows_wake_delivery() {
        let w = Wakeups::default();
        let mut wrote = Wrote::default();
        wrote.timer(at(i64::from(i32::MAX)));
        wrote.outbox = true;
        w.committed(&wrote);
        assert!(woken(&w.timers).await);
        assert!(woken(&w.outbox).await);
        w.timers_sleep_until(None);
        w.committed(&wrote);
        assert!(woken(&w.timers).await);
        w.timers_sleep_until(Some(at(100)));
        w.committed(&wrote);
        assert!(!woken(&w.timers).await);
    }
}
