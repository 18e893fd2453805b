//! When a candidate's card goes out (issue 13): at most one card per interval to each
//! curator, the rest gathered in a digest; outside working hours they wait for the morning;
//! an urgent one («Высокая») goes at once.
//!
//! Every candidate goes to every curator, so the stream's schedule is each curator's.

use chrono::{DateTime, Duration, Utc};

/// The configured pace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pace {
    /// At most one card per this interval; zero sends every card at once.
    pub interval: Duration,
    /// The importance level whose candidates skip both the interval and the working hours.
    pub urgent: Option<String>,
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            interval: Duration::minutes(10),
            urgent: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Its own card.
    Card,
    /// A card that skipped the queue.
    Urgent,
    /// A line in the digest going out at the plan's moment.
    Digest,
}

impl Slot {
    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Card => "card",
            Slot::Urgent => "urgent",
            Slot::Digest => "digest",
        }
    }

    pub fn parse(s: &str) -> Option<Slot> {
        [Slot::Card, Slot::Urgent, Slot::Digest]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub slot: Slot,
    pub at: DateTime<Utc>,
}

/// What is already scheduled: the latest card or digest (urgent cards aside), and the
/// latest digest if it has not gone out yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scheduled {
    pub last: Option<DateTime<Utc>>,
    pub open_digest: Option<DateTime<Utc>>,
}

/// Plans a new candidate's delivery. `working` gives the first working moment at or after
/// an instant (the organization's calendar).
pub fn plan(
    now: DateTime<Utc>,
    urgent: bool,
    before: Scheduled,
    interval: Duration,
    working: impl Fn(DateTime<Utc>) -> DateTime<Utc>,
) -> Plan {
    if urgent {
        return Plan {
            slot: Slot::Urgent,
            at: now,
        };
    }
    let due = working(now);
    if let Some(d) = before.open_digest.filter(|d| *d >= due) {
        return Plan {
            slot: Slot::Digest,
            at: d,
        };
    }
    match before.last {
        Some(last) if interval > Duration::zero() && due < last + interval => Plan {
            slot: Slot::Digest,
            at: working(last + interval),
        },
        _ => Plan {
            slot: Slot::Card,
            at: due,
        },
    }
}
