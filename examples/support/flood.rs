//! Telegram's flood limits as its FAQ states them, for the pacing benchmark: 30 messages a
//! second overall; about one a second in a private chat, short bursts allowed (a token
//! bucket of three); 20 a minute in a group. Over a limit the answer is a 429 naming the
//! seconds to wait.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const BURST: u32 = 3;
const JITTER: Duration = Duration::from_millis(100);

#[derive(Default)]
pub struct Flood {
    overall: VecDeque<Instant>,
    private: HashMap<i64, Instant>,
    groups: HashMap<i64, VecDeque<Instant>>,
    pub refused: usize,
}

impl Flood {
    /// Admits one message to `chat` now, or says how many seconds to wait.
    pub fn admit(&mut self, chat: i64, now: Instant) -> Result<(), u64> {
        let verdict = self.check(chat, now);
        if verdict.is_err() {
            self.refused += 1;
        }
        verdict
    }

    fn check(&mut self, chat: i64, now: Instant) -> Result<(), u64> {
        full(&mut self.overall, now, Duration::from_secs(1) - JITTER, 30)?;
        if chat < 0 {
            let sent = self.groups.entry(chat).or_default();
            full(sent, now, Duration::from_secs(60) - JITTER, 20)?;
            sent.push_back(now);
        } else {
            let interval = Duration::from_secs(1);
            let next = self.private.get(&chat).copied().unwrap_or(now).max(now);
            let from = next
                .checked_sub(interval * (BURST - 1) + JITTER)
                .unwrap_or(now);
            if from > now {
                return Err(seconds(from.duration_since(now)));
            }
            self.private.insert(chat, next + interval);
        }
        self.overall.push_back(now);
        Ok(())
    }
}

/// Refuses when `max` entries fall within `span` before `now`.
fn full(
    times: &mut VecDeque<Instant>,
    now: Instant,
    span: Duration,
    max: usize,
) -> Result<(), u64> {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= span)
    {
        times.pop_front();
    }
    if times.len() < max {
        return Ok(());
    }
    let oldest = times.front().copied().unwrap_or(now);
    Err(seconds(span.saturating_sub(now.duration_since(oldest))))
}

/// Whole seconds, at least one, as Telegram never says `retry_after: 0`.
fn seconds(d: Duration) -> u64 {
    d.as_secs_f64().ceil().max(1.0) as u64
}
