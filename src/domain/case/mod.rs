//! A case: one registered post, folded from its history (SPEC §2).

mod command;
mod error;
mod event;
mod p17;
mod seen;
#[cfg(test)]
mod seen_tests;
mod state;
#[cfg(test)]
mod tests;
mod turn;
#[cfg(test)]
mod turn_tests;

use chrono::{DateTime, Utc};

pub use command::{Command, DecideContext, Registration, MAX_NOTE_CHARS, MAX_TEXT_CHARS};
pub use error::TransitionError;
pub use event::{Attachment, AttachmentKind, CaseEvent, DraftKind, EventKind, Reviewer};
pub use p17::P17Ground;
pub use seen::{Concern, Moved};
pub use state::{Assignment, AssignmentStatus, CaseState};

use crate::domain::ids::{CaseId, PersonId, UnitId};

/// The draft currently in review (with the deputy or the curator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: DraftKind,
    pub text: String,
    pub attachments: Vec<Attachment>,
    pub author: Option<PersonId>,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: CaseId,
    pub number: i64,
    pub link: String,
    pub network: String,
    pub topic: String,
    pub location: String,
    pub importance: String,
    pub repeat_of: Option<CaseId>,
    pub registered_at: DateTime<Utc>,
    pub registered_by: Option<PersonId>,
    pub state: CaseState,
    pub assignments: Vec<Assignment>,
    pub draft: Option<Draft>,
    /// Whether an intermediate answer or clarification is already published (п.13).
    pub intermediate_published: bool,
    /// How many events the history holds: what a card shows is this version, and a press
    /// on it is checked against what happened since (SPEC §6).
    pub version: u32,
}

/// The history does not describe a case (e.g. it does not start with registration).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("case history is malformed: {0}")]
pub struct ReplayError(pub &'static str);

impl Case {
    /// Folds a history (oldest first) into the case it describes.
    pub fn replay(id: CaseId, number: i64, history: &[CaseEvent]) -> Result<Case, ReplayError> {
        let (first, rest) = history.split_first().ok_or(ReplayError("empty history"))?;
        let EventKind::Registered {
            link,
            network,
            topic,
            location,
            importance,
            repeat_of,
        } = &first.kind
        else {
            return Err(ReplayError("the first event is not a registration"));
        };
        let mut case = Case {
            id,
            number,
            link: link.clone(),
            network: network.clone(),
            topic: topic.clone(),
            location: location.clone(),
            importance: importance.clone(),
            repeat_of: *repeat_of,
            registered_at: first.at,
            registered_by: first.actor,
            state: CaseState::Registered,
            assignments: Vec::new(),
            draft: None,
            intermediate_published: false,
            version: 1,
        };
        for event in rest {
            case.apply(event);
        }
        Ok(case)
    }

    /// Applies one event already decided valid. Unknown combinations are ignored rather
    /// than panicking, so an old history never stops a case from loading.
    pub fn apply(&mut self, event: &CaseEvent) {
        self.version += 1;
        match &event.kind {
            EventKind::Registered { .. } => {}
            EventKind::Assigned {
                unit,
                responsible,
                order,
                queued,
            } => {
                self.on_assigned(*unit, *responsible, *order, event.at);
                if *queued {
                    if let Some(a) = self.assignment_mut(*unit) {
                        a.status = AssignmentStatus::Queued;
                    }
                }
            }
            EventKind::ContributionRequested { unit } => self.on_requested(*unit, event.at),
            EventKind::Accepted { unit } => self.on_accepted(*unit, event),
            EventKind::Returned { unit, .. } => self.on_returned(*unit),
            EventKind::ContributionGiven { unit, .. } => {
                if let Some(a) = self.assignment_mut(*unit) {
                    a.status = AssignmentStatus::Contributed { at: event.at };
                }
            }
            EventKind::DraftSubmitted {
                draft_kind,
                text,
                attachments,
            } => {
                self.draft = Some(Draft {
                    kind: *draft_kind,
                    text: text.clone(),
                    attachments: attachments.clone(),
                    author: event.actor,
                    submitted_at: event.at,
                });
                self.state = CaseState::OnApproval;
            }
            EventKind::DraftApproved => self.state = CaseState::WithCurator,
            EventKind::DraftSentBack { .. } => {
                self.draft = None;
                self.state = self.working_state();
            }
            EventKind::Published { draft_kind, .. } => self.on_published(*draft_kind),
            EventKind::Rejected { .. } => self.state = CaseState::Rejected,
        }
    }

    fn on_assigned(&mut self, unit: UnitId, responsible: bool, order: u32, at: DateTime<Utc>) {
        if responsible {
            // A reassignment replaces the responsible unit; co-executors stay.
            self.assignments
                .retain(|a| !a.responsible && a.unit != unit);
        } else {
            self.assignments.retain(|a| a.unit != unit);
        }
        self.assignments.push(Assignment {
            unit,
            responsible,
            order,
            assigned_at: at,
            status: AssignmentStatus::Pending,
        });
        self.assignments.sort_by_key(|a| (!a.responsible, a.order));
        if responsible && !self.state.is_closed() {
            self.state = CaseState::Assigned;
        }
    }

    fn on_accepted(&mut self, unit: UnitId, event: &CaseEvent) {
        let Some(by) = event.actor else { return };
        let Some(a) = self.assignment_mut(unit) else {
            return;
        };
        a.status = AssignmentStatus::Accepted { by, at: event.at };
        if a.responsible && self.state == CaseState::Assigned {
            self.state = self.working_state();
        }
    }

    fn on_returned(&mut self, unit: UnitId) {
        let was_responsible = self.assignment(unit).is_some_and(|a| a.responsible);
        self.assignments.retain(|a| a.unit != unit);
        if was_responsible {
            self.state = CaseState::Returned;
        }
    }

    fn on_published(&mut self, kind: DraftKind) {
        self.draft = None;
        if kind == DraftKind::Final {
            self.state = CaseState::Answered;
        } else {
            self.intermediate_published = true;
            self.state = CaseState::AnsweredIntermediate;
        }
    }

    /// Where the responsible executor works: before or after an intermediate answer.
    fn working_state(&self) -> CaseState {
        if self.intermediate_published {
            CaseState::AnsweredIntermediate
        } else {
            CaseState::InWork
        }
    }

    pub fn assignment(&self, unit: UnitId) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.unit == unit)
    }

    fn assignment_mut(&mut self, unit: UnitId) -> Option<&mut Assignment> {
        self.assignments.iter_mut().find(|a| a.unit == unit)
    }

    /// The unit that prepares the answer, if one holds the case now.
    pub fn responsible(&self) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.responsible)
    }

    pub fn co_executors(&self) -> impl Iterator<Item = &Assignment> {
        self.assignments.iter().filter(|a| !a.responsible)
    }
}
