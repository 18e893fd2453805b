//! Case states of SPEC §2 and the per-unit assignment status.

use chrono::{DateTime, Utc};

use crate::domain::ids::{PersonId, UnitId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseState {
    Registered,
    Assigned,
    InWork,
    OnApproval,
    WithCurator,
    AnsweredIntermediate,
    Answered,
    Returned,
    Rejected,
}

impl CaseState {
    pub const ALL: [CaseState; 9] = [
        Self::Registered,
        Self::Assigned,
        Self::InWork,
        Self::OnApproval,
        Self::WithCurator,
        Self::AnsweredIntermediate,
        Self::Answered,
        Self::Returned,
        Self::Rejected,
    ];

    /// The stable code used in the database and in locale keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Assigned => "assigned",
            Self::InWork => "in_work",
            Self::OnApproval => "on_approval",
            Self::WithCurator => "with_curator",
            Self::AnsweredIntermediate => "answered_intermediate",
            Self::Answered => "answered",
            Self::Returned => "returned",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// A closed case has no open deadlines and accepts no more work.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Answered | Self::Rejected)
    }

    /// States in which the responsible executor may write a draft.
    pub fn accepts_draft(self) -> bool {
        matches!(self, Self::InWork | Self::AnsweredIntermediate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentStatus {
    /// п.14, one after another: not asked yet, waits for the co-executor before it.
    Queued,
    /// Delivered, nobody in the unit has accepted yet.
    Pending,
    Accepted {
        by: PersonId,
        at: DateTime<Utc>,
    },
    /// A co-executor's part is in (п.14).
    Contributed {
        at: DateTime<Utc>,
    },
}

/// A unit working on the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub unit: UnitId,
    pub responsible: bool,
    /// The curator's order of the co-executors (п.14); 0 for the responsible unit.
    pub order: u32,
    pub assigned_at: DateTime<Utc>,
    pub status: AssignmentStatus,
}

impl Assignment {
    pub fn accepted_by(&self) -> Option<PersonId> {
        match self.status {
            AssignmentStatus::Accepted { by, .. } => Some(by),
            _ => None,
        }
    }

    pub fn is_pending(&self) -> bool {
        self.status == AssignmentStatus::Pending
    }
}
