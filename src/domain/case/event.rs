//! The append-only history of a case: every transition is one event (who, when, what).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::domain::messenger::Messenger;

/// The kind of a draft (SPEC §2): a final answer, an intermediate one (п.13), or a request
/// for clarification to the author (п.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    Final,
    Intermediate,
    Clarification,
}

impl DraftKind {
    pub const ALL: [DraftKind; 3] = [Self::Final, Self::Intermediate, Self::Clarification];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Final => "final",
            Self::Intermediate => "intermediate",
            Self::Clarification => "clarification",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file attached to a draft or contribution, kept as the id its messenger gave it: a
/// Telegram file id, or a MAX attachment token with the address to download it from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub kind: AttachmentKind,
    pub file_id: String,
    /// The messenger it was received in; rows written before MAX took files have none.
    #[serde(default = "telegram", skip_serializing_if = "is_telegram")]
    pub origin: Messenger,
    /// Where MAX serves the file (its id means nothing to Telegram).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The name it was sent under, when the messenger told one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

fn telegram() -> Messenger {
    Messenger::Telegram
}

fn is_telegram(m: &Messenger) -> bool {
    *m == Messenger::Telegram
}

impl Attachment {
    /// A file received in Telegram, by its file id.
    pub fn telegram(kind: AttachmentKind, file_id: impl Into<String>) -> Self {
        Self {
            kind,
            file_id: file_id.into(),
            origin: Messenger::Telegram,
            url: None,
            name: None,
        }
    }

    /// A file received in MAX: its token (to send it again in MAX) and its address.
    pub fn max(kind: AttachmentKind, token: String, url: String, name: Option<String>) -> Self {
        Self {
            kind,
            file_id: token,
            origin: Messenger::Max,
            url: Some(url),
            name,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Photo,
    Video,
    Document,
}

/// Who sent a draft back: the deputy (п.11) or the curator before publishing (п.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    Deputy,
    Curator,
}

/// What happened. Serialized as the `payload` of a history row; `kind()` is its tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// The curator registered the post (п.8): the moment п.10 counts from.
    Registered {
        link: String,
        network: String,
        topic: String,
        location: String,
        importance: String,
        repeat_of: Option<CaseId>,
    },
    /// A unit got the case: the responsible one prepares the answer, the others (in
    /// `order`) contribute their part (п.14).
    Assigned {
        unit: UnitId,
        responsible: bool,
        order: u32,
        /// п.14, one after another: the co-executor waits for its turn and is asked (with
        /// its own term) only when the one before it has answered.
        #[serde(default, skip_serializing_if = "is_false")]
        queued: bool,
    },
    Accepted {
        unit: UnitId,
    },
    /// п.9: the executor says the case is not their unit's.
    Returned {
        unit: UnitId,
        reason: String,
    },
    /// п.14: a queued co-executor's turn came; its term starts now.
    ContributionRequested {
        unit: UnitId,
    },
    ContributionGiven {
        unit: UnitId,
        text: String,
        attachments: Vec<Attachment>,
    },
    DraftSubmitted {
        draft_kind: DraftKind,
        text: String,
        attachments: Vec<Attachment>,
    },
    /// The deputy approved the draft; it reaches the curator now (п.11).
    DraftApproved,
    DraftSentBack {
        by: Reviewer,
        comment: String,
    },
    /// The curator published the approved draft (п.12).
    Published {
        draft_kind: DraftKind,
        url: Option<String>,
    },
    /// п.17: not to be processed.
    Rejected {
        reason: String,
    },
}

impl EventKind {
    pub fn tag(&self) -> &'static str {
        match self {
            Self::Registered { .. } => "registered",
            Self::Assigned { .. } => "assigned",
            Self::Accepted { .. } => "accepted",
            Self::Returned { .. } => "returned",
            Self::ContributionRequested { .. } => "contribution_requested",
            Self::ContributionGiven { .. } => "contribution_given",
            Self::DraftSubmitted { .. } => "draft_submitted",
            Self::DraftApproved => "draft_approved",
            Self::DraftSentBack { .. } => "draft_sent_back",
            Self::Published { .. } => "published",
            Self::Rejected { .. } => "rejected",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One row of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub at: DateTime<Utc>,
    pub actor: Option<PersonId>,
    pub kind: EventKind,
}

impl CaseEvent {
    pub fn new(at: DateTime<Utc>, actor: PersonId, kind: EventKind) -> Self {
        Self {
            at,
            actor: Some(actor),
            kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p16_files_stored_before_max_read_as_telegram_files_and_keep_their_form() {
        let old = serde_json::json!({"kind": "photo", "file_id": "AgAD"});
        let file: Attachment = serde_json::from_value(old.clone()).expect("reads");
        assert_eq!(file, Attachment::telegram(AttachmentKind::Photo, "AgAD"));
        assert_eq!(serde_json::to_value(&file).expect("writes"), old);
        let max = Attachment::max(
            AttachmentKind::Document,
            "tok".into(),
            "https://files.max.ru/1".into(),
            Some("акт.pdf".into()),
        );
        let back: Attachment =
            serde_json::from_value(serde_json::to_value(&max).expect("writes")).expect("reads");
        assert_eq!(back, max);
    }
}
