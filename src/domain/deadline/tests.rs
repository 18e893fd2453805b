//! Deadlines of п.9–п.15 computed from histories, clause by clause.

use super::*;
use crate::domain::case::{Command, DraftKind};
use crate::domain::testkit::*;
use crate::domain::WorkDuration;

fn deadlines(s: &Story) -> Vec<Deadline> {
    compute(&s.history, &s.calendar, &s.rules)
}

fn find(s: &Story, kind: DeadlineKind) -> Deadline {
    deadlines(s)
        .into_iter()
        .rev()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} deadline"))
}

fn draft(kind: DraftKind) -> Command {
    Command::SubmitDraft {
        kind,
        text: "Ответ".into(),
        attachments: vec![],
    }
}

/// Registered, accepted, drafted, approved and published at the given Moscow times.
fn answered(at: [chrono::DateTime<chrono::Utc>; 5], kind: DraftKind) -> Story {
    let mut s = Story::approved([at[0], at[1], at[2], at[3]], kind);
    s.does(&curator(), at[4], Command::Publish { url: None });
    s
}

#[test]
fn p9_return_window_is_30_working_minutes_from_delivery() {
    let s = Story::registered(msk(2026, 11, 23, 16, 50), &[HOUSING]);
    let d = find(&s, DeadlineKind::ReturnWindow);
    // 10 minutes today, 20 tomorrow morning.
    assert_eq!(d.due_at, msk(2026, 11, 24, 8, 20));
    assert!(d.kind.is_window() && !d.kind.escalates());
}

#[test]
fn p9_reassignment_due_15_working_minutes_after_the_return() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 10),
        Command::Return {
            unit: HOUSING,
            reason: "Не наше".into(),
        },
    );
    let d = find(&s, DeadlineKind::Reassign);
    assert_eq!(d.due_at, msk(2026, 11, 23, 9, 25));
    assert_eq!(d.party, Party::Curator);
    assert!(d.is_open());
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 40),
        Command::Reassign { units: vec![ROADS] },
    );
    let d = find(&s, DeadlineKind::Reassign);
    assert_eq!(
        d.outcome(&s.calendar, msk(2026, 11, 23, 10, 0)),
        Outcome::Missed { late_minutes: 15 }
    );
    assert_eq!(find(&s, DeadlineKind::Answer).party, Party::Unit(ROADS));
}

#[test]
fn p10_answer_due_in_8_working_hours() {
    // Monday 09:00 + 8 working hours = Tuesday 09:00 (SPEC §4).
    let s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let d = find(&s, DeadlineKind::Answer);
    assert_eq!(d.due_at, msk(2026, 11, 24, 9, 0));
    assert_eq!(d.party, Party::Unit(HOUSING));
    assert!(d.kind.escalates());
}

#[test]
fn p10_answer_met_or_missed_is_computed_from_the_history() {
    let on_time = answered(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 23, 14, 0),
            msk(2026, 11, 23, 15, 0),
            msk(2026, 11, 23, 16, 0),
        ],
        DraftKind::Final,
    );
    let now = msk(2026, 11, 30, 9, 0);
    assert_eq!(
        find(&on_time, DeadlineKind::Answer).outcome(&on_time.calendar, now),
        Outcome::Met
    );
    let late = answered(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 24, 9, 0),
            msk(2026, 11, 24, 9, 30),
            msk(2026, 11, 24, 10, 30),
        ],
        DraftKind::Final,
    );
    assert_eq!(
        find(&late, DeadlineKind::Answer).outcome(&late.calendar, now),
        Outcome::Missed { late_minutes: 90 }
    );
}

#[test]
fn p10_registration_outside_hours_counts_from_the_next_working_moment() {
    // Friday 20:00 → counting starts Monday 08:00 → due Monday 17:00.
    let s = Story::registered(msk(2026, 11, 20, 20, 0), &[HOUSING]);
    assert_eq!(
        find(&s, DeadlineKind::Answer).due_at,
        msk(2026, 11, 23, 17, 0)
    );
}

#[test]
fn p10_importance_override_shortens_the_answer_term() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.rules.answer = WorkDuration::hours(4);
    // 3 h before lunch, 1 h after it.
    assert_eq!(
        find(&s, DeadlineKind::Answer).due_at,
        msk(2026, 11, 23, 14, 0)
    );
}

#[test]
fn p10_an_intermediate_answer_meets_the_answer_deadline() {
    let s = answered(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 23, 10, 0),
            msk(2026, 11, 23, 10, 30),
            msk(2026, 11, 23, 11, 0),
        ],
        DraftKind::Intermediate,
    );
    let now = msk(2026, 11, 30, 9, 0);
    assert_eq!(
        find(&s, DeadlineKind::Answer).outcome(&s.calendar, now),
        Outcome::Met
    );
    assert!(find(&s, DeadlineKind::FinalAfterIntermediate).is_open());
}

#[test]
fn p11_draft_due_3_working_hours_before_answer() {
    let s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    // Answer due Tuesday 09:00; three working hours earlier is Monday 15:00.
    let d = find(&s, DeadlineKind::DraftToCurator);
    assert_eq!(d.due_at, msk(2026, 11, 23, 15, 0));
    assert_eq!(d.party, Party::Unit(HOUSING));
}

