//! What can go wrong in storage, typed so callers can tell a refusal from a failure.

use crate::domain::case::TransitionError;
use crate::domain::ids::{CaseId, PersonId, UnitId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite: or postgres://): {0}")]
    UnsupportedUrl(String),
    /// The messenger update was already handled; nothing was changed.
    #[error("update {0} was already processed")]
    DuplicateUpdate(i64),
    /// The same post (by normalized link) is already a case.
    #[error("this post is already registered as case №{number}")]
    DuplicateLink { case_id: CaseId, number: i64 },
    /// The domain refused the command; nothing was changed.
    #[error("refused: {0}")]
    Refused(#[from] TransitionError),
    #[error("no case {0}")]
    CaseNotFound(CaseId),
    /// The person does not exist or is deactivated.
    #[error("no active person {0}")]
    UnknownPerson(PersonId),
    /// The unit does not exist or is deactivated.
    #[error("no active unit {0}")]
    UnknownUnit(UnitId),
    /// Input that storage cannot record (e.g. a unit name the directory does not have).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The case kept changing under concurrent commands; the caller may try again.
    #[error("the case was changed concurrently; try again")]
    Conflict,
    #[error("stored data is malformed: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }

    /// Whether the database refused a row for breaking a UNIQUE constraint.
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Db(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// Why an invite could not be redeemed.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("no such invite")]
    Unknown,
    #[error("the invite has expired")]
    Expired,
    #[error("the invite was already used")]
    Used,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for InviteError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(e.into())
    }
}
