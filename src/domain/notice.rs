//! Which notifications a transition causes, and for whom — decided here, delivered by the
//! outbox in the same transaction as the change, rendered by whichever front end sends it.

use serde::{Deserialize, Serialize};

use crate::domain::case::{Case, CaseEvent, EventKind, Moved, Reviewer};
use crate::domain::deadline::DeadlineKind;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;

/// Who receives a notice; resolved to people by storage at the moment of the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Audience {
    Person { id: PersonId },
    UnitExecutors { unit: UnitId },
    UnitDeputy { unit: UnitId },
    Role { role: RoleCode },
}

/// A role as stored in notice payloads (kept separate so the serde form is stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleCode {
    Curator,
    Coordinator,
    Controller,
    Admin,
}

impl From<RoleCode> for Role {
    fn from(r: RoleCode) -> Role {
        match r {
            RoleCode::Curator => Role::Curator,
            RoleCode::Coordinator => Role::Coordinator,
            RoleCode::Controller => Role::Controller,
            RoleCode::Admin => Role::Admin,
        }
    }
}

/// What a notice says. The case id travels beside it; texts live in the front end's locales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum NoticeKind {
    /// A card with «Принять» / «Вернуть куратору» for a unit's executors; the deputy gets
    /// the same card for information.
    Assignment {
        unit: UnitId,
        responsible: bool,
    },
    Returned {
        unit: UnitId,
    },
    ContributionReceived {
        unit: UnitId,
    },
    DraftForApproval,
    DraftSentBack {
        by: Reviewer,
    },
    DraftForPublication,
    Published,
    Rejected,
    Reminder {
        deadline: DeadlineKind,
    },
    /// п.19: a deficiency notice on a breach.
    Breach {
        deadline: DeadlineKind,
    },
    /// Deadlines that passed while the service was down, combined into one notice per
    /// person instead of a flood.
    LateDigest {
        items: Vec<LateItem>,
    },
    /// The messenger refused delivery to this person (e.g. they blocked the bot).
    PersonUnreachable {
        person: PersonId,
    },
    /// п.20: the monthly summary for `month` ("ГГГГ-ММ").
    MonthlyReport {
        month: String,
    },
    /// A card the case moved past (SPEC §6): the message is redrawn without buttons,
    /// saying how the case moved on; `prompt` marks one that asked for a typed reply.
    CardLeftBehind {
        message_id: i64,
        moved: Moved,
        #[serde(default)]
        prompt: bool,
    },
    /// The curator gave the case to another unit: the unit that had it is told.
    ReassignedAway {
        unit: UnitId,
    },
    /// A candidate post's card for the curators (issue 13).
    Candidate {
        candidate: i64,
    },
    /// п.19 by hand: a deficiency notice the curator or a coordinator wrote (stored row).
    Deficiency {
        id: i64,
    },
    /// Candidates gathered while the curators' cards were paced, in one message.
    CandidateDigest {
        candidates: Vec<i64>,
    },
}

/// One line of a [`NoticeKind::LateDigest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateItem {
    pub case: crate::domain::ids::CaseId,
    pub deadline: DeadlineKind,
    /// A breach (true) or a reminder that came too late to be useful (false).
    pub breach: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub audience: Audience,
    pub kind: NoticeKind,
}

fn to(audience: Audience, kind: NoticeKind) -> Notice {
    Notice { audience, kind }
}

const CURATORS: Audience = Audience::Role {
    role: RoleCode::Curator,
};

/// The notices caused by `events`, given the case as it stands after them.
pub fn notices_for(after: &Case, events: &[CaseEvent]) -> Vec<Notice> {
    events
        .iter()
        .flat_map(|e| notices_for_event(after, e))
        .collect()
}

