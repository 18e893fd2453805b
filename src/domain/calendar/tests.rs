//! Agreement with the official calendars and the SPEC §4 / regulation examples.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Moscow;

use super::*;

mod arithmetic;
mod zones;

pub(super) fn msk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Moscow
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("an unambiguous Moscow time")
        .with_timezone(&Utc)
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

pub(super) fn federal() -> WorkCalendar {
    WorkCalendar::new(CalendarSettings::default())
}

pub(super) fn chuvashia() -> WorkCalendar {
    WorkCalendar::new(CalendarSettings {
        region: Some(Region::Chuvashia),
        ..CalendarSettings::default()
    })
}

fn off(reason: OffReason) -> DayKind {
    DayKind::NonWorking(reason)
}

#[test]
fn new_year_holidays_2026_and_the_transferred_9_january() {
    let cal = federal();
    for day in 1..=8 {
        assert_eq!(
            cal.day_kind(date(2026, 1, day)),
            off(OffReason::Holiday),
            "{day}"
        );
    }
    assert_eq!(cal.day_kind(date(2026, 1, 9)), off(OffReason::Transfer));
    assert_eq!(cal.day_kind(date(2026, 1, 10)), off(OffReason::Weekend));
    assert_eq!(cal.day_kind(date(2026, 1, 12)), DayKind::Working);
}

#[test]
fn transfers_and_holidays_of_2026() {
    let cal = federal();
    // 8 March is a Sunday: the day off moves to Monday 9 March; 9 May is a Saturday:
    // Monday 11 May; 31 December is a transferred day off.
    assert_eq!(cal.day_kind(date(2026, 3, 8)), off(OffReason::Holiday));
    for (m, d) in [(3, 9), (5, 11), (12, 31)] {
        assert_eq!(
            cal.day_kind(date(2026, m, d)),
            off(OffReason::Transfer),
            "{m}-{d}"
        );
    }
    for (m, d) in [(2, 23), (5, 1), (5, 9), (6, 12), (11, 4)] {
        assert_eq!(
            cal.day_kind(date(2026, m, d)),
            off(OffReason::Holiday),
            "{m}-{d}"
        );
    }
    assert_eq!(cal.day_kind(date(2026, 12, 30)), DayKind::Working);
}

#[test]
fn shortened_days_of_2026_end_an_hour_early() {
    let cal = federal();
    for (m, d) in [(4, 30), (5, 8), (6, 11), (11, 3)] {
        assert_eq!(
            cal.day_kind(date(2026, m, d)),
            DayKind::Shortened,
            "{m}-{d}"
        );
    }
    // 3 November 2026: 08:00–12:00 and 13:00–16:00.
    assert!(cal.is_working_time(msk(2026, 11, 3, 15, 59)));
    assert!(!cal.is_working_time(msk(2026, 11, 3, 16, 0)));
    assert_eq!(
        cal.elapsed(msk(2026, 11, 3, 0, 0), msk(2026, 11, 4, 0, 0)),
        7 * 60
    );
    // 20 February 2026 is a Friday before a weekend, not before the holiday itself.
    assert_eq!(cal.day_kind(date(2026, 2, 20)), DayKind::Working);
}

#[test]
fn year_2026_matches_the_official_norm() {
    let listing = federal().year_listing(2026);
    assert!(listing.official);
    assert_eq!(listing.working_days, 247);
    assert_eq!(listing.working_minutes, 1972 * 60);
    let shortened: Vec<_> = listing.shortened().map(|d| d.date).collect();
    assert_eq!(
        shortened,
        [
            date(2026, 4, 30),
            date(2026, 5, 8),
            date(2026, 6, 11),
            date(2026, 11, 3)
        ]
    );
    let transfers: Vec<_> = listing.off_for(OffReason::Transfer).collect();
    assert_eq!(
        transfers,
        [
            date(2026, 1, 9),
            date(2026, 3, 9),
            date(2026, 5, 11),
            date(2026, 12, 31)
        ]
    );
    assert_eq!(listing.working_weekends().count(), 0);
    let text = listing.to_string();
    assert!(text.contains("2026-11-03 Tue shortened"), "{text}");
}

#[test]
fn working_saturday_20_february_2027_is_a_shortened_working_weekend_day() {
    let cal = federal();
    assert_eq!(
        cal.day_kind(date(2027, 2, 20)),
        DayKind::WorkingWeekend { shortened: true }
    );
    assert_eq!(cal.day_kind(date(2027, 2, 22)), off(OffReason::Transfer));
    // Friday 19 Feb 16:00 + 2 h: one hour on Friday, one on Saturday morning.
    assert_eq!(
        cal.add(msk(2027, 2, 19, 16, 0), WorkDuration::hours(2)),
        msk(2027, 2, 20, 9, 0)
    );
    let listing = cal.year_listing(2027);
    let weekends: Vec<_> = listing.working_weekends().map(|d| d.date).collect();
    assert_eq!(weekends, [date(2027, 2, 20)]);
}

