//! Working-time arithmetic: the SPEC §4 examples and the regulation's deadlines.

use super::{federal, msk};
use crate::domain::calendar::timeline;
use crate::domain::WorkDuration;

#[test]
fn spec_8_hours_from_monday_0900_is_tuesday_0900() {
    let cal = federal();
    assert_eq!(
        cal.add(msk(2026, 3, 16, 9, 0), WorkDuration::hours(8)),
        msk(2026, 3, 17, 9, 0)
    );
}

#[test]
fn spec_4_hours_from_1300_is_1700_the_same_day() {
    let cal = federal();
    let due = cal.add(msk(2026, 3, 16, 13, 0), WorkDuration::hours(4));
    assert_eq!(due, msk(2026, 3, 16, 17, 0));
    assert!(!cal.is_working_time(due));
}

#[test]
fn spec_time_registered_outside_hours_counts_from_the_next_working_moment() {
    let cal = federal();
    // Saturday evening → Monday 08:00 + 1 h.
    assert_eq!(
        cal.add(msk(2026, 3, 14, 20, 0), WorkDuration::hours(1)),
        msk(2026, 3, 16, 9, 0)
    );
    // During lunch → 13:00 + 30 min.
    assert_eq!(
        cal.add(msk(2026, 3, 16, 12, 20), WorkDuration::minutes(30)),
        msk(2026, 3, 16, 13, 30)
    );
}

#[test]
fn lunch_is_skipped() {
    let cal = federal();
    assert_eq!(
        cal.add(msk(2026, 3, 16, 11, 30), WorkDuration::hours(1)),
        msk(2026, 3, 16, 13, 30)
    );
    assert_eq!(
        cal.elapsed(msk(2026, 3, 16, 11, 0), msk(2026, 3, 16, 14, 0)),
        120
    );
}

#[test]
fn p10_answer_due_in_8_working_hours() {
    let cal = federal();
    // Friday 15:00: 2 h on Friday, 6 h on Monday.
    assert_eq!(
        cal.add(msk(2026, 3, 20, 15, 0), WorkDuration::hours(8)),
        msk(2026, 3, 23, 15, 0)
    );
    // Thursday 30 April 2026 (shortened, to 16:00) 14:00: 2 h, then 1–3 May off, 6 h on
    // Monday 4 May.
    assert_eq!(
        cal.add(msk(2026, 4, 30, 14, 0), WorkDuration::hours(8)),
        msk(2026, 5, 4, 15, 0)
    );
    // Registered on a holiday morning (1 May): the whole 8 h on Monday 4 May.
    assert_eq!(
        cal.add(msk(2026, 5, 1, 10, 0), WorkDuration::hours(8)),
        msk(2026, 5, 4, 17, 0)
    );
}

#[test]
fn p11_draft_due_3_working_hours_before_answer() {
    let cal = federal();
    // Answer due Monday 15:00: 13:00–15:00 and 11:00–12:00 → 11:00.
    assert_eq!(
        cal.sub(msk(2026, 3, 23, 15, 0), 180),
        msk(2026, 3, 23, 11, 0)
    );
    // Answer due Monday 08:30: 30 min on Monday, 2.5 h on Friday → Friday 14:30.
    assert_eq!(
        cal.sub(msk(2026, 3, 23, 8, 30), 180),
        msk(2026, 3, 20, 14, 30)
    );
    // Answer due at 17:00 (end of day) → 14:00.
    assert_eq!(
        cal.sub(msk(2026, 3, 23, 17, 0), 180),
        msk(2026, 3, 23, 14, 0)
    );
    // Exactly three hours into the day: the latest start is 08:00, not Friday evening.
    assert_eq!(
        cal.sub(msk(2026, 3, 23, 11, 0), 180),
        msk(2026, 3, 23, 8, 0)
    );
    // The whole chain: answer 8 h after registration, draft 3 h before it.
    let registered = msk(2026, 3, 20, 15, 0);
    let answer = cal.add(registered, WorkDuration::hours(8));
    let draft = cal.sub(answer, 180);
    assert_eq!(draft, msk(2026, 3, 23, 11, 0));
    assert_eq!(cal.elapsed(registered, draft), 5 * 60);
}

#[test]
fn p13_final_answer_due_7_working_days_after_intermediate() {
    let cal = federal();
    // 2.11, 3.11 (shortened, still a day), 5.11, 6.11, 9.11, 10.11, 11.11; 4.11 is off.
    let intermediate = msk(2026, 10, 30, 15, 42);
    assert_eq!(
        cal.add(intermediate, WorkDuration::days(7)),
        msk(2026, 11, 11, 17, 0)
    );
    // The event's own day never counts, even if it is published before work starts.
    assert_eq!(
        cal.add(msk(2026, 10, 30, 6, 0), WorkDuration::days(7)),
        msk(2026, 11, 11, 17, 0)
    );
}

