//! Telegram's flood limits as send slots reserved ahead of time: ≈30 messages/s overall,
//! ≈1 message/s per private chat with short bursts allowed, 20 per minute per group or
//! channel. Chats wait only for their own slot and nobody sleeps after every message. Time comes from the scheduler's clock, the same one that stamps
//! `not_before`, so a manual clock drives limits and retries alike in tests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

/// The pace the delivery loop keeps. Defaults stay a little under Telegram's limits so the
/// jitter between reserving a slot and the request reaching Telegram cannot cross them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Minimum spacing of any two sends (1/28 s: under 30 per second).
    pub global_interval: Duration,
    /// Average spacing of two sends to one private chat.
    pub per_chat_interval: Duration,
    /// How many sends a private chat that was quiet may get at once before the spacing
    /// applies (Telegram tolerates short bursts there).
    pub per_chat_burst: u32,
    /// Minimum spacing of two sends to one group or channel (negative chat ids).
    pub group_interval: Duration,
    /// A row whose slot is further away than this is put back instead of waited for.
    pub max_inline_wait: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            global_interval: Duration::from_micros(1_000_000 / 28),
            per_chat_interval: Duration::from_millis(1_050),
            per_chat_burst: 3,
            // 20 per minute, with the same margin.
            group_interval: Duration::from_millis(3_150),
            max_inline_wait: Duration::from_secs(2),
        }
    }
}

impl RateLimits {
    /// MAX documents one limit: 30 requests per second for the whole bot, polling and
    /// answers to presses included. Delivery keeps to 20 per second to leave the rest to
    /// people's interactive requests; MAX names no per-chat limit, so a short spacing only
    /// keeps a card and its files apart.
    pub fn max() -> Self {
        Self {
            global_interval: Duration::from_millis(50),
            per_chat_interval: Duration::from_millis(250),
            per_chat_burst: 1,
            group_interval: Duration::from_millis(250),
            max_inline_wait: Duration::from_secs(2),
        }
    }
}

/// One messenger's limiter, shared by the delivery loop and the chat front end, so a direct
/// reply to a person's action counts against the chat's pace and the queued notices (not
/// the person) wait for it.
#[derive(Debug, Clone)]
pub struct Pace(Arc<Mutex<Limiter>>);

impl Pace {
    pub fn new(limits: RateLimits) -> Self {
        Self(Arc::new(Mutex::new(Limiter::new(limits))))
    }

