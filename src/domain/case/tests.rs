//! Transitions and permissions of the case lifecycle, clause by clause.

use super::*;
use crate::domain::testkit::*;
use crate::domain::Role;

fn draft(kind: DraftKind) -> Command {
    Command::SubmitDraft {
        kind,
        text: "Ответ по существу".into(),
        attachments: vec![],
    }
}

#[test]
fn p8_curator_registers_and_assigns_the_first_unit_as_responsible() {
    let story = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    let case = story.case();
    assert_eq!(case.state, CaseState::Assigned);
    assert_eq!(case.responsible().map(|a| a.unit), Some(HOUSING));
    assert_eq!(
        case.co_executors().map(|a| a.unit).collect::<Vec<_>>(),
        vec![ROADS]
    );
}

#[test]
fn p8_only_a_curator_registers() {
    let err = registration(&[HOUSING]).decide(&housing_executor(), msk(2026, 11, 23, 9, 0));
    assert_eq!(err, Err(TransitionError::RoleRequired(Role::Curator)));
    let err = registration(&[]).decide(&curator(), msk(2026, 11, 23, 9, 0));
    assert_eq!(err, Err(TransitionError::NoUnits));
    let err = registration(&[HOUSING, HOUSING]).decide(&curator(), msk(2026, 11, 23, 9, 0));
    assert_eq!(err, Err(TransitionError::DuplicateUnit));
}

#[test]
fn p9_executor_returns_within_the_window_and_the_curator_reassigns() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let reason = "Не наш вопрос".to_string();
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 29),
        Command::Return {
            unit: HOUSING,
            reason,
        },
    );
    assert_eq!(s.case().state, CaseState::Returned);
    assert!(s.case().responsible().is_none());
    s.does(
        &curator(),
        msk(2026, 11, 23, 9, 40),
        Command::Reassign { units: vec![ROADS] },
    );
    let case = s.case();
    assert_eq!(case.state, CaseState::Assigned);
    assert_eq!(case.responsible().map(|a| a.unit), Some(ROADS));
}

#[test]
fn p9_return_is_refused_after_30_working_minutes() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let reason = "Не наш вопрос".to_string();
    let err = s.try_do(
        &housing_executor(),
        msk(2026, 11, 23, 9, 31),
        Command::Return {
            unit: HOUSING,
            reason,
        },
    );
    assert_eq!(
        err,
        Err(TransitionError::ReturnWindowClosed {
            due: msk(2026, 11, 23, 9, 30)
        })
    );
    assert_eq!(
        s.case().state,
        CaseState::Assigned,
        "a refused command changes nothing"
    );
}

#[test]
fn p9_return_window_counts_working_minutes_across_lunch() {
    // Assigned at 11:50: 10 minutes before lunch, 20 after it → the window ends at 13:20.
    let mut s = Story::registered(msk(2026, 11, 23, 11, 50), &[HOUSING]);
    let reason = "Не наш вопрос".to_string();
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 13, 19),
        Command::Return {
            unit: HOUSING,
            reason,
        },
    );
    assert_eq!(s.case().state, CaseState::Returned);
}

#[test]
fn p9_only_the_units_executor_accepts_or_returns() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    let at = msk(2026, 11, 23, 9, 5);
    assert_eq!(
        s.try_do(&roads_executor(), at, Command::Accept { unit: HOUSING }),
        Err(TransitionError::NotYourUnit)
    );
    assert_eq!(
        s.try_do(&roads_executor(), at, Command::Accept { unit: ROADS }),
        Err(TransitionError::NotYourUnit)
    );
    assert_eq!(
        s.try_do(&curator(), at, Command::Accept { unit: HOUSING }),
        Err(TransitionError::RoleRequired(Role::Executor))
    );
    s.does(&housing_executor(), at, Command::Accept { unit: HOUSING });
    assert_eq!(
        s.try_do(&housing_executor(), at, Command::Accept { unit: HOUSING }),
        Err(TransitionError::AlreadyDone)
    );
}

#[test]
fn p11_deputy_approves_or_sends_back_drafts_of_units_he_supervises() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 5),
        Command::Accept { unit: HOUSING },
    );
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 10, 0),
        draft(DraftKind::Final),
    );
    assert_eq!(s.case().state, CaseState::OnApproval);
    let at = msk(2026, 11, 23, 10, 10);
    assert_eq!(
        s.try_do(&roads_deputy(), at, Command::Approve),
        Err(TransitionError::NotYourDeputyUnit)
    );
    assert_eq!(
        s.try_do(&housing_executor(), at, Command::Approve),
        Err(TransitionError::RoleRequired(Role::Deputy))
    );
    s.does(
        &housing_deputy(),
        at,
        Command::SendBack {
            comment: "Добавьте сроки".into(),
        },
    );
    assert_eq!(s.case().state, CaseState::InWork);
    assert!(s.case().draft.is_none());
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 10, 30),
        draft(DraftKind::Final),
    );
    s.does(
        &housing_deputy(),
        msk(2026, 11, 23, 10, 40),
        Command::Approve,
    );
    assert_eq!(s.case().state, CaseState::WithCurator);
}

