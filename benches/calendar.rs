//! Working-calendar arithmetic on the hot paths of cards and scheduler passes.

use std::hint::black_box;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Moscow;
use criterion::{criterion_group, criterion_main, Criterion};
use otklik::domain::calendar::{CalendarSettings, Region, WorkCalendar};
use otklik::domain::WorkDuration;

fn msk(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Moscow
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("an unambiguous Moscow time")
        .with_timezone(&Utc)
}

/// Registration instants as they come: working hours, lunch, evenings, weekends, holidays,
/// the year end.
fn starts() -> Vec<DateTime<Utc>> {
    vec![
        msk(2026, 3, 16, 9, 0),
        msk(2026, 3, 20, 15, 17),
        msk(2026, 3, 21, 20, 5),
        msk(2026, 4, 30, 14, 0),
        msk(2026, 6, 23, 12, 30),
        msk(2026, 10, 30, 11, 42),
        msk(2026, 11, 3, 15, 30),
        msk(2026, 12, 30, 16, 0),
    ]
}

fn calendar() -> WorkCalendar {
    let cal = WorkCalendar::new(CalendarSettings {
        region: Some(Region::Chuvashia),
        ..CalendarSettings::default()
    });
    // Build the year tables once, as a long-running bot would have.
    let from = msk(2025, 6, 1, 0, 0);
    let _ = cal.elapsed(from, msk(2028, 6, 1, 0, 0));
    cal
}

fn bench(c: &mut Criterion) {
    let cal = calendar();
    let starts = starts();

    c.bench_function("add 8 working hours", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % starts.len();
            cal.add(black_box(starts[i]), black_box(WorkDuration::hours(8)))
        })
    });

    c.bench_function("add 7 working days", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % starts.len();
            cal.add(black_box(starts[i]), black_box(WorkDuration::days(7)))
        })
    });

    c.bench_function("sub 3 working hours", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % starts.len();
            cal.sub(black_box(starts[i]), black_box(180))
        })
    });

    c.bench_function("elapsed over a whole year", |b| {
        let (from, to) = (msk(2026, 2, 10, 10, 15), msk(2027, 2, 10, 10, 15));
        b.iter(|| cal.elapsed(black_box(from), black_box(to)))
    });

    c.bench_function("is_working_time", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % starts.len();
            cal.is_working_time(black_box(starts[i]))
        })
    });

    c.bench_function("build a calendar and its 2026 table", |b| {
        b.iter(|| {
            let cal = WorkCalendar::new(CalendarSettings::default());
            cal.is_working_time(black_box(starts[0]))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
