//! Typed transitions: each command checks who may do it and from which state, and yields
//! the history events it causes.

use chrono::{DateTime, Utc};

use super::TransitionError as E;
use super::{Attachment, Case, CaseEvent, CaseState, DraftKind, EventKind, Reviewer};
use crate::domain::calendar::WorkCalendar;
use crate::domain::deadline::DeadlineRules;
use crate::domain::directory::Actor;
use crate::domain::ids::{CaseId, UnitId};
use crate::domain::Role;

/// The longest draft or contribution text: one Telegram message.
pub const MAX_TEXT_CHARS: usize = 4096;
/// The longest reason or comment.
pub const MAX_NOTE_CHARS: usize = 1000;

/// What the curator fills in at intake (SPEC §5). The first unit is the responsible one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub link: String,
    pub network: String,
    pub topic: String,
    pub location: String,
    pub importance: String,
    pub repeat_of: Option<CaseId>,
    pub units: Vec<UnitId>,
    /// п.14: the co-executors prepare their parts one after another, in the order of
    /// `units`, rather than all at once.
    pub sequential: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Accept {
        unit: UnitId,
    },
    Return {
        unit: UnitId,
        reason: String,
    },
    /// The first unit becomes responsible; the rest are added as co-executors.
    Reassign {
        units: Vec<UnitId>,
    },
    Contribute {
        unit: UnitId,
        text: String,
        attachments: Vec<Attachment>,
    },
    SubmitDraft {
        kind: DraftKind,
        text: String,
        attachments: Vec<Attachment>,
    },
    Approve,
    SendBack {
        comment: String,
    },
    Publish {
        url: Option<String>,
    },
    Reject {
        reason: String,
    },
}

/// What a decision needs beyond the case: the clock and the organization's terms.
pub struct DecideContext<'a> {
    pub now: DateTime<Utc>,
    pub calendar: &'a WorkCalendar,
    pub rules: DeadlineRules,
}

impl Registration {
    /// Registers the post and assigns it (п.8), or registers and rejects it (п.17).
    pub fn decide(&self, actor: &Actor, now: DateTime<Utc>) -> Result<Vec<CaseEvent>, E> {
        require(actor, Role::Curator)?;
        let mut events = vec![CaseEvent::new(now, actor.id, self.registered_event())];
        let mut assigned = assignment_events(actor, now, &self.units, 0)?;
        if self.sequential {
            super::turn::queue_after_first(&mut assigned);
        }
        events.extend(assigned);
        Ok(events)
    }

    pub fn decide_rejection(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        reason: &str,
    ) -> Result<Vec<CaseEvent>, E> {
        require(actor, Role::Curator)?;
        let reason = note(reason)?;
        Ok(vec![
            CaseEvent::new(now, actor.id, self.registered_event()),
            CaseEvent::new(now, actor.id, EventKind::Rejected { reason }),
        ])
    }

    fn registered_event(&self) -> EventKind {
        EventKind::Registered {
            link: self.link.clone(),
            network: self.network.clone(),
            topic: self.topic.clone(),
            location: self.location.clone(),
            importance: self.importance.clone(),
            repeat_of: self.repeat_of,
        }
    }
}

impl Case {
    /// Decides a command against the current state. Nothing changes on an error.
    pub fn decide(
        &self,
        actor: &Actor,
        command: Command,
        ctx: &DecideContext<'_>,
    ) -> Result<Vec<CaseEvent>, E> {
        if self.state.is_closed() {
            return Err(E::WrongState(self.state));
        }
        let now = ctx.now;
        let kind = match command {
            Command::Accept { unit } => self.accept(actor, unit)?,
            Command::Return { unit, reason } => self.return_case(actor, unit, reason, ctx)?,
            Command::Reassign { units } => {
                return Ok(self.pass_turn(self.reassign(actor, now, &units)?, now))
            }
            Command::Contribute {
                unit,
                text,
                attachments,
            } => self.contribute(actor, unit, text, attachments)?,
            Command::SubmitDraft {
                kind,
                text,
                attachments,
            } => self.submit_draft(actor, kind, text, attachments)?,
            Command::Approve => {
                self.review(actor, Reviewer::Deputy)?;
                EventKind::DraftApproved
            }
            Command::SendBack { comment } => self.send_back(actor, comment)?,
            Command::Publish { url } => self.publish(actor, url)?,
            Command::Reject { reason } => self.reject(actor, reason)?,
        };
        Ok(self.pass_turn(vec![CaseEvent::new(now, actor.id, kind)], now))
    }

