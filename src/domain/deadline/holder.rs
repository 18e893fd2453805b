//! Who hears a unit's reminder (issue 9): whoever holds the case now — the executor who
//! accepted it rather than the whole unit, and nobody in a unit that returned it.

use crate::domain::case::Case;
use crate::domain::notice::{Audience, Notice, NoticeKind};

/// Narrows a timer's notices to the case as it stands. Only reminders are narrowed: a
/// п.19 breach names the unit at fault whoever holds the case now.
pub fn to_holders(case: &Case, notices: Vec<Notice>) -> Vec<Notice> {
    notices
        .into_iter()
        .filter_map(|n| narrow(case, n))
        .collect()
}

/// Whether any of these notices could be narrowed (so the case is worth loading).
pub fn narrows(notices: &[Notice]) -> bool {
    notices.iter().any(|n| unit_reminder(n).is_some())
}

fn unit_reminder(n: &Notice) -> Option<crate::domain::UnitId> {
    if !matches!(n.kind, NoticeKind::Reminder { .. }) {
        return None;
    }
    match n.audience {
        Audience::UnitExecutors { unit } | Audience::UnitDeputy { unit } => Some(unit),
        _ => None,
    }
}

fn narrow(case: &Case, n: Notice) -> Option<Notice> {
    let Some(unit) = unit_reminder(&n) else {
        return Some(n);
    };
    // A unit that returned the case (or was replaced) no longer has an assignment.
    let held = case.assignment(unit)?;
    match (n.audience, held.accepted_by()) {
        (Audience::UnitExecutors { .. }, Some(id)) => Some(Notice {
            audience: Audience::Person { id },
            kind: n.kind,
        }),
        _ => Some(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseEvent, EventKind};
    use crate::domain::deadline::DeadlineKind;
    use crate::domain::ids::{CaseId, PersonId, UnitId};
    use chrono::{TimeZone, Utc};

    const UNIT: UnitId = UnitId(3);

    fn event(kind: EventKind, actor: Option<PersonId>) -> CaseEvent {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 23, 6, 0, 0)
            .single()
            .unwrap_or_default();
        CaseEvent { at, actor, kind }
    }

    fn case(extra: Vec<CaseEvent>) -> Case {
        let mut history = vec![
            event(
                EventKind::Registered {
                    link: "https://vk.com/wall-1_1".into(),
                    network: "vk".into(),
                    topic: "ЖКХ".into(),
                    location: "г. Алатырь".into(),
                    importance: "Средняя".into(),
                    repeat_of: None,
                },
                None,
            ),
            event(
                EventKind::Assigned {
                    unit: UNIT,
                    responsible: true,
                    order: 0,
                    queued: false,
                },
                None,
            ),
        ];
        history.extend(extra);
        Case::replay(CaseId(1), 1, &history).expect("a valid history")
    }

    fn reminder() -> Vec<Notice> {
        let kind = NoticeKind::Reminder {
            deadline: DeadlineKind::Answer,
        };
        vec![
            Notice {
                audience: Audience::UnitExecutors { unit: UNIT },
                kind: kind.clone(),
            },
            Notice {
                audience: Audience::UnitDeputy { unit: UNIT },
                kind,
            },
        ]
    }

    fn audiences(n: &[Notice]) -> Vec<Audience> {
        n.iter().map(|n| n.audience).collect()
    }

    #[test]
    fn p18_reminder_goes_to_the_executor_who_accepted() {
        let c = case(vec![event(
            EventKind::Accepted { unit: UNIT },
            Some(PersonId(7)),
        )]);
        assert_eq!(
            audiences(&to_holders(&c, reminder())),
            vec![
                Audience::Person { id: PersonId(7) },
                Audience::UnitDeputy { unit: UNIT }
            ]
        );
    }

    #[test]
    fn p18_a_unit_that_returned_the_case_is_not_reminded() {
        let c = case(vec![event(
            EventKind::Returned {
                unit: UNIT,
                reason: "не наше".into(),
            },
            Some(PersonId(7)),
        )]);
        assert!(to_holders(&c, reminder()).is_empty());
    }

    #[test]
    fn p18_before_acceptance_the_whole_unit_is_reminded() {
        assert_eq!(to_holders(&case(vec![]), reminder()), reminder());
    }
}
