//! Month boundaries and the summary's moment (п.20): calendar months in the organization's
//! time zone, and the first working day of the month.

use chrono::{NaiveTime, TimeZone, Utc};

use super::fixture::*;
use super::*;

#[test]
fn p20_month_bounds_are_moscow_calendar_months() {
    let tz = chrono_tz::Europe::Moscow;
    let late_evening = Utc.with_ymd_and_hms(2026, 11, 30, 22, 30, 0).unwrap();
    assert_eq!(
        YearMonth::containing(late_evening, tz),
        YearMonth {
            year: 2026,
            month: 12
        }
    );
    assert_eq!(
        NOVEMBER.start(tz),
        Utc.with_ymd_and_hms(2026, 10, 31, 21, 0, 0).unwrap()
    );
    assert_eq!(
        NOVEMBER.end(tz),
        Utc.with_ymd_and_hms(2026, 11, 30, 21, 0, 0).unwrap()
    );
    assert!(!NOVEMBER.contains(late_evening, tz));
    assert!(NOVEMBER.contains(Utc.with_ymd_and_hms(2026, 11, 30, 20, 59, 0).unwrap(), tz));
}

#[test]
fn p20_month_parsing() {
    assert_eq!(YearMonth::parse("2026-11"), Ok(NOVEMBER));
    assert_eq!(
        " 2026-1 ".parse::<YearMonth>(),
        Ok(YearMonth {
            year: 2026,
            month: 1
        })
    );
    for bad in [
        "2026-13",
        "2026-00",
        "2026-011",
        "26-11",
        "2026/11",
        "2026-",
        "",
        "ноябрь",
        "2026-1a",
        "+202-11",
        "9999-01",
    ] {
        assert!(YearMonth::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(NOVEMBER.to_string(), "2026-11");
    assert_eq!(
        YearMonth {
            year: 2026,
            month: 1
        }
        .previous(),
        YearMonth {
            year: 2025,
            month: 12
        }
    );
    assert_eq!(
        YearMonth {
            year: 2026,
            month: 12
        }
        .next(),
        YearMonth {
            year: 2027,
            month: 1
        }
    );
}

#[test]
fn p20_summary_goes_out_on_the_first_working_day() {
    let cal = calendar();
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    // 1.11.2026 is a Sunday → Monday 2.11 at 09:00 Moscow.
    assert_eq!(
        first_working_day_send_moment(NOVEMBER, &cal, nine),
        msk(2026, 11, 2, 9, 0)
    );
    // January 2027: holidays until 8.01 → 11.01 (Monday).
    let jan = YearMonth {
        year: 2027,
        month: 1,
    };
    assert_eq!(
        first_working_day_send_moment(jan, &cal, nine),
        msk(2027, 1, 11, 9, 0)
    );
    // Outside working hours it is still that day, at that time.
    let late = NaiveTime::from_hms_opt(19, 30, 0).unwrap();
    assert_eq!(
        first_working_day_send_moment(NOVEMBER, &cal, late),
        msk(2026, 11, 2, 19, 30)
    );
}

/// A case registered on Friday 20 November 15:00 and never answered: its п.10 answer is
/// due on Monday 23 November.
fn unanswered() -> ReportCase {
    use crate::domain::case::{CaseEvent, EventKind};
    use crate::domain::ids::{CaseId, PersonId};
    let at = msk(2026, 11, 20, 15, 0);
    let unit = *unit_names().keys().next().expect("a unit");
    let registered = EventKind::Registered {
        link: "https://vk.com/wall-1_1".into(),
        network: "vk".into(),
        topic: "ЖКХ".into(),
        location: "г. Алатырь".into(),
        importance: "Средняя".into(),
        repeat_of: None,
    };
    let assigned = EventKind::Assigned {
        unit,
        responsible: true,
        order: 0,
        queued: false,
    };
    ReportCase {
        id: CaseId(1),
        number: 1,
        history: vec![
            CaseEvent::new(at, PersonId(1), registered),
            CaseEvent::new(at, PersonId(1), assigned),
        ],
    }
}

#[test]
fn p20_mid_month_counts_as_of_now() {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let figures = |now: Option<chrono::DateTime<Utc>>| {
        let mut r = MonthReport::new(NOVEMBER, ctx);
        if let Some(now) = now {
            r = r.as_of(now);
        }
        r.add(&unanswered());
        r.finish().0
    };
    // Monday morning: the deadline is still ahead, so the case is pending, not overdue.
    let monday = msk(2026, 11, 23, 9, 0);
    let mid = figures(Some(monday));
    assert_eq!((mid.totals.pending, mid.totals.overdue), (1, 0));
    assert_eq!(mid.as_of, Some(monday));
    // At the month's end it is overdue; a month already over is counted to its end.
    let end = figures(None);
    assert_eq!(
        (end.totals.pending, end.totals.overdue, end.as_of),
        (0, 1, None)
    );
    assert_eq!(figures(Some(msk(2026, 12, 7, 9, 5))), end);
}