#[test]
fn days_end_at_the_close_of_a_shortened_day() {
    let cal = federal();
    // From Friday 30 Oct 2026: day 2 is Tuesday 3 Nov, which ends at 16:00.
    assert_eq!(
        cal.add(msk(2026, 10, 30, 10, 0), WorkDuration::days(2)),
        msk(2026, 11, 3, 16, 0)
    );
    // An event on a weekend counts from Monday.
    assert_eq!(
        cal.add(msk(2026, 3, 14, 12, 0), WorkDuration::days(1)),
        msk(2026, 3, 16, 17, 0)
    );
}

#[test]
fn adding_zero_settles_on_working_time() {
    let cal = federal();
    let inside = msk(2026, 3, 16, 10, 0);
    assert_eq!(cal.add(inside, WorkDuration::minutes(0)), inside);
    let end = msk(2026, 3, 16, 17, 0);
    assert_eq!(cal.add(end, WorkDuration::minutes(0)), end);
    assert_eq!(
        cal.add(msk(2026, 3, 14, 10, 0), WorkDuration::minutes(0)),
        msk(2026, 3, 16, 8, 0)
    );
    assert_eq!(cal.add(inside, WorkDuration::days(0)), inside);
    assert_eq!(cal.sub(inside, 0), inside);
}

#[test]
fn working_time_boundaries() {
    let cal = federal();
    assert!(cal.is_working_time(msk(2026, 3, 16, 8, 0)));
    assert!(cal.is_working_time(msk(2026, 3, 16, 16, 59)));
    assert!(!cal.is_working_time(msk(2026, 3, 16, 12, 0)));
    assert!(!cal.is_working_time(msk(2026, 3, 16, 7, 59)));
    assert_eq!(
        cal.next_working_moment(msk(2026, 3, 16, 12, 30)),
        msk(2026, 3, 16, 13, 0)
    );
    assert_eq!(
        cal.next_working_moment(msk(2026, 3, 20, 17, 0)),
        msk(2026, 3, 23, 8, 0)
    );
    let inside = msk(2026, 3, 16, 9, 7);
    assert_eq!(cal.next_working_moment(inside), inside);
}

#[test]
fn elapsed_basics() {
    let cal = federal();
    let (mon8, mon17) = (msk(2026, 3, 16, 8, 0), msk(2026, 3, 16, 17, 0));
    assert_eq!(cal.elapsed(mon8, mon17), 480);
    assert_eq!(cal.elapsed(mon17, mon8), 0);
    assert_eq!(cal.elapsed(mon8, mon8), 0);
    assert_eq!(
        cal.elapsed(msk(2026, 3, 20, 16, 0), msk(2026, 3, 23, 9, 0)),
        120
    );
    // Seconds are counted, minutes are whole.
    let half = mon8 + chrono::TimeDelta::seconds(90);
    assert_eq!(cal.elapsed(mon8, half), 1);
    assert_eq!(
        cal.add(half, WorkDuration::minutes(1)),
        half + chrono::TimeDelta::seconds(60)
    );
}

#[test]
fn far_out_of_range_instants_saturate_without_panicking() {
    let cal = federal();
    let late = msk(2100, 12, 30, 10, 0);
    let end = cal.add(late, WorkDuration::Minutes(u32::MAX));
    assert_eq!(end.timestamp(), timeline::HORIZON_END);
    assert_eq!(
        cal.add(late, WorkDuration::Days(u32::MAX)).timestamp(),
        timeline::HORIZON_END
    );
    let early = msk(1900, 1, 10, 10, 0);
    assert_eq!(
        cal.sub(early, u32::MAX).timestamp(),
        timeline::HORIZON_START
    );
    let ancient = chrono::DateTime::from_timestamp(-10_000_000_000, 0).expect("in range");
    let future = chrono::DateTime::from_timestamp(10_000_000_000, 0).expect("in range");
    assert!(cal.elapsed(ancient, future) > 0);
    assert!(!cal.is_working_time(future));
    assert_eq!(cal.elapsed(future, future + chrono::TimeDelta::days(30)), 0);
    let first = cal.add(ancient, WorkDuration::minutes(1));
    assert_eq!(cal.elapsed(ancient, first), 1);
}