fn notices_for_event(case: &Case, event: &CaseEvent) -> Vec<Notice> {
    let responsible = case.responsible().map(|a| a.unit);
    let executor = case
        .responsible()
        .and_then(|a| a.accepted_by())
        .map(|id| Audience::Person { id });
    match &event.kind {
        EventKind::Assigned { queued: true, .. } => Vec::new(),
        EventKind::Assigned {
            unit, responsible, ..
        } => assignment(*unit, *responsible),
        EventKind::ContributionRequested { unit } => assignment(*unit, false),
        EventKind::Returned { unit, .. } => {
            vec![to(CURATORS, NoticeKind::Returned { unit: *unit })]
        }
        // п.14: the part goes to the curator and to whoever prepares the answer — the
        // executor who accepted it, or the whole responsible unit before anyone has.
        EventKind::ContributionGiven { unit, .. } => {
            let kind = NoticeKind::ContributionReceived { unit: *unit };
            let answering = executor.or(responsible.map(|unit| Audience::UnitExecutors { unit }));
            let mut v = vec![to(CURATORS, kind.clone())];
            v.extend(answering.map(|a| to(a, kind)));
            v
        }
        EventKind::DraftSubmitted { .. } => responsible
            .map(|unit| to(Audience::UnitDeputy { unit }, NoticeKind::DraftForApproval))
            .into_iter()
            .collect(),
        EventKind::DraftApproved => vec![to(CURATORS, NoticeKind::DraftForPublication)],
        EventKind::DraftSentBack { by, .. } => author(event, case)
            .map(|a| to(a, NoticeKind::DraftSentBack { by: *by }))
            .into_iter()
            .collect(),
        EventKind::Published { .. } => {
            let mut v: Vec<Notice> = executor
                .into_iter()
                .map(|a| to(a, NoticeKind::Published))
                .collect();
            v.extend(
                responsible.map(|unit| to(Audience::UnitDeputy { unit }, NoticeKind::Published)),
            );
            v
        }
        // п.17: every unit that held the case is told, its supervising deputy too (he got
        // the assignment card for information).
        EventKind::Rejected { .. } => case
            .assignments
            .iter()
            .flat_map(|a| {
                [
                    to(
                        Audience::UnitExecutors { unit: a.unit },
                        NoticeKind::Rejected,
                    ),
                    to(Audience::UnitDeputy { unit: a.unit }, NoticeKind::Rejected),
                ]
            })
            .collect(),
        EventKind::Registered { .. } | EventKind::Accepted { .. } => Vec::new(),
    }
}

/// A unit's card: executors act on it, the deputy reads it for information.
fn assignment(unit: UnitId, responsible: bool) -> Vec<Notice> {
    let kind = NoticeKind::Assignment { unit, responsible };
    vec![
        to(Audience::UnitExecutors { unit }, kind.clone()),
        to(Audience::UnitDeputy { unit }, kind),
    ]
}

impl Notice {
    /// A deputy's information card on a new assignment: one change sends a deputy who
    /// supervises several of its units one card, not one per unit.
    pub fn once_per_person(&self) -> bool {
        matches!(self.audience, Audience::UnitDeputy { .. })
            && matches!(self.kind, NoticeKind::Assignment { .. })
    }
}

/// The units a change took the case away from without their asking (a reassignment, not
/// their own return), told so with their executors and deputy.
pub fn reassigned_away(before: &Case, after: &Case, events: &[CaseEvent]) -> Vec<Notice> {
    let returned = |unit: UnitId| {
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Returned { unit: u, .. } if u == unit))
    };
    before
        .assignments
        .iter()
        .map(|a| a.unit)
        .filter(|u| after.assignment(*u).is_none() && !returned(*u))
        .flat_map(|unit| {
            let kind = NoticeKind::ReassignedAway { unit };
            [
                to(Audience::UnitExecutors { unit }, kind.clone()),
                to(Audience::UnitDeputy { unit }, kind),
            ]
        })
        .collect()
}

/// The executor who wrote the draft being sent back (the case after the event no longer
/// holds the draft, so fall back to whoever accepted the case).
fn author(_event: &CaseEvent, case: &Case) -> Option<Audience> {
    case.responsible()
        .and_then(|a| a.accepted_by())
        .map(|id| Audience::Person { id })
}

impl LateItem {
    /// The idempotency key of a digest of these lines: FNV-1a, stable across builds and
    /// replicas (unlike std's hasher), so the same lines never queue a second digest.
    pub fn digest_key(lines: &[LateItem]) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for l in lines {
            let text = format!("{}:{}:{};", l.case, l.deadline.as_str(), l.breach);
            for b in text.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("late:{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::CaseId;

    fn line(case: i64, breach: bool) -> LateItem {
        LateItem {
            case: CaseId(case),
            deadline: DeadlineKind::Answer,
            breach,
        }
    }

    #[test]
    fn the_digest_key_depends_on_every_line() {
        let a = LateItem::digest_key(&[line(1, true), line(2, false)]);
        assert_eq!(a, LateItem::digest_key(&[line(1, true), line(2, false)]));
        assert_ne!(a, LateItem::digest_key(&[line(1, true), line(2, true)]));
        assert_ne!(a, LateItem::digest_key(&[line(1, true)]));
    }
}
