//! Time zones: clock changes, odd offsets, a skipped day, and New Year in UTC.

use chrono::{DateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::date;
use crate::domain::calendar::{CalendarSettings, DayKind, Schedule, WorkCalendar};
use crate::domain::WorkDuration;

fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("an existing local time")
        .with_timezone(&Utc)
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid UTC time")
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn every_day(tz: Tz, start: NaiveTime, end: NaiveTime) -> WorkCalendar {
    use Weekday::*;
    WorkCalendar::new(CalendarSettings {
        timezone: tz,
        region: None,
        schedule: Schedule {
            days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
            start,
            end,
            lunch: None,
            preholiday_shortening_minutes: 0,
        },
    })
}

#[test]
fn spring_gap_shortens_and_autumn_fold_lengthens_a_night_shift() {
    let berlin = chrono_tz::Europe::Berlin;
    let cal = every_day(berlin, t(1, 0), t(4, 0));
    // 29 March 2026: 02:00 jumps to 03:00, so 01:00–04:00 is two real hours.
    let spring = (utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0));
    assert_eq!(cal.elapsed(spring.0, spring.1), 120);
    assert_eq!(
        cal.add(utc(2026, 3, 29, 0, 30), WorkDuration::minutes(60)),
        utc(2026, 3, 29, 1, 30)
    );
    // 25 October 2026: 02:00–03:00 happens twice, so the shift is four real hours.
    let autumn = (utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0));
    assert_eq!(cal.elapsed(autumn.0, autumn.1), 240);
}

#[test]
fn a_day_starting_inside_the_spring_gap_starts_after_it() {
    let berlin = chrono_tz::Europe::Berlin;
    let cal = every_day(berlin, t(2, 30), t(4, 0));
    let day = (utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0));
    assert_eq!(cal.elapsed(day.0, day.1), 60);
    assert_eq!(
        cal.next_working_moment(utc(2026, 3, 29, 0, 0)),
        local(berlin, 2026, 3, 29, 3, 0)
    );
}

#[test]
fn half_hour_offset_zone_keeps_the_wall_clock_schedule() {
    let kolkata = chrono_tz::Asia::Kolkata;
    let cal = WorkCalendar::new(CalendarSettings {
        timezone: kolkata,
        ..CalendarSettings::default()
    });
    assert_eq!(cal.timezone(), kolkata);
    assert_eq!(
        cal.add(local(kolkata, 2026, 3, 16, 9, 0), WorkDuration::hours(8)),
        local(kolkata, 2026, 3, 17, 9, 0)
    );
}

#[test]
fn new_year_in_utc_is_still_the_old_year_west_of_greenwich() {
    let ny = chrono_tz::America::New_York;
    let cal = WorkCalendar::new(CalendarSettings {
        timezone: ny,
        schedule: Schedule {
            end: t(23, 0),
            lunch: None,
            ..Schedule::default()
        },
        ..CalendarSettings::default()
    });
    // 31 Dec 2031 (fallback year, full length): 08:00–23:00 EST = 13:00Z–04:00Z.
    assert_eq!(cal.day_kind(date(2031, 12, 31)), DayKind::Working);
    assert!(cal.is_working_time(utc(2032, 1, 1, 3, 59)));
    assert!(!cal.is_working_time(utc(2032, 1, 1, 4, 0)));
    let due = cal.add(local(ny, 2031, 12, 31, 21, 0), WorkDuration::hours(2));
    assert_eq!(due, utc(2032, 1, 1, 4, 0));
    assert_eq!(
        cal.elapsed(utc(2031, 12, 31, 12, 0), utc(2032, 1, 2, 0, 0)),
        15 * 60
    );
    assert_eq!(cal.sub(due, 120), local(ny, 2031, 12, 31, 21, 0));
}

#[test]
fn a_day_skipped_by_the_clock_has_no_working_time() {
    // Samoa skipped Friday 30 December 2011 when it crossed the date line.
    let apia = chrono_tz::Pacific::Apia;
    let cal = WorkCalendar::new(CalendarSettings {
        timezone: apia,
        ..CalendarSettings::default()
    });
    assert_eq!(cal.day_kind(date(2011, 12, 30)), DayKind::Working);
    let thursday = local(apia, 2011, 12, 29, 8, 0);
    assert_eq!(
        cal.add(thursday, WorkDuration::hours(8)),
        local(apia, 2011, 12, 29, 17, 0)
    );
    // The next working time after Thursday is Tuesday 10 January 2012 (1–9 Jan are off).
    assert_eq!(
        cal.add(thursday, WorkDuration::hours(9)),
        local(apia, 2012, 1, 10, 9, 0)
    );
    assert_eq!(
        cal.add(local(apia, 2011, 12, 28, 10, 0), WorkDuration::days(2)),
        local(apia, 2012, 1, 10, 17, 0)
    );
}
