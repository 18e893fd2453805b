//! Who hears about a due timer, and what they are told (SPEC §3, §7; п.19).

use crate::domain::deadline::{DeadlineKind, Party};
use crate::domain::notice::{Audience, Notice, NoticeKind, RoleCode};
use crate::storage::{TimerAction, TimerItem};

const CURATORS: Audience = Audience::Role {
    role: RoleCode::Curator,
};
const CONTROLLERS: Audience = Audience::Role {
    role: RoleCode::Controller,
};

/// The notices one due timer causes; empty when the timer only needs marking as fired.
pub fn timer_notices(item: &TimerItem) -> Vec<Notice> {
    match item.action {
        TimerAction::Remind => reminder(item.kind, item.party),
        TimerAction::Breach => breach(item.kind, item.party),
    }
}

/// A reminder goes to whoever must act: the unit's executors (and, for the draft that must
/// reach the curator, the supervising deputy who approves it — п.11), or the curators.
fn reminder(kind: DeadlineKind, party: Party) -> Vec<Notice> {
    if kind.is_window() {
        return Vec::new();
    }
    let notice = |audience| Notice {
        audience,
        kind: NoticeKind::Reminder { deadline: kind },
    };
    match party {
        Party::Unit(unit) => {
            let mut v = vec![notice(Audience::UnitExecutors { unit })];
            if kind == DeadlineKind::DraftToCurator {
                v.push(notice(Audience::UnitDeputy { unit }));
            }
            v
        }
        Party::Curator => vec![notice(CURATORS)],
    }
}

/// п.19: a breach of an escalating deadline is a deficiency notice to the controllers and
/// to the deputy supervising the unit at fault. The curator's own terms (п.9 reassignment,
/// п.12 publication) do not escalate: SPEC §3 has the curator reminded when they are up —
/// which is also their only reminder, as both are no longer than `remind_before`.
fn breach(kind: DeadlineKind, party: Party) -> Vec<Notice> {
    if kind.is_window() {
        return Vec::new();
    }
    if !kind.escalates() {
        return reminder(kind, party);
    }
    let notice = |audience| Notice {
        audience,
        kind: NoticeKind::Breach { deadline: kind },
    };
    let mut v = vec![notice(CONTROLLERS)];
    if let Party::Unit(unit) = party {
        v.push(notice(Audience::UnitDeputy { unit }));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{CaseId, UnitId};
    use chrono::{TimeZone, Utc};

    fn item(kind: DeadlineKind, party: Party, action: TimerAction) -> TimerItem {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .unwrap_or_default();
        TimerItem {
            case_id: CaseId(1),
            kind,
            party,
            due_at: at,
            action,
            fire_at: at,
        }
    }

    fn audiences(item: &TimerItem) -> Vec<Audience> {
        timer_notices(item)
            .into_iter()
            .map(|n| n.audience)
            .collect()
    }

    const UNIT: UnitId = UnitId(5);

    #[test]
    fn p11_draft_reminder_goes_to_the_executors_and_the_deputy() {
        let i = item(
            DeadlineKind::DraftToCurator,
            Party::Unit(UNIT),
            TimerAction::Remind,
        );
        assert_eq!(
            audiences(&i),
            vec![
                Audience::UnitExecutors { unit: UNIT },
                Audience::UnitDeputy { unit: UNIT }
            ]
        );
    }

    #[test]
    fn p12_publication_overdue_reminds_the_curators_and_escalates_nothing() {
        let b = item(DeadlineKind::Publish, Party::Curator, TimerAction::Breach);
        let n = timer_notices(&b);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].audience, CURATORS);
        assert_eq!(
            n[0].kind,
            NoticeKind::Reminder {
                deadline: DeadlineKind::Publish
            }
        );
    }

    #[test]
    fn p19_answer_breach_goes_to_the_controllers_and_the_deputy() {
        let b = item(DeadlineKind::Answer, Party::Unit(UNIT), TimerAction::Breach);
        let n = timer_notices(&b);
        assert_eq!(
            n.iter().map(|n| n.audience).collect::<Vec<_>>(),
            vec![CONTROLLERS, Audience::UnitDeputy { unit: UNIT }]
        );
        assert!(n.iter().all(|n| n.kind
            == NoticeKind::Breach {
                deadline: DeadlineKind::Answer
            }));
    }

    #[test]
    fn p9_return_window_is_never_reminded_nor_escalated() {
        for action in [TimerAction::Remind, TimerAction::Breach] {
            let i = item(DeadlineKind::ReturnWindow, Party::Unit(UNIT), action);
            assert!(timer_notices(&i).is_empty());
        }
    }

    #[test]
    fn p14_contribution_is_reminded_to_the_unit_then_escalated() {
        let r = item(
            DeadlineKind::Contribution,
            Party::Unit(UNIT),
            TimerAction::Remind,
        );
        assert_eq!(audiences(&r), vec![Audience::UnitExecutors { unit: UNIT }]);
        let b = item(
            DeadlineKind::Contribution,
            Party::Unit(UNIT),
            TimerAction::Breach,
        );
        assert_eq!(audiences(&b)[0], CONTROLLERS);
    }
}
