//! A year's departures from the weekly pattern, for checking against the official calendar.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::intraday::DaySchedule;
use super::kind::{DayKind, OffReason};

/// One listed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedDay {
    pub date: NaiveDate,
    pub kind: DayKind,
}

/// The year's holidays, transferred days off, shortened days and working weekend days, in
/// date order, with the year's working-time norm under the organization's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearListing {
    pub year: i32,
    /// Whether the federal part comes from the official (decree-based) calendar; if not,
    /// it is the Labour Code fallback and the admin should be warned.
    pub official: bool,
    /// Every day whose kind is not plain working or a plain weekend.
    pub days: Vec<ListedDay>,
    pub working_days: u32,
    /// Nominal working minutes (wall-clock schedule, ignoring clock changes).
    pub working_minutes: u32,
}

impl YearListing {
    pub(super) fn new(year: i32, official: bool, kinds: &[DayKind], day: &DaySchedule) -> Self {
        let mut days = Vec::new();
        let (mut working_days, mut working_secs) = (0u32, 0u32);
        let mut date = NaiveDate::from_ymd_opt(year, 1, 1);
        for &kind in kinds {
            let Some(d) = date else { break };
            if kind.is_notable() {
                days.push(ListedDay { date: d, kind });
            }
            if kind.is_working() {
                working_days += 1;
                let spans = day.periods(kind.is_shortened());
                working_secs += spans.iter().map(|&(a, b)| b - a).sum::<u32>();
            }
            date = d.succ_opt();
        }
        Self {
            year,
            official,
            days,
            working_days,
            working_minutes: working_secs / 60,
        }
    }

    /// Holidays, regional holidays and transferred days off (weekend or not).
    pub fn non_working(&self) -> impl Iterator<Item = &ListedDay> {
        self.days.iter().filter(|d| !d.kind.is_working())
    }

    /// Shortened pre-holiday working days, working weekend days included.
    pub fn shortened(&self) -> impl Iterator<Item = &ListedDay> {
        self.days.iter().filter(|d| d.kind.is_shortened())
    }

    /// Rest days of the weekly schedule made working by a transfer.
    pub fn working_weekends(&self) -> impl Iterator<Item = &ListedDay> {
        self.days
            .iter()
            .filter(|d| matches!(d.kind, DayKind::WorkingWeekend { .. }))
    }

    /// Dates off for `reason`.
    pub fn off_for(&self, reason: OffReason) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days
            .iter()
            .filter(move |d| d.kind == DayKind::NonWorking(reason))
            .map(|d| d.date)
    }
}

impl fmt::Display for YearListing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = if self.official {
            "official data"
        } else {
            "Labour Code fallback, no official data"
        };
        writeln!(f, "{} ({source})", self.year)?;
        writeln!(
            f,
            "working days: {}, working hours: {}:{:02}",
            self.working_days,
            self.working_minutes / 60,
            self.working_minutes % 60
        )?;
        section(f, "non-working days:", self.non_working())?;
        section(f, "shortened days:", self.shortened())?;
        section(f, "working weekend days:", self.working_weekends())
    }
}

fn section<'a>(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    days: impl Iterator<Item = &'a ListedDay>,
) -> fmt::Result {
    writeln!(f, "{title}")?;
    for d in days {
        writeln!(f, "  {} {} {}", d.date, d.date.weekday(), d.kind)?;
    }
    Ok(())
}
