//! The working-time axis over the whole horizon: year tables built on first use, and the
//! searches that cross year boundaries.

use std::sync::OnceLock;

use chrono_tz::Tz;

use super::intraday::DaySchedule;
use super::rules::DayRules;
use super::table::YearTable;

/// First and last years of the tables (the years holidays-ru knows). Arithmetic beyond
/// them saturates at [`HORIZON_START`] / [`HORIZON_END`].
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;
/// 1900-01-01T00:00:00Z and 2101-01-01T00:00:00Z as Unix seconds.
pub(super) const HORIZON_START: i64 = -2_208_988_800;
pub(super) const HORIZON_END: i64 = 4_133_980_800;

/// A point on the working-time axis: a year and that year's working seconds before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub year: i32,
    pub cum: u64,
}

/// Where the first working period ending after (or at) an instant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EndRule {
    After,
    AtOrAfter,
}

pub(super) struct Timeline {
    pub tz: Tz,
    pub rules: DayRules,
    pub day: DaySchedule,
    years: Box<[OnceLock<YearTable>]>,
}

impl Timeline {
    pub fn new(tz: Tz, rules: DayRules, day: DaySchedule) -> Self {
        let years = (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect();
        Self {
            tz,
            rules,
            day,
            years,
        }
    }

    /// The table of `year`, clamped to the horizon; built on first use.
    pub fn table(&self, year: i32) -> &YearTable {
        let idx = (year.clamp(FIRST_YEAR, LAST_YEAR) - FIRST_YEAR) as usize;
        // `years` has one slot per year of the horizon, so `idx` is in range.
        self.years[idx].get_or_init(|| {
            YearTable::build(
                year.clamp(FIRST_YEAR, LAST_YEAR),
                &self.rules,
                &self.day,
                self.tz,
            )
        })
    }

    /// The year and index of the first working period whose end is after (or at) `t`;
    /// `None` past the horizon. `utc_year` is the UTC year of `t`: its local year is at most
    /// one off, and only the previous year's last periods can reach past New Year in UTC.
    pub fn locate(&self, t: i64, utc_year: i32, rule: EndRule) -> Option<(i32, usize)> {
        let reaches = |end: i64| match rule {
            EndRule::After => end > t,
            EndRule::AtOrAfter => end >= t,
        };
        let first = utc_year.saturating_sub(1).max(FIRST_YEAR);
        for year in first..=LAST_YEAR {
            let table = self.table(year);
            if table.last_end().is_some_and(reaches) {
                let idx = table.periods.partition_point(|p| !reaches(p.end));
                return Some((year, idx));
            }
        }
        None
    }

    pub fn position(&self, t: i64, utc_year: i32) -> Pos {
        match self.locate(t, utc_year, EndRule::After) {
            Some((year, idx)) => Pos {
                year,
                cum: self.table(year).cum_before(idx, t),
            },
            None => Pos {
                year: LAST_YEAR,
                cum: self.table(LAST_YEAR).total,
            },
        }
    }

    /// The earliest instant at which `secs` (> 0) working seconds have passed since `from`.
    pub fn forward(&self, from: Pos, secs: u64) -> Option<i64> {
        let mut year = from.year;
        let mut target = from.cum.saturating_add(secs);
        loop {
            let table = self.table(year);
            if target <= table.total {
                return table.earliest_reaching(target);
            }
            target -= table.total;
            if year >= LAST_YEAR {
                return None;
            }
            year += 1;
        }
    }

    /// The latest instant from which `secs` (> 0) working seconds reach `to`.
    pub fn backward(&self, to: Pos, secs: u64) -> Option<i64> {
        let mut year = to.year;
        let mut cum = to.cum;
        let mut left = secs;
        loop {
            if left <= cum {
                return self.table(year).latest_reaching(cum - left);
            }
            left -= cum;
            if year <= FIRST_YEAR {
                return None;
            }
            year -= 1;
            cum = self.table(year).total;
        }
    }

    /// Working seconds from `a` to `b` (0 unless `b` is later).
    pub fn between(&self, a: Pos, b: Pos) -> u64 {
        if b.year == a.year {
            return b.cum.saturating_sub(a.cum);
        }
        if b.year < a.year {
            return 0;
        }
        let rest_of_first = self.table(a.year).total.saturating_sub(a.cum);
        let middle: u64 = (a.year + 1..b.year).map(|y| self.table(y).total).sum();
        rest_of_first + middle + b.cum
    }
}