#[test]
fn p11_draft_deadline_closes_when_the_approved_draft_reaches_the_curator() {
    let s = answered(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 23, 14, 0),
            msk(2026, 11, 23, 15, 30),
            msk(2026, 11, 23, 16, 0),
        ],
        DraftKind::Final,
    );
    let d = find(&s, DeadlineKind::DraftToCurator);
    assert_eq!(d.closure, Some(Closure::Done(msk(2026, 11, 23, 15, 30))));
    assert_eq!(
        d.outcome(&s.calendar, msk(2026, 11, 30, 9, 0)),
        Outcome::Missed { late_minutes: 30 }
    );
}

#[test]
fn p12_publication_due_1_working_hour_after_the_draft_reaches_the_curator() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 5),
        Command::Accept { unit: HOUSING },
    );
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 11, 0),
        draft(DraftKind::Final),
    );
    s.does(
        &housing_deputy(),
        msk(2026, 11, 23, 11, 30),
        Command::Approve,
    );
    let d = find(&s, DeadlineKind::Publish);
    // 30 minutes before lunch, 30 after.
    assert_eq!(d.due_at, msk(2026, 11, 23, 13, 30));
    assert_eq!(d.party, Party::Curator);
    s.does(
        &curator(),
        msk(2026, 11, 23, 13, 0),
        Command::Publish { url: None },
    );
    assert_eq!(
        find(&s, DeadlineKind::Publish).outcome(&s.calendar, msk(2026, 11, 24, 9, 0)),
        Outcome::Met
    );
}

#[test]
fn p13_final_answer_due_7_working_days_after_intermediate() {
    // SPEC §4: an intermediate answer on Friday 30.10.2026 → Wednesday 11.11.2026 17:00.
    let s = answered(
        [
            msk(2026, 10, 30, 9, 0),
            msk(2026, 10, 30, 9, 5),
            msk(2026, 10, 30, 10, 0),
            msk(2026, 10, 30, 10, 30),
            msk(2026, 10, 30, 11, 0),
        ],
        DraftKind::Intermediate,
    );
    let d = find(&s, DeadlineKind::FinalAfterIntermediate);
    assert_eq!(d.due_at, msk(2026, 11, 11, 17, 0));
    assert!(d.kind.escalates());
    assert_eq!(
        headline(&deadlines(&s)).map(|d| d.kind),
        Some(DeadlineKind::FinalAfterIntermediate)
    );
}

#[test]
fn p14_contribution_due_2_working_hours_after_the_request() {
    let mut s = Story::registered(msk(2026, 11, 23, 11, 0), &[HOUSING, ROADS]);
    let d = find(&s, DeadlineKind::Contribution);
    // One hour before lunch, one after.
    assert_eq!(d.due_at, msk(2026, 11, 23, 14, 0));
    assert_eq!(d.party, Party::Unit(ROADS));
    s.does(
        &roads_executor(),
        msk(2026, 11, 23, 13, 30),
        Command::Contribute {
            unit: ROADS,
            text: "Часть".into(),
            attachments: vec![],
        },
    );
    assert_eq!(
        find(&s, DeadlineKind::Contribution).outcome(&s.calendar, msk(2026, 11, 24, 9, 0)),
        Outcome::Met
    );
}

#[test]
fn p15_a_repeat_runs_the_same_deadlines() {
    let mut reg = registration(&[HOUSING]);
    reg.repeat_of = Some(crate::domain::CaseId(3));
    let s = Story::from_registration(msk(2026, 11, 23, 9, 0), reg);
    assert_eq!(
        find(&s, DeadlineKind::Answer).due_at,
        msk(2026, 11, 24, 9, 0)
    );
    assert_eq!(
        find(&s, DeadlineKind::DraftToCurator).due_at,
        msk(2026, 11, 23, 15, 0)
    );
}

#[test]
fn p17_rejection_cancels_every_open_deadline() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 30),
        Command::Reject {
            reason: "Оскорбления".into(),
        },
    );
    let now = msk(2026, 11, 30, 9, 0);
    for d in deadlines(&s) {
        assert_eq!(
            d.outcome(&s.calendar, now),
            Outcome::Cancelled,
            "{:?}",
            d.kind
        );
    }
}

#[test]
fn reminder_goes_out_one_working_hour_ahead_but_not_before_the_start() {
    let s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let answer = find(&s, DeadlineKind::Answer);
    // Due Tuesday 09:00: one working hour earlier is the start of Tuesday's working day.
    assert_eq!(
        answer.remind_at(&s.calendar, WorkDuration::hours(1)),
        msk(2026, 11, 24, 8, 0)
    );
    let s = Story::registered(msk(2026, 11, 23, 8, 0), &[HOUSING]);
    // Due Monday 17:00: the reminder goes out at 16:00 the same day.
    let answer = find(&s, DeadlineKind::Answer);
    assert_eq!(
        answer.remind_at(&s.calendar, WorkDuration::hours(1)),
        msk(2026, 11, 23, 16, 0)
    );
    let window = find(&s, DeadlineKind::ReturnWindow);
    assert_eq!(
        window.remind_at(&s.calendar, WorkDuration::hours(1)),
        window.starts_at
    );
}

#[test]
fn p18_the_executors_unit_answers_for_the_draft_reaching_the_curator_in_time() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 5),
        Command::Accept { unit: HOUSING },
    );
    // No draft by 15:00 (three working hours before the answer is due): the unit is late.
    let d = find(&s, DeadlineKind::DraftToCurator);
    assert_eq!(d.party, Party::Unit(HOUSING));
    assert_eq!(
        d.outcome(&s.calendar, msk(2026, 11, 23, 16, 0)),
        Outcome::Open { overdue: true }
    );
    assert_eq!(d.lateness(&s.calendar, msk(2026, 11, 23, 16, 0)), 60);
}
