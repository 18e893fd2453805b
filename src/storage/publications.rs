//! Answers the bot publishes under the source post (issue 13): the intent is written before
//! the post and the result after, so a retry knows whether the post went out.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// Where a publication stands, as stored under its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publication {
    /// The intent was just written by this call: post now.
    Started,
    /// An earlier attempt wrote the intent and did not record a result: it is still running
    /// or it stopped with the post's fate unknown.
    Pending { target: String },
    /// The post went out with this link.
    Posted { url: String },
}

impl Store {
    /// Writes the intent to publish under `key` unless one exists; says where it stands.
    pub async fn start_publication(
        &self,
        key: &str,
        case_id: i64,
        target: &str,
        now: DateTime<Utc>,
    ) -> R<Publication> {
        dispatch!(self, db, pool => db::publications::start(pool, key, case_id, target, now).await)
    }

    /// Records the link of the post that went out.
    pub async fn finish_publication(&self, key: &str, url: &str) -> R<()> {
        dispatch!(self, db, pool => db::publications::finish(pool, key, url).await)
    }

    /// Forgets an intent whose post surely failed, so the curator may try again.
    pub async fn drop_publication(&self, key: &str) -> R<()> {
        dispatch!(self, db, pool => db::publications::drop_pending(pool, key).await)
    }
}
