//! The Labour Code fallback for years without an official production calendar.
//!
//! holidays-ru has its own prediction, but it also guesses where the government moves the
//! January weekend holidays; the Labour Code leaves that to a yearly decree, so the fallback
//! here applies art. 112 literally and predicts no January transfers.

use chrono::{Datelike, NaiveDate, Weekday};
use holidays_ru::DayFlags;

/// Federal non-working holidays (art. 112), as (month, day).
const HOLIDAYS: [(u32, u32); 14] = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
];

pub(super) fn is_holiday(date: NaiveDate) -> bool {
    HOLIDAYS.contains(&(date.month(), date.day()))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether a holiday coinciding with a weekend moves the day off to the next working day:
/// all but 1–6 and 8 January, whose transfers the government decides each year.
fn moves_when_on_weekend(month: u32, day: u32) -> bool {
    month != 1 || day == 7
}

/// The weekdays that become days off because a holiday fell on a weekend, in `year`.
pub(super) fn transfer_targets(year: i32) -> Vec<NaiveDate> {
    let mut targets: Vec<NaiveDate> = Vec::new();
    for &(month, day) in &HOLIDAYS {
        let Some(holiday) = NaiveDate::from_ymd_opt(year, month, day) else {
            continue;
        };
        if !moves_when_on_weekend(month, day) || !is_weekend(holiday) {
            continue;
        }
        // A week always holds a free weekday, so this ends within a few steps.
        let mut candidate = holiday.succ_opt();
        while let Some(d) = candidate {
            if !is_weekend(d) && !is_holiday(d) && !targets.contains(&d) {
                targets.push(d);
                break;
            }
            candidate = d.succ_opt();
        }
    }
    targets
}

/// The federal flags of `date` under art. 112 alone, with pre-holiday days (art. 95) marked
/// short — except 31 December, which every official calendar since 2013 leaves full length
/// when it is a working day. `targets` are [`transfer_targets`] of the date's year.
pub(super) fn flags(date: NaiveDate, targets: &[NaiveDate]) -> DayFlags {
    let weekend = is_weekend(date);
    let holiday = is_holiday(date);
    let extra = targets.contains(&date);
    let day_off = weekend || holiday || extra;
    let new_years_eve = (date.month(), date.day()) == (12, 31);
    let next_is_holiday = !new_years_eve && date.succ_opt().is_some_and(is_holiday);
    let moved = holiday && weekend && moves_when_on_weekend(date.month(), date.day());
    DayFlags::EMPTY
        .with_if(weekend, DayFlags::WEEKEND)
        .with_if(holiday, DayFlags::HOLIDAY)
        .with_if(day_off, DayFlags::DAY_OFF)
        .with_if(!day_off, DayFlags::WORKING_DAY)
        .with_if(!day_off && next_is_holiday, DayFlags::SHORT_DAY)
        .with_if(extra || moved, DayFlags::TRANSFERRED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn non_january_weekend_holiday_moves_to_next_weekday() {
        // 2031: 9 May is a Friday, 4 Nov a Tuesday, 8 Mar a Saturday → Monday 10 March.
        let targets = transfer_targets(2031);
        assert!(targets.contains(&d(2031, 3, 10)), "{targets:?}");
        assert!(!targets.contains(&d(2031, 5, 12)));
    }

    #[test]
    fn january_weekend_holidays_do_not_move_but_christmas_does() {
        // 2034: 7 January is a Saturday; 8 January is a holiday, so the day off lands on
        // Monday 9 January. 1 January (Sunday) does not move.
        let targets = transfer_targets(2034);
        assert_eq!(d(2034, 1, 7).weekday(), Weekday::Sat);
        assert!(targets.contains(&d(2034, 1, 9)), "{targets:?}");
        assert!(!targets.contains(&d(2034, 1, 10)), "{targets:?}");
    }

    #[test]
    fn two_weekend_holidays_take_distinct_days() {
        // 2032: 1 May (Sat) and 9 May (Sun): Monday 3 May and Monday 10 May.
        let targets = transfer_targets(2032);
        assert!(targets.contains(&d(2032, 5, 3)), "{targets:?}");
        assert!(targets.contains(&d(2032, 5, 10)), "{targets:?}");
    }

    #[test]
    fn day_before_a_holiday_is_short() {
        let f = flags(d(2031, 6, 11), &transfer_targets(2031));
        assert!(f.is_working_day() && f.is_short_day());
        let eve = flags(d(2031, 12, 31), &transfer_targets(2031));
        assert!(eve.is_working_day() && !eve.is_short_day());
    }
}
