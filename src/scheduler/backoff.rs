//! Retry pacing for transient delivery failures: exponential, capped, with jitter so that
//! replicas and chats that failed together do not retry together.

use std::time::Duration;

use rand::Rng;

/// How transient failures are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The wait after the first failure.
    pub base: Duration,
    /// No wait is longer than this.
    pub cap: Duration,
    /// After this many attempts a row is given up (marked dead).
    pub max_attempts: u32,
}

impl Default for Backoff {
    /// 2 s doubling up to 30 min, 20 attempts: a notice survives a messenger outage of
    /// several hours.
    fn default() -> Self {
        Self {
            base: Duration::from_secs(2),
            cap: Duration::from_secs(30 * 60),
            max_attempts: 20,
        }
    }
}

impl Backoff {
    /// The un-jittered wait after `attempts` failed attempts (1 = the first failure).
    pub fn ceiling(&self, attempts: u32) -> Duration {
        let exp = attempts.saturating_sub(1).min(30);
        self.base.saturating_mul(1u32 << exp).min(self.cap)
    }

    /// The wait before the next attempt: uniformly in [ceiling/2, ceiling] ("equal jitter"),
    /// so the backoff still grows while retries spread out.
    pub fn delay(&self, attempts: u32) -> Duration {
        let top = self.ceiling(attempts);
        let half = top / 2;
        let spread = u64::try_from((top - half).as_millis()).unwrap_or(u64::MAX);
        half + Duration::from_millis(rand::thread_rng().gen_range(0..=spread))
    }

    /// Whether a row that has failed `attempts` times should be given up.
    pub fn exhausted(&self, attempts: u32) -> bool {
        attempts >= self.max_attempts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_cap_and_stays_within_the_jitter_band() {
        let b = Backoff::default();
        assert_eq!(b.ceiling(1), Duration::from_secs(2));
        assert_eq!(b.ceiling(2), Duration::from_secs(4));
        assert_eq!(b.ceiling(40), Duration::from_secs(1800));
        for attempt in 1..25 {
            let d = b.delay(attempt);
            assert!(d >= b.ceiling(attempt) / 2 && d <= b.ceiling(attempt));
        }
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let b = Backoff::default();
        assert!(!b.exhausted(19));
        assert!(b.exhausted(20));
    }
}
