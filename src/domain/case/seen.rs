//! What a card showed and whether the case has moved on since (SPEC §6). Every button
//! carries the case's version; a press is checked against the events after that version
//! which concern the button, so a co-executor's part does not spoil the deputy's card, but a
//! replaced draft does. The same rule tells which cards a change leaves behind.

use serde::{Deserialize, Serialize};

use super::{Case, CaseEvent, Command, DecideContext, DraftKind, EventKind, TransitionError};
use crate::domain::directory::Actor;
use crate::domain::ids::UnitId;

/// What a button acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concern {
    /// A unit's own task: accept, return, contribute.
    Unit(UnitId),
    /// Writing the answer: the responsible executor's draft buttons.
    Work,
    /// The draft under review: approve, send back, publish.
    Review,
    /// Who holds the case: reassign.
    Routing,
    /// Anything that happens to the case.
    Whole,
    /// Whether the case is still open to a п.17 rejection: only a publication moves it.
    Open,
}

/// How the case moved on past a card; the most significant first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moved {
    Closed,
    ReassignedAway,
    Returned,
    DraftReplaced,
    Changed,
}

impl Concern {
    /// A stable code, as cards are stored.
    pub fn code(self) -> String {
        match self {
            Self::Unit(u) => format!("u{u}"),
            Self::Work => "w".into(),
            Self::Review => "r".into(),
            Self::Routing => "h".into(),
            Self::Whole => "*".into(),
            Self::Open => "o".into(),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Some(match code {
            "w" => Self::Work,
            "r" => Self::Review,
            "h" => Self::Routing,
            "*" => Self::Whole,
            "o" => Self::Open,
            other => Self::Unit(UnitId(other.strip_prefix('u')?.parse().ok()?)),
        })
    }
}

impl Moved {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::ReassignedAway => "reassigned_away",
            Self::Returned => "returned",
            Self::DraftReplaced => "draft_replaced",
            Self::Changed => "changed",
        }
    }
}

impl Command {
    /// What the button that gives this command acts on.
    pub fn concern(&self) -> Concern {
        match self {
            Command::Accept { unit }
            | Command::Return { unit, .. }
            | Command::Contribute { unit, .. } => Concern::Unit(*unit),
            Command::SubmitDraft { .. } => Concern::Work,
            Command::Approve | Command::SendBack { .. } | Command::Publish { .. } => {
                Concern::Review
            }
            Command::Reassign { .. } => Concern::Routing,
            Command::Reject { .. } => Concern::Open,
        }
    }
}

impl Case {
    /// How the case moved on, as far as `concerns` go, since a card showed version `seen`;
    /// `history` is this case's whole history. A version the case never had (forged, or
    /// from a future) counts as moved on.
    pub fn moved_since(
        &self,
        history: &[CaseEvent],
        seen: u32,
        concerns: &[Concern],
    ) -> Option<Moved> {
        if concerns.is_empty() {
            return None;
        }
        let seen = seen as usize;
        if seen == 0 || seen > history.len() {
            return Some(Moved::Changed);
        }
        let Ok(mut before) = Case::replay(self.id, self.number, &history[..seen]) else {
            return Some(Moved::Changed);
        };
        let mut worst: Option<Moved> = None;
        for event in &history[seen..] {
            for concern in concerns {
                if let Some(m) = touch(&before, event, *concern) {
                    worst = Some(worst.map_or(m, |w| w.min(m)));
                }
            }
            before.apply(event);
        }
        worst
    }

    /// Decides a command pressed on a card that showed version `seen`. Who may act is
    /// checked first, so a stranger to the case learns nothing from a stale refusal; then a
    /// card the case moved past is refused before any other reason.
    pub fn decide_seen(
        &self,
        actor: &Actor,
        command: Command,
        seen: Option<u32>,
        history: &[CaseEvent],
        ctx: &DecideContext<'_>,
    ) -> Result<Vec<CaseEvent>, TransitionError> {
        let Some(seen) = seen else {
            return self.decide(actor, command, ctx);
        };
        let concern = command.concern();
        let stale = self.check_seen(history, seen, &command);
        match self.decide(actor, command, ctx) {
            Err(e) if forbidden(&e, actor, concern) => Err(e),
            decided => stale.and(decided),
        }
    }

    /// Refuses a command whose card no longer shows what it acts on.
    pub fn check_seen(
        &self,
        history: &[CaseEvent],
        seen: u32,
        command: &Command,
    ) -> Result<(), TransitionError> {
        match self.moved_since(history, seen, &[command.concern()]) {
            Some(m) => Err(TransitionError::Stale(m)),
            None => Ok(()),
        }
    }
}

/// A refusal about the person rather than the case: a unit's own executor whose unit no
/// longer holds the case is told the card is stale instead.
fn forbidden(e: &TransitionError, actor: &Actor, concern: Concern) -> bool {
    match e {
        TransitionError::RoleRequired(_) | TransitionError::NotYourDeputyUnit => true,
        TransitionError::NotYourUnit => match concern {
            Concern::Unit(u) => !actor.is_executor_of(u),
            _ => true,
        },
        _ => false,
    }
}

/// Whether `event`, happening to `before`, changes what a button of `concern` acts on.
fn touch(before: &Case, event: &CaseEvent, concern: Concern) -> Option<Moved> {
    use EventKind as K;
    let responsible = before.responsible().map(|a| a.unit);
    let hit = |yes: bool, why: Moved| yes.then_some(why);
    match (&event.kind, concern) {
        (K::Rejected { .. }, _)
        | (
            K::Published {
                draft_kind: DraftKind::Final,
                ..
            },
            _,
        ) => Some(Moved::Closed),
        (K::Returned { unit, .. }, Concern::Unit(u)) => hit(*unit == u, Moved::Returned),
        (
            K::Assigned {
                unit,
                responsible: true,
                ..
            },
            Concern::Unit(u),
        ) if *unit != u && responsible == Some(u) => Some(Moved::ReassignedAway),
        (
            K::Assigned { unit, .. }
            | K::Accepted { unit }
            | K::ContributionRequested { unit }
            | K::ContributionGiven { unit, .. },
            Concern::Unit(u),
        ) => hit(*unit == u, Moved::Changed),
        (_, Concern::Unit(_)) => None,
        (_, Concern::Whole) => Some(Moved::Changed),
        (K::Published { .. }, Concern::Open) => Some(Moved::Changed),
        (_, Concern::Open) => None,
        (K::DraftSentBack { .. }, Concern::Work | Concern::Review) => Some(Moved::DraftReplaced),
        (
            K::DraftSubmitted { .. } | K::DraftApproved | K::Published { .. },
            Concern::Work | Concern::Review,
        ) => Some(Moved::Changed),
        (K::Returned { unit, .. }, _) => hit(Some(*unit) == responsible, Moved::Returned),
        (
            K::Assigned {
                responsible: true, ..
            },
            _,
        ) => Some(Moved::Changed),
        (K::Accepted { .. }, Concern::Routing) => Some(Moved::Changed),
        _ => None,
    }
}
