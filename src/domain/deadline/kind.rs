//! The deadlines of SPEC §3 and what each one is, in the regulation's terms.

use serde::{Deserialize, Serialize};

use crate::domain::ids::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// п.9: the executor may return the case within this window.
    ReturnWindow,
    /// п.9: the curator reassigns a returned case.
    Reassign,
    /// п.10: the answer (or an intermediate answer, or a clarification) is published.
    Answer,
    /// п.11: the approved draft reaches the curator.
    DraftToCurator,
    /// п.12: the curator publishes the approved draft.
    Publish,
    /// п.13: the final answer follows an intermediate one.
    FinalAfterIntermediate,
    /// п.14: a co-executor sends their part.
    Contribution,
}

/// Who must act before a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "party", content = "unit", rename_all = "snake_case")]
pub enum Party {
    Unit(UnitId),
    Curator,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 7] = [
        Self::ReturnWindow,
        Self::Reassign,
        Self::Answer,
        Self::DraftToCurator,
        Self::Publish,
        Self::FinalAfterIntermediate,
        Self::Contribution,
    ];

    /// The regulation's clause.
    pub fn clause(self) -> u8 {
        match self {
            Self::ReturnWindow | Self::Reassign => 9,
            Self::Answer => 10,
            Self::DraftToCurator => 11,
            Self::Publish => 12,
            Self::FinalAfterIntermediate => 13,
            Self::Contribution => 14,
        }
    }

    /// The stable code used in the database and locale keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReturnWindow => "return_window",
            Self::Reassign => "reassign",
            Self::Answer => "answer",
            Self::DraftToCurator => "draft_to_curator",
            Self::Publish => "publish",
            Self::FinalAfterIntermediate => "final_after_intermediate",
            Self::Contribution => "contribution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A window limits what may be done (a late return is refused); it is nobody's duty,
    /// so it is never reminded of, escalated, nor counted as met or missed.
    pub fn is_window(self) -> bool {
        self == Self::ReturnWindow
    }

    /// Whether a breach goes to the controller as a deficiency notice (п.19), per SPEC §3.
    pub fn escalates(self) -> bool {
        matches!(
            self,
            Self::Answer | Self::DraftToCurator | Self::FinalAfterIntermediate | Self::Contribution
        )
    }
}
