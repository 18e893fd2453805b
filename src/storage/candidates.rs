//! Candidate posts (issue 13): kept until the curator registers or skips them, and released
//! to the outbox when their card or digest is due (a future row in the outbox would hold
//! back the curator's other notices, which go out in order).

use chrono::{DateTime, Utc};

use super::{Store, StoreError};
use crate::domain::candidate::{Plan, Scheduled, Slot, Suggestion};
use crate::domain::ids::CaseId;

type R<T> = Result<T, StoreError>;

/// A post offered to the curators, as the front end found it. No author data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCandidate {
    /// `telegram` or `vk`.
    pub source: String,
    /// The normalized post link.
    pub link: String,
    /// Where a reply goes: the Telegram chat and message, or the VK owner and post.
    pub chat_id: Option<i64>,
    pub message_id: Option<i64>,
    /// The chat's or community's title.
    pub place: String,
    pub excerpt: String,
    /// The matched signal; empty for a watched chat.
    pub reason: String,
    pub suggestion: Suggestion,
    pub same_case: Option<CaseId>,
    pub repeat_of: Option<CaseId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateStatus {
    New,
    Registered,
    Skipped,
}

impl CandidateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Registered => "registered",
            Self::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::New, Self::Registered, Self::Skipped]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub post: NewCandidate,
    pub slot: Slot,
    pub deliver_at: DateTime<Utc>,
    pub released: bool,
    pub status: CandidateStatus,
    pub case_id: Option<CaseId>,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Stores a new candidate at the moment `plan` picks given what is already scheduled,
    /// in one transaction; `None` if the post is already known (a redelivered update, an
    /// edit, a second poll).
    pub async fn add_candidate(
        &self,
        new: &NewCandidate,
        now: DateTime<Utc>,
        plan: impl FnOnce(Scheduled) -> Plan,
    ) -> R<Option<Candidate>> {
        dispatch!(self, db, pool => db::candidates::add(pool, new, now, plan).await)
    }

    /// Queues the cards and digests due at `now` for the curators; returns the rows queued.
    pub async fn release_candidates(&self, now: DateTime<Utc>) -> R<usize> {
        dispatch!(self, db, pool => db::candidates::release(pool, now).await)
    }

    /// When the next unreleased card or digest is due.
    pub async fn next_candidate_at(&self) -> R<Option<DateTime<Utc>>> {
        dispatch!(self, db, pool => db::candidates::next_at(pool).await)
    }

    pub async fn candidate(&self, id: i64) -> R<Option<Candidate>> {
        dispatch!(self, db, pool => db::candidates::by_id(pool, id).await)
    }

    /// The candidate of a post link, if the post was offered.
    pub async fn candidate_by_link(&self, link: &str) -> R<Option<Candidate>> {
        dispatch!(self, db, pool => db::candidates::by_link(pool, link).await)
    }

    /// The candidate a case was registered from, or that is the same post as it.
    pub async fn candidate_of_case(&self, case: CaseId) -> R<Option<Candidate>> {
        dispatch!(self, db, pool => db::candidates::of_case(pool, case).await)
    }

    /// Registered or skipped, once: false if it was settled before (a second curator, a
    /// stale button).
    pub async fn settle_candidate(
        &self,
        id: i64,
        status: CandidateStatus,
        case: Option<CaseId>,
    ) -> R<bool> {
        dispatch!(self, db, pool => db::candidates::settle(pool, id, status, case).await)
    }
}
