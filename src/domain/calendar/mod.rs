//! Working calendar (SPEC §4): the Russian production calendar, regional holidays and the
//! organization's intraday schedule, with exact working-time arithmetic.
//!
//! Conventions:
//! - Working time is counted in whole seconds (sub-second parts of inputs are dropped);
//!   durations are whole minutes, so results land on the minute whenever inputs do.
//! - Working periods are half-open `[start, end)`: 17:00 is not working time, but a deadline
//!   may fall exactly on it (the end of a period, not the next morning).
//! - Arithmetic covers 1900–2100 (the years holidays-ru knows); beyond that it saturates at
//!   1900-01-01T00:00Z / 2101-01-01T00:00Z instead of failing.

mod fallback;
mod intraday;
mod kind;
mod listing;
mod rules;
mod settings;
mod table;
mod timeline;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::WorkDuration;
use intraday::DaySchedule;
use rules::DayRules;
use timeline::{EndRule, Timeline, HORIZON_END, HORIZON_START};

pub use kind::{DayKind, OffReason};
pub use listing::{ListedDay, YearListing};
pub use settings::{CalendarSettings, Region, Schedule};
pub use timeline::{FIRST_YEAR, LAST_YEAR};

/// An organization's working calendar. Cheap to clone and shareable across threads; per-year
/// tables are built on first use and then make every operation a few binary searches.
#[derive(Clone)]
pub struct WorkCalendar {
    inner: Arc<Inner>,
}

struct Inner {
    settings: CalendarSettings,
    timeline: Timeline,
}

impl fmt::Debug for WorkCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("settings", &self.inner.settings)
            .finish_non_exhaustive()
    }
}

impl Default for WorkCalendar {
    fn default() -> Self {
        Self::new(CalendarSettings::default())
    }
}

impl WorkCalendar {
    pub fn new(settings: CalendarSettings) -> Self {
        let rules = DayRules::new(&settings.schedule, settings.region);
        let day = DaySchedule::new(&settings.schedule);
        let timeline = Timeline::new(settings.timezone, rules, day);
        Self {
            inner: Arc::new(Inner { settings, timeline }),
        }
    }

    pub fn settings(&self) -> &CalendarSettings {
        &self.inner.settings
    }

    pub fn timezone(&self) -> Tz {
        self.inner.settings.timezone
    }

    fn timeline(&self) -> &Timeline {
        &self.inner.timeline
    }

    /// The deadline `d` of working time after `from`.
    ///
    /// Minutes: the earliest instant at which that much working time has passed; counting
    /// starts at the next working moment, and a result may be the end of a working period.
    /// Adding zero returns `from` if it is working time or the end of a period, otherwise
    /// the next working moment — so `elapsed(from, add(from, d))` is `d` and a result is
    /// always inside working time or at a period end.
    ///
    /// Days (п.13, civil-law convention): counting starts the day after the local date of
    /// `from`, and the deadline is the close of the last counted working day. `Days(0)` is
    /// the same as `Minutes(0)`.
    pub fn add(&self, from: DateTime<Utc>, d: WorkDuration) -> DateTime<Utc> {
        match d {
            WorkDuration::Minutes(0) | WorkDuration::Days(0) => self.settle(from),
            WorkDuration::Minutes(m) => {
                let tl = self.timeline();
                let pos = tl.position(from.timestamp(), from.year());
                instant(tl.forward(pos, u64::from(m) * 60).unwrap_or(HORIZON_END))
            }
            WorkDuration::Days(n) => self.add_days(from, n),
        }
    }

    /// The latest instant from which `minutes` of working time reach `at` (e.g. the draft is
    /// due 3 working hours before the answer). `sub(at, 0)` is `at`.
    pub fn sub(&self, at: DateTime<Utc>, minutes: u32) -> DateTime<Utc> {
        if minutes == 0 {
            return at;
        }
        let tl = self.timeline();
        let pos = tl.position(at.timestamp(), at.year());
        instant(
            tl.backward(pos, u64::from(minutes) * 60)
                .unwrap_or(HORIZON_START),
        )
    }

    /// Whole working minutes from `from` to `to`; 0 if `to` is not later.
    pub fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
        if to <= from {
            return 0;
        }
        let tl = self.timeline();
        let a = tl.position(from.timestamp(), from.year());
        let b = tl.position(to.timestamp(), to.year());
        u32::try_from(tl.between(a, b) / 60).unwrap_or(u32::MAX)
    }

    pub fn is_working_time(&self, at: DateTime<Utc>) -> bool {
        let t = at.timestamp();
        let tl = self.timeline();
        tl.locate(t, at.year(), EndRule::After)
            .and_then(|(year, idx)| tl.table(year).periods.get(idx).copied())
            .is_some_and(|p| p.start <= t)
    }

    /// `at` itself if it is working time, otherwise the start of the next working period.
    pub fn next_working_moment(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        let t = at.timestamp();
        let tl = self.timeline();
        match tl
            .locate(t, at.year(), EndRule::After)
            .and_then(|(year, idx)| tl.table(year).periods.get(idx).copied())
        {
            Some(p) if p.start <= t => at,
            Some(p) => instant(p.start),
            None => instant(HORIZON_END),
        }
    }

    /// `from` if it is working time or the end of a working period, else the next working
    /// moment.
    fn settle(&self, from: DateTime<Utc>) -> DateTime<Utc> {
        let t = from.timestamp();
        let tl = self.timeline();
        match tl
            .locate(t, from.year(), EndRule::AtOrAfter)
            .and_then(|(year, idx)| tl.table(year).periods.get(idx).copied())
        {
            Some(p) if p.start <= t => from,
            Some(p) => instant(p.start),
            None => instant(HORIZON_END),
        }
    }

    fn add_days(&self, from: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        let tl = self.timeline();
        let mut date = from.with_timezone(&self.timezone()).date_naive();
        if date.year() < FIRST_YEAR {
            date = NaiveDate::from_ymd_opt(FIRST_YEAR - 1, 12, 31).unwrap_or(date);
        }
        let mut left = days;
        while let Some(next) = date.succ_opt().filter(|d| d.year() <= LAST_YEAR) {
            date = next;
            let table = tl.table(date.year());
            if let Some(last) = table.day_periods(table::ordinal0(date)).last() {
                left -= 1;
                if left == 0 {
                    return instant(last.end);
                }
            }
        }
        instant(HORIZON_END)
    }

    /// The organization's kind of `date`.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        let tl = self.timeline();
        if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            let table = tl.table(date.year());
            if let Some(entry) = table.days.get(table::ordinal0(date)) {
                return entry.kind;
            }
        }
        tl.rules.classify(date)
    }

    /// Whether `year` has the official federal production calendar; otherwise the Labour
    /// Code fallback applies and the admin should be warned. (Chuvashia's 24 June is fixed
    /// by regional law, so the region never makes a year less official.)
    pub fn year_is_official(&self, year: i32) -> bool {
        rules::year_is_official(year)
    }

    /// The year's notable days and working-time norm, for `otklik calendar show`.
    pub fn year_listing(&self, year: i32) -> YearListing {
        let tl = self.timeline();
        let kinds = tl.rules.classify_year(year);
        YearListing::new(year, self.year_is_official(year), &kinds, &tl.day)
    }
}

fn instant(unix: i64) -> DateTime<Utc> {
    // Every value passed here lies within the horizon, far inside chrono's range.
    DateTime::from_timestamp(unix, 0).unwrap_or_default()
}
