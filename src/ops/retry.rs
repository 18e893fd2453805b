//! Start-up waits for a database or Telegram that is not reachable yet (a container started
//! before its database): retried with growing pauses, one log line per attempt, and a stop
//! signal ends the wait at once.

use std::future::Future;
use std::time::Duration;

/// How often and how patiently to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub attempts: u32,
    pub first: Duration,
    pub max: Duration,
}

impl Backoff {
    /// No second try: for one-off commands, which should fail fast and clearly.
    pub const ONCE: Backoff = Backoff {
        attempts: 1,
        first: Duration::ZERO,
        max: Duration::ZERO,
    };

    /// For `otklik run`: about two minutes; `OTKLIK_START_ATTEMPTS` changes the count.
    pub fn at_start() -> Backoff {
        let attempts = std::env::var("OTKLIK_START_ATTEMPTS")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(8);
        Backoff {
            attempts,
            first: Duration::from_secs(1),
            max: Duration::from_secs(30),
        }
    }

    /// The pause after failed attempt `n` (1-based): doubling, capped.
    pub fn pause(&self, n: u32) -> Duration {
        let factor = 2u32.saturating_pow(n.saturating_sub(1));
        self.first.saturating_mul(factor).min(self.max)
    }
}

/// What a failed attempt means.
pub enum Attempt<E> {
    /// Worth trying again (unreachable, timed out).
    Transient(E),
    /// Trying again cannot help (refused token, bad URL).
    Fatal(E),
}

/// Runs `op` until it succeeds, fails fatally, runs out of attempts (the last error), or
/// `stop` resolves during a pause (`Ok(None)`).
pub async fn retry<T, E, F, Fut>(
    what: &str,
    backoff: Backoff,
    stop: impl Future<Output = ()>,
    mut op: F,
) -> Result<Option<T>, E>
where
    E: std::fmt::Display,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Attempt<E>>>,
{
    tokio::pin!(stop);
    for n in 1.. {
        let e = match op().await {
            Ok(v) => return Ok(Some(v)),
            Err(Attempt::Fatal(e)) => return Err(e),
            Err(Attempt::Transient(e)) => e,
        };
        if n >= backoff.attempts {
            return Err(e);
        }
        let pause = backoff.pause(n);
        tracing::warn!(
            attempt = n,
            of = backoff.attempts,
            retry_in_s = pause.as_secs_f32(),
            error = %e,
            "{what} is not reachable yet"
        );
        tokio::select! {
            _ = &mut stop => return Ok(None),
            _ = tokio::time::sleep(pause) => {}
        }
    }
    unreachable!("the loop returns")
}

/// Ctrl-C or SIGTERM (the signal Docker and systemd stop a service with).
pub async fn stop_signal() {
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn quick(attempts: u32) -> Backoff {
        Backoff {
            attempts,
            first: Duration::from_millis(1),
            max: Duration::from_millis(4),
        }
    }

    #[test]
    fn pauses_double_up_to_the_cap() {
        let b = Backoff::at_start();
        let pauses: Vec<u64> = (1..=7).map(|n| b.pause(n).as_secs()).collect();
        assert_eq!(pauses, [1, 2, 4, 8, 16, 30, 30]);
    }

    #[tokio::test]
    async fn transient_failures_are_retried_until_success() {
        let calls = AtomicU32::new(0);
        let got = retry("thing", quick(5), std::future::pending(), || async {
            match calls.fetch_add(1, Ordering::SeqCst) {
                0 | 1 => Err(Attempt::Transient("down")),
                _ => Ok(7),
            }
        })
        .await;
        assert_eq!(got, Ok(Some(7)));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_fatal_failure_or_the_last_attempt_ends_it() {
        let calls = AtomicU32::new(0);
        let fatal: Result<Option<()>, _> =
            retry("thing", quick(5), std::future::pending(), || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(Attempt::Fatal("refused"))
            })
            .await;
        assert_eq!(fatal, Err("refused"));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let spent: Result<Option<()>, _> =
            retry("thing", quick(3), std::future::pending(), || async {
                Err(Attempt::Transient("down"))
            })
            .await;
        assert_eq!(spent, Err("down"));
    }

    #[tokio::test]
    async fn a_stop_during_a_pause_ends_the_wait() {
        let slow = Backoff {
            attempts: 5,
            first: Duration::from_secs(60),
            max: Duration::from_secs(60),
        };
        let got: Result<Option<()>, &str> = retry("thing", slow, async {}, || async {
            Err(Attempt::Transient("down"))
        })
        .await;
        assert_eq!(got, Ok(None));
    }
}
