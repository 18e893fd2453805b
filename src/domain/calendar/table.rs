//! One year of working periods as UTC seconds, with running totals, so that arithmetic is a
//! couple of binary searches.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;

use super::intraday::DaySchedule;
use super::kind::DayKind;
use super::rules::DayRules;

/// A working period `[start, end)` in Unix seconds, and the working seconds of its year
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Period {
    pub start: i64,
    pub end: i64,
    pub cum: u64,
}

impl Period {
    pub fn len(&self) -> u64 {
        self.end.abs_diff(self.start)
    }
}

/// A day's kind and its periods as a range of [`YearTable::periods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DayEntry {
    pub kind: DayKind,
    pub first: u16,
    pub count: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearTable {
    /// Sorted, non-overlapping, non-empty.
    pub periods: Box<[Period]>,
    /// One entry per day of the year, by ordinal from zero.
    pub days: Box<[DayEntry]>,
    /// Working seconds of the whole year.
    pub total: u64,
}

impl YearTable {
    pub fn build(year: i32, rules: &DayRules, schedule: &DaySchedule, tz: Tz) -> Self {
        let kinds = rules.classify_year(year);
        let mut periods: Vec<Period> = Vec::with_capacity(kinds.len() * 2);
        let mut days = Vec::with_capacity(kinds.len());
        let mut total = 0u64;
        let mut date = NaiveDate::from_ymd_opt(year, 1, 1);
        for kind in kinds {
            let Some(day) = date else { break };
            let first = periods.len();
            if kind.is_working() {
                for &(from, to) in schedule.periods(kind.is_shortened()) {
                    let floor = periods.last().map_or(i64::MIN, |p| p.end);
                    let start = local_to_utc(tz, at(day, from)).max(floor);
                    let end = local_to_utc(tz, at(day, to));
                    // A clock change inside a period can empty it; keep the list sorted.
                    if end > start {
                        let period = Period {
                            start,
                            end,
                            cum: total,
                        };
                        total += period.len();
                        periods.push(period);
                    }
                }
            }
            days.push(DayEntry {
                kind,
                // At most 366 days × a few periods: fits.
                first: u16::try_from(first).unwrap_or(u16::MAX),
                count: u8::try_from(periods.len() - first).unwrap_or(u8::MAX),
            });
            date = day.succ_opt();
        }
        Self {
            periods: periods.into_boxed_slice(),
            days: days.into_boxed_slice(),
            total,
        }
    }

    /// The end of the year's last working period.
    pub fn last_end(&self) -> Option<i64> {
        self.periods.last().map(|p| p.end)
    }

    /// Working seconds of the year before `t`.
    pub fn cum_before(&self, idx: usize, t: i64) -> u64 {
        match self.periods.get(idx) {
            Some(p) => p.cum + u64::try_from(t - p.start).unwrap_or(0).min(p.len()),
            None => self.total,
        }
    }

    /// The earliest instant at which `target` (> 0, ≤ total) working seconds of the year
    /// have passed.
    pub fn earliest_reaching(&self, target: u64) -> Option<i64> {
        let idx = self.periods.partition_point(|p| p.cum + p.len() < target);
        let p = self.periods.get(idx)?;
        Some(p.start + offset(target - p.cum))
    }

    /// The latest instant before which exactly `target` (< total) working seconds of the
    /// year have passed.
    pub fn latest_reaching(&self, target: u64) -> Option<i64> {
        let idx = self.periods.partition_point(|p| p.cum + p.len() <= target);
        let p = self.periods.get(idx)?;
        Some(p.start + offset(target - p.cum))
    }

    /// The periods of day `ordinal0` (0 = 1 January).
    pub fn day_periods(&self, ordinal0: usize) -> &[Period] {
        let Some(e) = self.days.get(ordinal0) else {
            return &[];
        };
        let first = usize::from(e.first);
        self.periods
            .get(first..first + usize::from(e.count))
            .unwrap_or(&[])
    }
}

fn offset(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}

fn at(day: NaiveDate, secs_of_day: u32) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN) + TimeDelta::seconds(i64::from(secs_of_day))
}

/// The Unix second of a local wall-clock time. In an autumn fold the earlier instant is
/// taken; a time skipped by a spring jump maps to the first instant after the jump. Both
/// keep the mapping monotonic, which the sorted periods rely on.
pub(super) fn local_to_utc(tz: Tz, local: NaiveDateTime) -> i64 {
    use chrono::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => first_instant_not_before(tz, local),
    }
}

/// Binary search for the first UTC second whose local time is not before `local`; UTC
/// offsets stay within ±26 h, which bounds the search.
fn first_instant_not_before(tz: Tz, local: NaiveDateTime) -> i64 {
    let guess = local.and_utc().timestamp();
    let (mut lo, mut hi) = (guess - 26 * 3600, guess + 26 * 3600);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if local_of(tz, mid).is_some_and(|l| l >= local) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

fn local_of(tz: Tz, unix: i64) -> Option<NaiveDateTime> {
    let utc = chrono::DateTime::from_timestamp(unix, 0)?.naive_utc();
    let off = tz.offset_from_utc_datetime(&utc).fix();
    Some(utc + off)
}

/// The index of `date` in its year's [`YearTable::days`].
pub(super) fn ordinal0(date: NaiveDate) -> usize {
    date.ordinal0() as usize
}
