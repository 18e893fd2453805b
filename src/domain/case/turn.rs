//! п.14: the order in which co-executors prepare their parts, set by the curator. All at
//! once, every co-executor is asked at assignment; one after another, the next one is asked
//! (and its own term starts) when the one before it has sent its part or returned the case.

use chrono::{DateTime, Utc};

use super::{AssignmentStatus, Case, CaseEvent, EventKind};
use crate::domain::ids::UnitId;

impl Case {
    /// The co-executor whose turn comes now: the first queued one in the curator's order,
    /// once no co-executor asked before it is still working.
    pub fn next_in_turn(&self) -> Option<UnitId> {
        let working = self.co_executors().any(|a| {
            matches!(
                a.status,
                AssignmentStatus::Pending | AssignmentStatus::Accepted { .. }
            )
        });
        if working {
            return None;
        }
        self.co_executors()
            .filter(|a| a.status == AssignmentStatus::Queued)
            .min_by_key(|a| a.order)
            .map(|a| a.unit)
    }

    /// A queued co-executor is asked: its assignment (and its return window) starts now.
    pub(super) fn on_requested(&mut self, unit: UnitId, at: DateTime<Utc>) {
        if let Some(a) = self.assignment_mut(unit) {
            if a.status == AssignmentStatus::Queued {
                a.status = AssignmentStatus::Pending;
                a.assigned_at = at;
            }
        }
    }

    /// `events` decided on this case, followed by the request to the next co-executor when
    /// they pass the turn on. The request is the system's, not the actor's.
    pub(super) fn pass_turn(
        &self,
        mut events: Vec<CaseEvent>,
        now: DateTime<Utc>,
    ) -> Vec<CaseEvent> {
        let mut after = self.clone();
        for e in &events {
            after.apply(e);
        }
        // A closed case asks nobody any more.
        if let Some(unit) = after.next_in_turn().filter(|_| !after.state.is_closed()) {
            events.push(CaseEvent {
                at: now,
                actor: None,
                kind: EventKind::ContributionRequested { unit },
            });
        }
        events
    }
}

/// п.14, one after another: every co-executor but the first waits for its turn.
/// `assigned` starts with the responsible unit, then the co-executors in order.
pub(super) fn queue_after_first(assigned: &mut [CaseEvent]) {
    for event in assigned.iter_mut().skip(2) {
        if let EventKind::Assigned { queued, .. } = &mut event.kind {
            *queued = true;
        }
    }
}