#[test]
fn chuvash_republic_day_only_with_the_region() {
    let (fed, chv) = (federal(), chuvashia());
    assert_eq!(fed.day_kind(date(2026, 6, 24)), DayKind::Working);
    assert_eq!(fed.day_kind(date(2026, 6, 23)), DayKind::Working);
    assert_eq!(
        chv.day_kind(date(2026, 6, 24)),
        off(OffReason::RegionalHoliday)
    );
    // Art. 95: the eve of a non-working holiday is shorter, regional ones included.
    assert_eq!(chv.day_kind(date(2026, 6, 23)), DayKind::Shortened);
    assert_eq!(
        chv.add(msk(2026, 6, 23, 15, 0), WorkDuration::hours(2)),
        msk(2026, 6, 25, 9, 0)
    );
    // No transfer when it falls on a weekend (Saturday 24 June 2023).
    assert_eq!(
        chv.day_kind(date(2023, 6, 24)),
        off(OffReason::RegionalHoliday)
    );
    assert_eq!(chv.day_kind(date(2023, 6, 26)), DayKind::Working);
    assert_eq!(chv.year_listing(2026).working_minutes, (1972 - 8 - 1) * 60);
}

#[test]
fn year_end_rolls_into_the_first_working_day_of_january() {
    let cal = federal();
    // 30 Dec 2026 (Wed) 16:00 + 2 h: 1 h that day, then 31 Dec and 1–10 Jan are off.
    assert_eq!(
        cal.add(msk(2026, 12, 30, 16, 0), WorkDuration::hours(2)),
        msk(2027, 1, 11, 9, 0)
    );
    assert_eq!(
        cal.sub(msk(2027, 1, 11, 9, 0), 120),
        msk(2026, 12, 30, 16, 0)
    );
    assert_eq!(
        cal.next_working_moment(msk(2026, 12, 30, 17, 30)),
        msk(2027, 1, 11, 8, 0)
    );
    assert_eq!(
        cal.elapsed(msk(2026, 12, 30, 16, 0), msk(2027, 1, 11, 9, 0)),
        120
    );
}

#[test]
fn fallback_year_2031_follows_labour_code_article_112() {
    let cal = federal();
    assert!(!cal.year_is_official(2031));
    assert!(cal.year_is_official(2026));
    for day in 1..=8 {
        assert_eq!(cal.day_kind(date(2031, 1, day)), off(OffReason::Holiday));
    }
    // 23 Feb 2031 is a Sunday and 8 Mar a Saturday: the days off move to the Mondays.
    assert_eq!(cal.day_kind(date(2031, 2, 24)), off(OffReason::Transfer));
    assert_eq!(cal.day_kind(date(2031, 3, 10)), off(OffReason::Transfer));
    // January weekend holidays (4–5 Jan 2031) are not moved without a decree.
    assert_eq!(cal.day_kind(date(2031, 1, 9)), DayKind::Working);
    for (m, d) in [(5, 1), (5, 9), (6, 12), (11, 4)] {
        assert_eq!(cal.day_kind(date(2031, m, d)), off(OffReason::Holiday));
    }
    assert_eq!(cal.day_kind(date(2031, 6, 11)), DayKind::Shortened);
    // 31 December stays full length, as in every official year since 2013.
    assert_eq!(cal.day_kind(date(2031, 12, 31)), DayKind::Working);
    let listing = cal.year_listing(2031);
    assert!(!listing.official);
    assert!(listing.to_string().contains("fallback"));
}

/// holidays-ru's own count of the 40-hour-week norm is an independent check of the day
/// classification and of the intraday arithmetic, for every year with official data.
#[test]
fn every_official_year_matches_the_forty_hour_norm_of_holidays_ru() {
    let cal = federal();
    for year in holidays_ru::FIRST_FACT_YEAR..=holidays_ru::LAST_FACT_YEAR {
        let norm = holidays_ru::working_minutes_between_ymd::<holidays_ru::Federal>(
            year,
            1,
            1,
            year + 1,
            1,
            1,
            holidays_ru::WorkWeek::FortyHours,
        )
        .expect("a supported year")
        .value();
        assert_eq!(cal.year_listing(year).working_minutes, norm, "{year}");
        let whole_year = cal.elapsed(msk(year, 1, 1, 0, 0), msk(year + 1, 1, 1, 0, 0));
        assert_eq!(whole_year, norm, "{year}");
    }
}

#[test]
fn six_day_week_works_saturdays_but_not_holidays() {
    let mut settings = CalendarSettings::default();
    settings.schedule.days.push(chrono::Weekday::Sat);
    let cal = WorkCalendar::new(settings);
    assert_eq!(cal.day_kind(date(2026, 3, 14)), DayKind::Working);
    assert_eq!(cal.day_kind(date(2026, 3, 15)), off(OffReason::Weekend));
    assert_eq!(cal.day_kind(date(2026, 5, 9)), off(OffReason::Holiday));
    // Saturday 2 May 2026 is the eve of no holiday, Friday 8 May the eve of 9 May.
    assert_eq!(cal.day_kind(date(2026, 5, 2)), DayKind::Working);
    assert_eq!(cal.day_kind(date(2026, 5, 8)), DayKind::Shortened);
}

#[test]
fn calendar_is_shareable_and_cheap_to_clone() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<WorkCalendar>();
    let cal = federal();
    let copy = cal.clone();
    assert!(Arc::ptr_eq(&cal.inner, &copy.inner));
    assert_eq!(
        copy.day_kind(date(2026, 1, 9)),
        cal.day_kind(date(2026, 1, 9))
    );
}
