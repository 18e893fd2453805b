//! п.14: the curator's order of the co-executors, and where their parts go.

use super::*;
use crate::domain::deadline::{compute, DeadlineKind, Party};
use crate::domain::notice::{notices_for, Audience, NoticeKind, RoleCode};
use crate::domain::testkit::*;

fn in_turn(at: chrono::DateTime<chrono::Utc>) -> Story {
    let mut reg = registration(&[HOUSING, ROADS, PARKS]);
    reg.sequential = true;
    Story::from_registration(at, reg)
}

fn part(unit: crate::domain::UnitId) -> Command {
    Command::Contribute {
        unit,
        text: "Ремонт запланирован на май".into(),
        attachments: vec![],
    }
}

/// The п.14 terms of `unit`: (starts, due).
fn terms(
    s: &Story,
    unit: crate::domain::UnitId,
) -> Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    compute(&s.history, &s.calendar, &s.rules)
        .into_iter()
        .filter(|d| d.kind == DeadlineKind::Contribution && d.party == Party::Unit(unit))
        .map(|d| (d.starts_at, d.due_at))
        .collect()
}

#[test]
fn p14_sequential_order_asks_the_next_unit_when_one_answers() {
    let mut s = in_turn(msk(2026, 11, 23, 9, 0));
    let case = s.case();
    assert_eq!(
        case.assignment(ROADS).map(|a| a.status),
        Some(AssignmentStatus::Pending)
    );
    assert_eq!(
        case.assignment(PARKS).map(|a| a.status),
        Some(AssignmentStatus::Queued)
    );
    assert!(terms(&s, PARKS).is_empty(), "no term before its turn");
    let told: Vec<_> = notices_for(&case, &s.history)
        .into_iter()
        .map(|n| n.audience)
        .collect();
    assert!(
        !told.contains(&Audience::UnitExecutors { unit: PARKS }),
        "{told:?}"
    );

    let early = s.try_do(
        &parks_executor(),
        msk(2026, 11, 23, 9, 10),
        Command::Accept { unit: PARKS },
    );
    assert_eq!(early, Err(TransitionError::NotYourTurn));

    let before = s.history.len();
    s.does(&roads_executor(), msk(2026, 11, 23, 9, 30), part(ROADS));
    let added = s.history[before..].to_vec();
    assert_eq!(added.len(), 2, "{added:?}");
    assert_eq!(
        added[1].kind,
        EventKind::ContributionRequested { unit: PARKS }
    );
    assert_eq!(added[1].actor, None, "the system asks, not the co-executor");
    let case = s.case();
    assert_eq!(
        case.assignment(PARKS).map(|a| a.status),
        Some(AssignmentStatus::Pending)
    );
    // Its own term of 2 working hours runs from the request, not from the registration.
    assert_eq!(
        terms(&s, PARKS),
        vec![(msk(2026, 11, 23, 9, 30), msk(2026, 11, 23, 11, 30))]
    );
    let asked = notices_for(&case, &added[1..]);
    let kind = NoticeKind::Assignment {
        unit: PARKS,
        responsible: false,
    };
    assert!(asked
        .iter()
        .any(|n| n.audience == Audience::UnitExecutors { unit: PARKS } && n.kind == kind));
    assert!(asked
        .iter()
        .any(|n| n.audience == Audience::UnitDeputy { unit: PARKS } && n.kind == kind));

    s.does(&parks_executor(), msk(2026, 11, 23, 10, 0), part(PARKS));
    let case = s.case();
    assert!(case.next_in_turn().is_none());
    assert!(case
        .co_executors()
        .all(|a| a.status != AssignmentStatus::Queued));
}

#[test]
fn p14_all_at_once_asks_every_co_executor_at_assignment() {
    let at = msk(2026, 11, 23, 9, 0);
    let s = Story::registered(at, &[HOUSING, ROADS, PARKS]);
    for unit in [ROADS, PARKS] {
        assert_eq!(
            s.case().assignment(unit).map(|a| a.status),
            Some(AssignmentStatus::Pending)
        );
        assert_eq!(terms(&s, unit), vec![(at, msk(2026, 11, 23, 11, 0))]);
    }
}

#[test]
fn p14_a_co_executor_that_returns_the_case_passes_the_turn_on() {
    let mut s = in_turn(msk(2026, 11, 23, 9, 0));
    let ret = Command::Return {
        unit: ROADS,
        reason: "Не наш вопрос".into(),
    };
    s.does(&roads_executor(), msk(2026, 11, 23, 9, 10), ret);
    assert_eq!(
        s.history.last().map(|e| &e.kind),
        Some(&EventKind::ContributionRequested { unit: PARKS })
    );
    assert_eq!(
        s.case().assignment(PARKS).map(|a| a.status),
        Some(AssignmentStatus::Pending)
    );
}

#[test]
fn p14_contribution_before_accept_reaches_the_curator_and_the_responsible_unit() {
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    let before = s.history.len();
    s.does(&roads_executor(), msk(2026, 11, 23, 9, 5), part(ROADS));
    let case = s.case();
    let told: Vec<_> = notices_for(&case, &s.history[before..])
        .into_iter()
        .map(|n| n.audience)
        .collect();
    assert_eq!(
        told,
        vec![
            Audience::Role {
                role: RoleCode::Curator
            },
            Audience::UnitExecutors { unit: HOUSING },
        ]
    );
    // Once the responsible executor accepted, the part goes to them in person.
    let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    s.does(
        &housing_executor(),
        msk(2026, 11, 23, 9, 1),
        Command::Accept { unit: HOUSING },
    );
    let before = s.history.len();
    s.does(&roads_executor(), msk(2026, 11, 23, 9, 5), part(ROADS));
    let told: Vec<_> = notices_for(&s.case(), &s.history[before..])
        .into_iter()
        .map(|n| n.audience)
        .collect();
    assert_eq!(
        told[1],
        Audience::Person {
            id: housing_executor().id
        }
    );
}

#[test]
fn p14_a_deputys_assignment_card_is_sent_once_per_person() {
    let s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING, ROADS]);
    let notices = notices_for(&s.case(), &s.history);
    let once: Vec<_> = notices
        .iter()
        .filter(|n| n.once_per_person())
        .map(|n| n.audience)
        .collect();
    assert_eq!(
        once,
        vec![
            Audience::UnitDeputy { unit: HOUSING },
            Audience::UnitDeputy { unit: ROADS }
        ]
    );
}