    /// п.17 at any stage before publication: once an answer is out, the post was processed.
    fn reject(&self, actor: &Actor, reason: String) -> Result<EventKind, E> {
        require(actor, Role::Curator)?;
        if self.intermediate_published || self.state == CaseState::AnsweredIntermediate {
            return Err(E::WrongState(self.state));
        }
        Ok(EventKind::Rejected {
            reason: note(&reason)?,
        })
    }

    fn accept(&self, actor: &Actor, unit: UnitId) -> Result<EventKind, E> {
        let a = self.own_assignment(actor, unit)?;
        if !a.is_pending() {
            return Err(E::AlreadyDone);
        }
        Ok(EventKind::Accepted { unit })
    }

    fn return_case(
        &self,
        actor: &Actor,
        unit: UnitId,
        reason: String,
        ctx: &DecideContext<'_>,
    ) -> Result<EventKind, E> {
        let a = self.own_assignment(actor, unit)?;
        if matches!(a.status, super::AssignmentStatus::Contributed { .. })
            || (a.responsible && !matches!(self.state, CaseState::Assigned | CaseState::InWork))
        {
            return Err(E::WrongState(self.state));
        }
        let due = ctx.calendar.add(a.assigned_at, ctx.rules.return_window);
        if ctx.now > due {
            return Err(E::ReturnWindowClosed { due });
        }
        Ok(EventKind::Returned {
            unit,
            reason: note(&reason)?,
        })
    }

    fn reassign(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        units: &[UnitId],
    ) -> Result<Vec<CaseEvent>, E> {
        require(actor, Role::Curator)?;
        if !matches!(self.state, CaseState::Returned | CaseState::Assigned) {
            return Err(E::WrongState(self.state));
        }
        let next_order = self.assignments.iter().map(|a| a.order).max().unwrap_or(0) + 1;
        assignment_events(actor, now, units, next_order)
    }

    fn contribute(
        &self,
        actor: &Actor,
        unit: UnitId,
        text: String,
        attachments: Vec<Attachment>,
    ) -> Result<EventKind, E> {
        let a = self.own_assignment(actor, unit)?;
        if a.responsible {
            return Err(E::WrongState(self.state));
        }
        if matches!(a.status, super::AssignmentStatus::Contributed { .. }) {
            return Err(E::AlreadyDone);
        }
        Ok(EventKind::ContributionGiven {
            unit,
            text: body(text, &attachments)?,
            attachments,
        })
    }

    fn submit_draft(
        &self,
        actor: &Actor,
        kind: DraftKind,
        text: String,
        attachments: Vec<Attachment>,
    ) -> Result<EventKind, E> {
        let a = self.responsible().ok_or(E::WrongState(self.state))?;
        self.own_assignment(actor, a.unit)?;
        if !self.state.accepts_draft() {
            return Err(E::WrongState(self.state));
        }
        if self.intermediate_published && kind == DraftKind::Clarification {
            return Err(E::WrongDraftKind);
        }
        Ok(EventKind::DraftSubmitted {
            draft_kind: kind,
            text: draft_text(text)?,
            attachments,
        })
    }

