//! Algebraic properties of the working-time arithmetic, and a minute-by-minute oracle.

use std::sync::LazyLock;

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use proptest::prelude::*;

use super::{CalendarSettings, Region, WorkCalendar};
use crate::domain::WorkDuration;

static CAL: LazyLock<WorkCalendar> = LazyLock::new(|| {
    WorkCalendar::new(CalendarSettings {
        region: Some(Region::Chuvashia),
        ..CalendarSettings::default()
    })
});

/// 2025-01-01T00:00Z .. 2029-01-01T00:00Z: official years and a fallback one.
const FROM: i64 = 1_735_689_600;
const TO: i64 = 1_861_920_000;

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (FROM..TO).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range"))
}

/// Instants on whole minutes, where minute arithmetic is exact.
fn minute() -> impl Strategy<Value = DateTime<Utc>> {
    (FROM / 60..TO / 60).prop_map(|m| DateTime::from_timestamp(m * 60, 0).expect("in range"))
}

fn minutes() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..600, 0u32..20_000, 0u32..200_000]
}

fn second() -> TimeDelta {
    TimeDelta::seconds(1)
}

/// Working minutes in `[from, to)` counted one minute at a time from the day kinds and the
/// wall-clock schedule (Moscow has had no clock changes since 2014).
fn oracle(cal: &WorkCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    let s = &cal.settings().schedule;
    let mut n = 0;
    let mut t = from;
    while t < to {
        let l = t.with_timezone(&cal.timezone());
        let kind = cal.day_kind(l.date_naive());
        let time = l.time();
        let end = if kind.is_shortened() {
            s.end - TimeDelta::minutes(i64::from(s.preholiday_shortening_minutes))
        } else {
            s.end
        };
        let at_lunch = s.lunch.is_some_and(|(a, b)| a <= time && time < b);
        if kind.is_working() && s.start <= time && time < end && !at_lunch {
            n += 1;
        }
        t += TimeDelta::minutes(1);
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn add_is_additive(t in instant(), a in minutes(), b in minutes()) {
        let cal = &*CAL;
        let step = cal.add(cal.add(t, WorkDuration::Minutes(a)), WorkDuration::Minutes(b));
        prop_assert_eq!(step, cal.add(t, WorkDuration::Minutes(a + b)));
    }

    #[test]
    fn elapsed_inverts_add(t in instant(), m in minutes()) {
        let cal = &*CAL;
        prop_assert_eq!(cal.elapsed(t, cal.add(t, WorkDuration::Minutes(m))), m);
    }

    #[test]
    fn add_lands_inside_working_time_or_at_a_period_end(t in instant(), m in 1u32..200_000) {
        let cal = &*CAL;
        let due = cal.add(t, WorkDuration::Minutes(m));
        prop_assert!(due > t);
        // The second before the deadline is working time: the deadline is in (start, end].
        prop_assert!(cal.is_working_time(due - second()));
        let zero = cal.add(t, WorkDuration::Minutes(0));
        prop_assert!(cal.is_working_time(zero) || cal.is_working_time(zero - second()));
        prop_assert!(zero >= t);
    }

    #[test]
    fn add_is_monotonic(t in instant(), m in minutes()) {
        let cal = &*CAL;
        let a = cal.add(t, WorkDuration::Minutes(m));
        prop_assert!(a < cal.add(t, WorkDuration::Minutes(m + 1)));
    }

    #[test]
    fn sub_inverts_add_from_working_time(t in instant(), m in minutes()) {
        let cal = &*CAL;
        let start = cal.next_working_moment(t);
        prop_assert!(cal.is_working_time(start));
        prop_assert_eq!(cal.sub(cal.add(start, WorkDuration::Minutes(m)), m), start);
    }

    #[test]
    fn add_inverts_sub_on_deadlines(t in instant(), k in 1u32..20_000, m in minutes()) {
        let cal = &*CAL;
        let due = cal.add(t, WorkDuration::Minutes(k));
        let before = cal.sub(due, m);
        prop_assert!(before <= due);
        prop_assert_eq!(cal.elapsed(before, due), m);
        prop_assert_eq!(cal.add(before, WorkDuration::Minutes(m)), due);
        // Latest: a second later leaves less than `m` minutes.
        if m > 0 {
            prop_assert!(cal.elapsed(before + second(), due) < m);
        }
    }

    #[test]
    fn elapsed_is_additive_on_whole_minutes(a in minute(), b in minute(), c in minute()) {
        let cal = &*CAL;
        let mut v = [a, b, c];
        v.sort();
        let [a, b, c] = v;
        prop_assert_eq!(cal.elapsed(a, c), cal.elapsed(a, b) + cal.elapsed(b, c));
    }

    #[test]
    fn elapsed_matches_a_minute_by_minute_count(from in minute(), len in 0i64..6000) {
        let cal = &*CAL;
        let to = from + TimeDelta::minutes(len);
        prop_assert_eq!(cal.elapsed(from, to), oracle(cal, from, to));
    }

    #[test]
    fn days_end_at_the_close_of_the_nth_working_day(t in instant(), n in 1u32..40) {
        let cal = &*CAL;
        let due = cal.add(t, WorkDuration::Days(n));
        let tz = cal.timezone();
        let (start, end) = (t.with_timezone(&tz).date_naive(), due.with_timezone(&tz).date_naive());
        prop_assert!(cal.is_working_time(due - second()));
        prop_assert!(!cal.is_working_time(due));
        prop_assert!(cal.day_kind(end).is_working());
        let counted = start.iter_days().skip(1).take_while(|d| *d <= end)
            .filter(|d| cal.day_kind(*d).is_working())
            .count();
        prop_assert_eq!(counted, n as usize);
        // The close of the day: nothing is worked later that day.
        let rest = due.with_timezone(&tz).date_naive().succ_opt().expect("in range");
        let midnight = rest.and_hms_opt(0, 0, 0).expect("valid")
            .and_local_timezone(tz).earliest().expect("exists").with_timezone(&Utc);
        prop_assert_eq!(cal.elapsed(due, midnight), 0);
        prop_assert_eq!(due.second(), 0);
    }
}