    /// A reply to `chat` goes out now, ahead of anything queued: it takes the chat's next
    /// slot without waiting for it.
    pub fn reply_now(&self, chat: i64, now: DateTime<Utc>) {
        self.lock().take_now(chat, now);
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Limiter> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Where the loop stands with the limits: the next free global slot, pauses ordered by
/// Telegram, and each chat's next allowed moment.
#[derive(Debug)]
pub(crate) struct Limiter {
    limits: RateLimits,
    next_global: DateTime<Utc>,
    paused_until: DateTime<Utc>,
    chats: HashMap<i64, ChatState>,
}

#[derive(Debug, Clone, Copy)]
struct ChatState {
    next_at: DateTime<Utc>,
    /// Set while a 429 pause for this chat is in force; used to tell a global limit apart.
    flood_until: Option<DateTime<Utc>>,
}

/// Where a reserved send stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Send at this moment (now or within `max_inline_wait`).
    At(DateTime<Utc>),
    /// Too far away: put the row back until this moment.
    Later(DateTime<Utc>),
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

impl Limiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            next_global: DateTime::<Utc>::MIN_UTC,
            paused_until: DateTime::<Utc>::MIN_UTC,
            chats: HashMap::new(),
        }
    }

    pub(crate) fn limits(&self) -> RateLimits {
        self.limits
    }

    /// Books the earliest slot for one send to `chat`; nothing is booked for `Later`.
    ///
    /// Each chat keeps a "theoretical next send" moment that moves one interval per send
    /// (GCRA): a chat may run ahead of it by its burst tolerance, so a quiet private chat
    /// gets a few messages at once and then one per interval.
    pub(crate) fn reserve(&mut self, chat: i64, now: DateTime<Utc>) -> Slot {
        let (interval, tolerance) = self.pace_of(chat);
        let chat_at = self.chats.get(&chat).map_or(now, |c| {
            let held = c.flood_until.unwrap_or(DateTime::<Utc>::MIN_UTC);
            (c.next_at - tolerance).max(held)
        });
        let at = now
            .max(chat_at)
            .max(self.paused_until)
            .max(self.next_global);
        if at - now > delta(self.limits.max_inline_wait) {
            return Slot::Later(now.max(chat_at).max(self.paused_until));
        }
        self.next_global = at + delta(self.limits.global_interval);
        let entry = self.chats.entry(chat).or_insert(ChatState {
            next_at: at,
            flood_until: None,
        });
        entry.next_at = entry.next_at.max(at) + interval;
        Slot::At(at)
    }

    /// Counts a send that goes now whatever the slots say (a direct reply).
    fn take_now(&mut self, chat: i64, now: DateTime<Utc>) {
        let (interval, _) = self.pace_of(chat);
        self.next_global = self.next_global.max(now) + delta(self.limits.global_interval);
        let entry = self.chats.entry(chat).or_insert(ChatState {
            next_at: now,
            flood_until: None,
        });
        entry.next_at = entry.next_at.max(now) + interval;
    }

    /// The spacing and burst tolerance of one chat: negative ids are groups and channels
    /// (20 per minute, no bursts), positive ones private chats.
    fn pace_of(&self, chat: i64) -> (TimeDelta, TimeDelta) {
        if chat < 0 {
            return (delta(self.limits.group_interval), TimeDelta::zero());
        }
        let interval = delta(self.limits.per_chat_interval);
        let extra = i32::try_from(self.limits.per_chat_burst.saturating_sub(1)).unwrap_or(0);
        (interval, interval * extra)
    }

    /// Telegram said "retry after": hold the chat for exactly that long, and everybody if
    /// another chat is already held by flood control (then the limit is the bot's, not the
    /// chat's) until both pauses are over. Returns the moment sends may resume for this chat.
    pub(crate) fn flood(&mut self, chat: i64, now: DateTime<Utc>, wait: Duration) -> DateTime<Utc> {
        let until = now + delta(wait);
        let others_held = self
            .chats
            .iter()
            .filter(|(c, _)| **c != chat)
            .filter_map(|(_, s)| s.flood_until)
            .filter(|t| *t > now)
            .max();
        if let Some(other) = others_held {
            self.paused_until = self.paused_until.max(until).max(other);
        }
        // No burst right after a pause: the chat resumes at one per interval.
        let (_, tolerance) = self.pace_of(chat);
        let entry = self.chats.entry(chat).or_insert(ChatState {
            next_at: until,
            flood_until: None,
        });
        entry.next_at = entry.next_at.max(until + tolerance);
        entry.flood_until = Some(until);
        until
    }

    /// Whether all sends are held by flood control at `now`.
    pub(crate) fn paused_all(&self, now: DateTime<Utc>) -> bool {
        self.paused_until > now
    }

    /// Forgets chats whose limits no longer bite, so the map stays as small as the set of
    /// recently written chats.
    pub(crate) fn prune(&mut self, now: DateTime<Utc>) {
        self.chats
            .retain(|_, s| s.next_at > now || s.flood_until.is_some_and(|t| t > now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn limiter() -> Limiter {
        Limiter::new(RateLimits {
            global_interval: Duration::from_millis(40),
            per_chat_interval: Duration::from_secs(1),
            per_chat_burst: 1,
            group_interval: Duration::from_secs(3),
            max_inline_wait: Duration::from_secs(2),
        })
    }

    #[test]
    fn sends_to_different_chats_are_spaced_by_the_global_interval() {
        let mut l = limiter();
        let now = t0();
        let slots: Vec<Slot> = (0..3).map(|c| l.reserve(c, now)).collect();
        let ms = |n: i64| now + TimeDelta::milliseconds(n);
        assert_eq!(
            slots,
            vec![Slot::At(ms(0)), Slot::At(ms(40)), Slot::At(ms(80))]
        );
    }

    #[test]
    fn one_chat_waits_its_interval_and_far_slots_are_put_back() {
        let mut l = limiter();
        let now = t0();
        assert_eq!(l.reserve(7, now), Slot::At(now));
        assert_eq!(l.reserve(7, now), Slot::At(now + TimeDelta::seconds(1)));
        assert_eq!(l.reserve(7, now), Slot::At(now + TimeDelta::seconds(2)));
        assert_eq!(l.reserve(7, now), Slot::Later(now + TimeDelta::seconds(3)));
    }

    #[test]
    fn flood_holds_the_chat_and_a_second_flooded_chat_holds_everybody() {
        let mut l = limiter();
        let now = t0();
        l.flood(1, now, Duration::from_secs(5));
        assert!(!l.paused_all(now));
        assert_eq!(l.reserve(1, now), Slot::Later(now + TimeDelta::seconds(5)));
        assert_eq!(l.reserve(2, now), Slot::At(now));
        l.flood(3, now, Duration::from_secs(3));
        assert!(l.paused_all(now));
        // Held until the later of the two pauses, whichever came first.
        assert_eq!(l.reserve(4, now), Slot::Later(now + TimeDelta::seconds(5)));
    }

    #[test]
    fn a_quiet_private_chat_gets_a_short_burst_then_one_per_interval() {
        let mut l = Limiter::new(RateLimits {
            per_chat_burst: 3,
            ..limiter().limits()
        });
        let now = t0();
        let ms = |n: i64| now + TimeDelta::milliseconds(n);
        let slots: Vec<Slot> = (0..5).map(|_| l.reserve(7, now)).collect();
        assert_eq!(
            slots,
            vec![
                Slot::At(ms(0)),
                Slot::At(ms(40)),
                Slot::At(ms(80)),
                Slot::At(ms(1_000)),
                Slot::At(ms(2_000)),
            ]
        );
    }

    #[test]
    fn a_private_chat_resumes_after_flood_control_without_a_burst() {
        let mut l = Limiter::new(RateLimits {
            per_chat_burst: 3,
            ..limiter().limits()
        });
        let now = t0();
        l.flood(7, now, Duration::from_secs(1));
        let later = now + TimeDelta::seconds(1);
        assert_eq!(l.reserve(7, later), Slot::At(later));
        assert_eq!(l.reserve(7, later), Slot::At(later + TimeDelta::seconds(1)));
    }

    #[test]
    fn a_direct_reply_goes_at_once_and_the_queued_notice_waits_for_it() {
        let mut l = limiter();
        let now = t0();
        assert_eq!(l.reserve(7, now), Slot::At(now));
        l.take_now(7, now);
        assert_eq!(l.reserve(7, now), Slot::At(now + TimeDelta::seconds(2)));
    }

    #[test]
    fn a_group_gets_twenty_a_minute_without_bursts() {
        let mut l = Limiter::new(RateLimits {
            per_chat_burst: 3,
            ..limiter().limits()
        });
        let now = t0();
        assert_eq!(l.reserve(-1005, now), Slot::At(now));
        assert_eq!(
            l.reserve(-1005, now),
            Slot::Later(now + TimeDelta::seconds(3))
        );
    }

    #[test]
    fn prune_forgets_idle_chats() {
        let mut l = limiter();
        let now = t0();
        l.reserve(1, now);
        l.prune(now + TimeDelta::seconds(5));
        assert!(l.chats.is_empty());
    }
}