    /// Checks that the actor may review the draft at the stage the case is in.
    fn review(&self, actor: &Actor, stage: Reviewer) -> Result<(), E> {
        match stage {
            Reviewer::Deputy => {
                if self.state != CaseState::OnApproval {
                    return Err(E::WrongState(self.state));
                }
                let unit = self.responsible().ok_or(E::WrongState(self.state))?.unit;
                if !actor.has(Role::Deputy) {
                    return Err(E::RoleRequired(Role::Deputy));
                }
                if !actor.is_deputy_of(unit) {
                    return Err(E::NotYourDeputyUnit);
                }
            }
            Reviewer::Curator => {
                if self.state != CaseState::WithCurator {
                    return Err(E::WrongState(self.state));
                }
                require(actor, Role::Curator)?;
            }
        }
        Ok(())
    }

    fn send_back(&self, actor: &Actor, comment: String) -> Result<EventKind, E> {
        let by = match self.state {
            CaseState::OnApproval => Reviewer::Deputy,
            CaseState::WithCurator => Reviewer::Curator,
            other => return Err(E::WrongState(other)),
        };
        self.review(actor, by)?;
        Ok(EventKind::DraftSentBack {
            by,
            comment: note(&comment)?,
        })
    }

    fn publish(&self, actor: &Actor, url: Option<String>) -> Result<EventKind, E> {
        self.review(actor, Reviewer::Curator)?;
        let draft = self.draft.as_ref().ok_or(E::WrongState(self.state))?;
        Ok(EventKind::Published {
            draft_kind: draft.kind,
            url,
        })
    }

    /// The actor's assignment for `unit`: they must be an executor of that unit.
    fn own_assignment(&self, actor: &Actor, unit: UnitId) -> Result<&super::Assignment, E> {
        if !actor.has(Role::Executor) {
            return Err(E::RoleRequired(Role::Executor));
        }
        if !actor.is_executor_of(unit) {
            return Err(E::NotYourUnit);
        }
        let a = self.assignment(unit).ok_or(E::NotYourUnit)?;
        if a.status == super::AssignmentStatus::Queued {
            return Err(E::NotYourTurn);
        }
        Ok(a)
    }
}

fn require(actor: &Actor, role: Role) -> Result<(), E> {
    if actor.has(role) {
        Ok(())
    } else {
        Err(E::RoleRequired(role))
    }
}

fn assignment_events(
    actor: &Actor,
    now: DateTime<Utc>,
    units: &[UnitId],
    first_order: u32,
) -> Result<Vec<CaseEvent>, E> {
    let (first, rest) = units.split_first().ok_or(E::NoUnits)?;
    if units
        .iter()
        .enumerate()
        .any(|(i, u)| units[..i].contains(u))
    {
        return Err(E::DuplicateUnit);
    }
    let mut events = vec![CaseEvent::new(
        now,
        actor.id,
        EventKind::Assigned {
            unit: *first,
            responsible: true,
            order: 0,
            queued: false,
        },
    )];
    for (i, unit) in rest.iter().enumerate() {
        let order = first_order + i as u32 + 1;
        let kind = EventKind::Assigned {
            unit: *unit,
            responsible: false,
            order,
            queued: false,
        };
        events.push(CaseEvent::new(now, actor.id, kind));
    }
    Ok(events)
}

/// A reason or comment: trimmed, non-empty, bounded.
fn note(text: &str) -> Result<String, E> {
    let t = text.trim();
    if t.is_empty() {
        return Err(E::EmptyText);
    }
    if t.chars().count() > MAX_NOTE_CHARS {
        return Err(E::TextTooLong {
            max: MAX_NOTE_CHARS,
        });
    }
    Ok(t.to_owned())
}

/// A draft or contribution: text may be empty only when files carry the content.
/// A draft is the answer to publish: files alone (a photo without a caption) are not one.
fn draft_text(text: String) -> Result<String, E> {
    if text.trim().is_empty() {
        return Err(E::EmptyText);
    }
    body(text, &[])
}

fn body(text: String, attachments: &[Attachment]) -> Result<String, E> {
    let t = text.trim();
    if t.is_empty() && attachments.is_empty() {
        return Err(E::EmptyText);
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(E::TextTooLong {
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(t.to_owned())
}
