//! Calendar months of the organization's time zone, and when a month's summary goes out.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::domain::calendar::{WorkCalendar, FIRST_YEAR, LAST_YEAR};

/// A calendar month, e.g. November 2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12.
    pub month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a month as YYYY-MM (ГГГГ-ММ), e.g. 2026-11, got \"{0}\"")]
pub struct MonthParseError(pub String);

impl YearMonth {
    /// A month within the years the calendar knows; `None` otherwise.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((FIRST_YEAR..=LAST_YEAR).contains(&year) && (1..=12).contains(&month))
            .then_some(Self { year, month })
    }

    /// Parses `ГГГГ-ММ` (`2026-11`; a one-digit month `2026-1` is accepted too).
    pub fn parse(s: &str) -> Result<Self, MonthParseError> {
        let err = || MonthParseError(s.to_owned());
        let (y, m) = s.trim().split_once('-').ok_or_else(err)?;
        let digits = |t: &str, max: usize| {
            !t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit())
        };
        if y.len() != 4 || !digits(y, 4) || !digits(m, 2) {
            return Err(err());
        }
        let (year, month) = (y.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?);
        Self::new(year, month).ok_or_else(err)
    }

    /// The month an instant falls in, in the given time zone.
    pub fn containing(at: DateTime<Utc>, tz: Tz) -> Self {
        let d = at.with_timezone(&tz).date_naive();
        Self {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn previous(self) -> Self {
        match self.month {
            1 => Self {
                year: self.year - 1,
                month: 12,
            },
            m => Self {
                year: self.year,
                month: m - 1,
            },
        }
    }

    pub fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            m => Self {
                year: self.year,
                month: m + 1,
            },
        }
    }

    /// The month `n` months earlier.
    pub fn back(self, n: u32) -> Self {
        (0..n).fold(self, |m, _| m.previous())
    }

    pub fn first_day(self) -> NaiveDate {
        // `new`/`parse` keep the month valid; a hand-built invalid one falls back to 1 Jan.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The month's first instant: local midnight of its first day.
    pub fn start(self, tz: Tz) -> DateTime<Utc> {
        local_instant(tz, self.first_day().and_time(NaiveTime::MIN))
    }

    /// The first instant after the month (the next month's start).
    pub fn end(self, tz: Tz) -> DateTime<Utc> {
        self.next().start(tz)
    }

    /// Whether `at` falls in this month in the given time zone.
    pub fn contains(self, at: DateTime<Utc>, tz: Tz) -> bool {
        Self::containing(at, tz) == self
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = MonthParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// When the summary of the previous month goes out: the first working day of `month` at
/// `send_at` in the organization's time zone. If `send_at` is outside that day's working
/// hours it is still that day at that time, so the schedule is predictable.
pub fn first_working_day_send_moment(
    month: YearMonth,
    calendar: &WorkCalendar,
    send_at: NaiveTime,
) -> DateTime<Utc> {
    let first = month.first_day();
    let day = first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .find(|d| calendar.day_kind(*d).is_working())
        // A month without a working day cannot happen with a real schedule; send on the 1st.
        .unwrap_or(first);
    local_instant(calendar.timezone(), day.and_time(send_at))
}

/// The UTC instant of a local wall-clock time: the earlier one if ambiguous; a time skipped
/// by a clock change moves to the first quarter hour after the gap.
fn local_instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let resolve = |t: NaiveDateTime| match tz.from_local_datetime(&t) {
        LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => Some(d.with_timezone(&Utc)),
        LocalResult::None => None,
    };
    // Clock changes skip at most a few hours; step forward until the wall clock exists.
    (0..=24)
        .find_map(|h| resolve(local + Duration::minutes(h * 15)))
        .unwrap_or_else(|| local.and_utc())
}
