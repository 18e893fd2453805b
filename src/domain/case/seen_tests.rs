//! SPEC §6: a press acts only on what its card showed.

use super::*;
use crate::domain::testkit::*;

fn draft(kind: DraftKind, text: &str) -> Command {
    Command::SubmitDraft {
        kind,
        text: text.into(),
        attachments: vec![],
    }
}

fn seen(s: &Story) -> u32 {
    s.case().version
}

fn check(s: &Story, seen: u32, cmd: &Command) -> Result<(), TransitionError> {
    s.case().check_seen(&s.history, seen, cmd)
}

/// Housing accepted and wrote a first draft, now with the deputy.
fn first_draft() -> Story {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 10),
        Command::Accept { unit: HOUSING },
    );
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 10, 0),
        draft(DraftKind::Final, "Черновик 1"),
    );
    s
}

#[test]
fn the_version_counts_the_events_of_the_history() {
    let s = first_draft();
    assert_eq!(seen(&s) as usize, s.history.len());
}

#[test]
fn p6_approve_on_an_older_drafts_card_is_stale() {
    let mut s = first_draft();
    let card_of_draft_1 = seen(&s);
    assert_eq!(check(&s, card_of_draft_1, &Command::Approve), Ok(()));
    s.does(
        &housing_deputy(),
        msk(2026, 11, 23, 10, 30),
        Command::SendBack {
            comment: "Дополните".into(),
        },
    );
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 11, 0),
        draft(DraftKind::Final, "Черновик 2"),
    );
    assert_eq!(
        check(&s, card_of_draft_1, &Command::Approve),
        Err(TransitionError::Stale(Moved::DraftReplaced))
    );
    assert_eq!(check(&s, seen(&s), &Command::Approve), Ok(()));
}

#[test]
fn a_co_executors_part_does_not_spoil_the_deputys_card() {
    let mut s = first_draft();
    let card = seen(&s);
    s.does(
        &roads_executor(),
        msk(2026, 11, 23, 10, 10),
        Command::Accept { unit: ROADS },
    );
    s.does(
        &roads_executor(),
        msk(2026, 11, 23, 10, 20),
        Command::Contribute {
            unit: ROADS,
            text: "Сведения".into(),
            attachments: vec![],
        },
    );
    assert_eq!(check(&s, card, &Command::Approve), Ok(()));
}

#[test]
fn p12_published_on_an_old_intermediate_card_is_stale() {
    let at = [
        msk(2026, 11, 23, 9, 0),
        msk(2026, 11, 23, 9, 10),
        msk(2026, 11, 23, 10, 0),
        msk(2026, 11, 23, 10, 30),
    ];
    let mut s = Story::approved(at, DraftKind::Intermediate);
    let intermediate_card = seen(&s);
    let publish = Command::Publish { url: None };
    s.does(&curator(), msk(2026, 11, 23, 11, 0), publish.clone());
    s.does(
        &housing_executor(),
        msk(2026, 11, 24, 9, 0),
        draft(DraftKind::Final, "Окончательный"),
    );
    s.does(
        &housing_deputy(),
        msk(2026, 11, 24, 9, 30),
        Command::Approve,
    );
    assert_eq!(
        check(&s, intermediate_card, &publish),
        Err(TransitionError::Stale(Moved::Changed))
    );
    assert_eq!(check(&s, seen(&s), &publish), Ok(()));
}

#[test]
fn a_unit_reassigned_away_and_a_closed_case_are_named() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let card = seen(&s);
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 5),
        Command::Reassign { units: vec![ROADS] },
    );
    let case = s.case();
    let unit = [Concern::Unit(HOUSING)];
    assert_eq!(
        case.moved_since(&s.history, card, &unit),
        Some(Moved::ReassignedAway)
    );
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 6),
        Command::Reject {
            reason: "п.17".into(),
        },
    );
    let routing = [Concern::Routing];
    assert_eq!(
        s.case().moved_since(&s.history, card, &routing),
        Some(Moved::Closed)
    );
}

#[test]
fn a_forged_version_is_stale() {
    let s = first_draft();
    for v in [0, seen(&s) + 1, u32::MAX] {
        assert_eq!(
            check(&s, v, &Command::Approve),
            Err(TransitionError::Stale(Moved::Changed))
        );
    }
}

#[test]
fn concern_codes_round_trip() {
    for c in [
        Concern::Unit(HOUSING),
        Concern::Work,
        Concern::Review,
        Concern::Routing,
        Concern::Whole,
        Concern::Open,
    ] {
        assert_eq!(Concern::parse(&c.code()), Some(c));
    }
    assert_eq!(Concern::parse("u"), None);
    assert_eq!(Concern::parse("x"), None);
}

fn decide_ctx(s: &Story, now: chrono::DateTime<chrono::Utc>) -> DecideContext<'_> {
    DecideContext {
        now,
        calendar: &s.calendar,
        rules: s.rules,
    }
}

#[test]
fn who_may_act_is_checked_before_the_card_and_the_card_before_the_state() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let card = seen(&s);
    let accept = Command::Accept { unit: HOUSING };
    s.does(&housing_executor(), msk(2026, 11, 23, 9, 5), accept.clone());
    let now = msk(2026, 11, 23, 9, 6);
    let case = s.case();
    let ctx = decide_ctx(&s, now);
    let stranger = case.decide_seen(
        &roads_executor(),
        accept.clone(),
        Some(card),
        &s.history,
        &ctx,
    );
    assert_eq!(stranger, Err(TransitionError::NotYourUnit));
    let again = case.decide_seen(
        &housing_executor(),
        accept.clone(),
        Some(card),
        &s.history,
        &ctx,
    );
    assert_eq!(again, Err(TransitionError::Stale(Moved::Changed)));
    let fresh = case.decide_seen(
        &housing_executor(),
        accept,
        Some(seen(&s)),
        &s.history,
        &ctx,
    );
    assert_eq!(fresh, Err(TransitionError::AlreadyDone));
}

#[test]
fn a_unit_reassigned_away_is_told_its_card_is_stale() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let card = seen(&s);
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 5),
        Command::Reassign { units: vec![ROADS] },
    );
    let ctx = decide_ctx(&s, msk(2026, 11, 23, 9, 6));
    let accept = Command::Accept { unit: HOUSING };
    let refused = s
        .case()
        .decide_seen(&housing_executor(), accept, Some(card), &s.history, &ctx);
    assert_eq!(refused, Err(TransitionError::Stale(Moved::ReassignedAway)));
}