#[test]
fn p12_curator_publishes_the_final_answer_and_the_case_closes() {
    let mut s = Story::approved(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 23, 10, 0),
            msk(2026, 11, 23, 10, 40),
        ],
        DraftKind::Final,
    );
    let at = msk(2026, 11, 23, 11, 0);
    assert_eq!(
        s.try_do(&housing_executor(), at, Command::Publish { url: None }),
        Err(TransitionError::RoleRequired(Role::Curator))
    );
    s.does(
        &curator(),
        at,
        Command::Publish {
            url: Some("https://vk.com/wall-1_1?reply=2".into()),
        },
    );
    assert_eq!(s.case().state, CaseState::Answered);
    let err = s.try_do(
        &curator(),
        at,
        Command::Reject {
            reason: "п.17".into(),
        },
    );
    assert_eq!(err, Err(TransitionError::WrongState(CaseState::Answered)));
}

#[test]
fn p12_curator_may_send_an_approved_draft_back() {
    let mut s = Story::approved(
        [
            msk(2026, 11, 23, 9, 0),
            msk(2026, 11, 23, 9, 5),
            msk(2026, 11, 23, 10, 0),
            msk(2026, 11, 23, 10, 40),
        ],
        DraftKind::Final,
    );
    s.does(
        &curator(),
        msk(2026, 11, 23, 10, 50),
        Command::SendBack {
            comment: "Тон".into(),
        },
    );
    assert_eq!(s.case().state, CaseState::InWork);
}

#[test]
fn p13_after_an_intermediate_answer_only_a_final_or_intermediate_draft_follows() {
    let mut s = Story::approved(
        [
            msk(2026, 10, 30, 9, 0),
            msk(2026, 10, 30, 9, 5),
            msk(2026, 10, 30, 10, 0),
            msk(2026, 10, 30, 10, 10),
        ],
        DraftKind::Intermediate,
    );
    s.does(
        &curator(),
        msk(2026, 10, 30, 10, 20),
        Command::Publish { url: None },
    );
    assert_eq!(s.case().state, CaseState::AnsweredIntermediate);
    let err = s.try_do(
        &housing_executor(),
        msk(2026, 11, 2, 9, 0),
        draft(DraftKind::Clarification),
    );
    assert_eq!(err, Err(TransitionError::WrongDraftKind));
    s.does(
        &housing_executor(),
        msk(2026, 11, 2, 9, 0),
        draft(DraftKind::Final),
    );
    s.does(
        &housing_deputy(),
        msk(2026, 11, 2, 9, 10),
        Command::SendBack {
            comment: "Уточните".into(),
        },
    );
    assert_eq!(
        s.case().state,
        CaseState::AnsweredIntermediate,
        "sent back to where the executor works"
    );
}

#[test]
fn p14_co_executor_contributes_and_only_the_responsible_unit_drafts() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 5),
        Command::Accept { unit: HOUSING },
    );
    let at = msk(2026, 11, 23, 9, 30);
    assert_eq!(
        s.try_do(&roads_executor(), at, draft(DraftKind::Final)),
        Err(TransitionError::NotYourUnit)
    );
    let part = |t: &str| Command::Contribute {
        unit: ROADS,
        text: t.into(),
        attachments: vec![],
    };
    assert_eq!(
        s.try_do(
            &housing_executor(),
            at,
            Command::Contribute {
                unit: HOUSING,
                text: "x".into(),
                attachments: vec![]
            }
        ),
        Err(TransitionError::WrongState(CaseState::InWork))
    );
    s.does(&roads_executor(), at, part("Ремонт дороги в мае"));
    assert!(matches!(
        s.case().assignment(ROADS).map(|a| a.status),
        Some(AssignmentStatus::Contributed { .. })
    ));
    assert_eq!(
        s.try_do(&roads_executor(), at, part("ещё")),
        Err(TransitionError::AlreadyDone)
    );
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 10, 0),
        draft(DraftKind::Final),
    );
}

#[test]
fn p15_a_repeat_links_to_the_earlier_case() {
    let mut reg = registration(&[HOUSING]);
    reg.repeat_of = Some(crate::domain::CaseId(7));
    let s = Story::from_registration(msk(2026, 11, 23, 9, 0), reg);
    assert_eq!(s.case().repeat_of, Some(crate::domain::CaseId(7)));
    assert_eq!(s.case().state, CaseState::Assigned);
}

#[test]
fn p17_curator_rejects_and_nothing_more_can_happen() {
    let at = msk(2026, 11, 23, 9, 0);
    let events = registration(&[HOUSING])
        .decide_rejection(&curator(), at, "Угрозы")
        .expect("curator");
    let case = Case::replay(crate::domain::CaseId(1), 1, &events).expect("valid");
    assert_eq!(case.state, CaseState::Rejected);
    assert!(case.state.is_closed());
    let err = registration(&[HOUSING]).decide_rejection(&curator(), at, "   ");
    assert_eq!(err, Err(TransitionError::EmptyText));
}

#[test]
fn over_long_texts_are_refused_not_truncated() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 5),
        Command::Accept { unit: HOUSING },
    );
    let long = "я".repeat(MAX_TEXT_CHARS + 1);
    let cmd = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: long,
        attachments: vec![],
    };
    let err = s.try_do(&housing_executor(), msk(2026, 11, 23, 9, 10), cmd);
    assert_eq!(
        err,
        Err(TransitionError::TextTooLong {
            max: MAX_TEXT_CHARS
        })
    );
}

#[test]
fn history_round_trips_through_json() {
    let s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    for e in &s.history {
        let json = serde_json::to_string(&e.kind).expect("serializable");
        let back: EventKind = serde_json::from_str(&json).expect("deserializable");
        assert_eq!(back, e.kind);
        assert!(json.contains(e.kind.tag()));
    }
}
