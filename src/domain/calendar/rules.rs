//! Which days are worked: the federal production calendar (official data, or the Labour Code
//! fallback), the region's holidays, and the organization's weekly schedule on top.

use chrono::{Datelike, NaiveDate, Weekday};
use holidays_ru::{regions, DayFlags, Federal, Resolved};

use super::fallback;
use super::kind::{DayKind, OffReason};
use super::settings::{Region, Schedule};

/// Whether holidays-ru has the official (decree-based) federal calendar for `year`.
pub(super) fn year_is_official(year: i32) -> bool {
    (holidays_ru::FIRST_FACT_YEAR..=holidays_ru::LAST_FACT_YEAR).contains(&year)
}

/// The day classification rules of one organization.
#[derive(Debug, Clone)]
pub(super) struct DayRules {
    /// Bit `n` set: weekday `n` (Monday = 0) is in the weekly schedule.
    weekdays: u8,
    region: Option<Region>,
}

/// What the production calendars say about one date.
#[derive(Debug, Clone, Copy)]
struct Facts {
    federal: DayFlags,
    regional_holiday: bool,
}

impl Facts {
    fn is_holiday(self) -> bool {
        self.federal.is_holiday() || self.regional_holiday
    }
}

impl DayRules {
    pub(super) fn new(schedule: &Schedule, region: Option<Region>) -> Self {
        let weekdays = schedule
            .days
            .iter()
            .fold(0u8, |mask, d| mask | 1 << d.num_days_from_monday());
        Self { weekdays, region }
    }

    fn works_on(&self, weekday: Weekday) -> bool {
        self.weekdays & (1 << weekday.num_days_from_monday()) != 0
    }

    /// The kind of every day of `year`, indexed by the day's ordinal from zero.
    pub(super) fn classify_year(&self, year: i32) -> Vec<DayKind> {
        let targets = fallback::transfer_targets(year);
        let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Vec::new();
        };
        let mut kinds = Vec::with_capacity(366);
        let mut today = self.facts(first, &targets);
        let mut date = first;
        while date.year() == year {
            let Some(next) = date.succ_opt() else {
                break;
            };
            // The next day only matters for being a holiday, which no transfer changes.
            let tomorrow = self.facts(next, &targets);
            kinds.push(self.kind(date, today, tomorrow));
            today = tomorrow;
            date = next;
        }
        kinds
    }

    /// The kind of a single date.
    pub(super) fn classify(&self, date: NaiveDate) -> DayKind {
        let targets = fallback::transfer_targets(date.year());
        let tomorrow = date.succ_opt().map_or(
            Facts {
                federal: DayFlags::EMPTY,
                regional_holiday: false,
            },
            |next| self.facts(next, &targets),
        );
        self.kind(date, self.facts(date, &targets), tomorrow)
    }

    fn facts(&self, date: NaiveDate, targets: &[NaiveDate]) -> Facts {
        let (y, m, d) = ymd(date);
        let federal = match holidays_ru::flags_ymd::<Federal>(y, m, d) {
            Some(Resolved::Fact(flags)) => flags,
            _ => fallback::flags(date, targets),
        };
        let regional_holiday = self.region.is_some_and(|r| regional_holiday(r, date));
        Facts {
            federal,
            regional_holiday,
        }
    }

    fn kind(&self, date: NaiveDate, today: Facts, tomorrow: Facts) -> DayKind {
        let fed = today.federal;
        if fed.is_holiday() {
            return DayKind::NonWorking(OffReason::Holiday);
        }
        if today.regional_holiday {
            return DayKind::NonWorking(OffReason::RegionalHoliday);
        }
        if fed.is_day_off() && !fed.is_weekend() {
            return DayKind::NonWorking(OffReason::Transfer);
        }
        // The federal calendar's own short days win for the days it deems working (it does
        // not always shorten 31 December); art. 95 is applied only where it is silent: the
        // eve of a regional holiday (holidays-ru marks no regional short days) and days the
        // organization works although the federal week rests (e.g. a six-day week).
        let shortened = if fed.is_working_day() {
            fed.is_short_day() || tomorrow.regional_holiday
        } else {
            tomorrow.is_holiday()
        };
        let transferred_working = fed.is_working_day() && fed.is_weekend();
        if self.works_on(date.weekday()) {
            if shortened {
                DayKind::Shortened
            } else {
                DayKind::Working
            }
        } else if transferred_working {
            DayKind::WorkingWeekend { shortened }
        } else {
            DayKind::NonWorking(OffReason::Weekend)
        }
    }
}

fn ymd(date: NaiveDate) -> (i32, u8, u8) {
    // Month and day always fit in u8.
    (date.year(), date.month() as u8, date.day() as u8)
}

fn regional_holiday(region: Region, date: NaiveDate) -> bool {
    let (y, m, d) = ymd(date);
    let flags = match region {
        Region::Chuvashia => holidays_ru::flags_ymd::<regions::Chuvashia>(y, m, d),
    };
    match flags {
        Some(flags) => flags.value().is_day_off(),
        // Outside the years holidays-ru covers: the region's fixed-date holidays.
        None => match region {
            Region::Chuvashia => (m, d) == (6, 24),
        },
    }
}
