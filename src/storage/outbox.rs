//! The outbox API for the delivery loop.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{OutboxItem, Store, StoreError};
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::notice::Audience;

type R<T> = Result<T, StoreError>;

impl Store {
    /// Claims up to `limit` rows due at `now` for `worker`, leased until `now + lease` (after
    /// which an unfinished row is claimable again). Ordered by id; only the oldest pending
    /// row of each chat is handed out, so a chat's messages keep their order; concurrent
    /// workers (replicas) never get the same row.
    pub async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        worker: &str,
        lease: Duration,
    ) -> R<Vec<OutboxItem>> {
        dispatch!(self, db, pool => db::outbox::claim(pool, now, limit, worker, lease).await)
    }

    /// Records that the first `parts` messages of row `id` were delivered, so a retry
    /// resumes after them.
    pub async fn mark_progress(&self, id: i64, parts: u32) -> R<()> {
        dispatch!(self, db, pool => db::outbox::mark_progress(pool, id, parts).await)
    }

    pub async fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> R<()> {
        dispatch!(self, db, pool => db::outbox::mark_sent(pool, id, now).await)
    }

    /// Releases a claimed row to be retried from `not_before`.
    pub async fn mark_retry(&self, id: i64, not_before: DateTime<Utc>, error: &str) -> R<()> {
        dispatch!(self, db, pool => db::outbox::mark_retry(pool, id, not_before, error).await)
    }

    pub async fn mark_dead(&self, id: i64, error: &str) -> R<()> {
        dispatch!(self, db, pool => db::outbox::mark_dead(pool, id, error).await)
    }

    /// When a pending row becomes claimable next (for the delivery loop's sleep).
    pub async fn next_outbox_at(&self) -> R<Option<DateTime<Utc>>> {
        dispatch!(self, db, pool => db::outbox::next_at(pool).await)
    }

    /// Queues a notification not caused by a case command (e.g. "person unreachable" to the
    /// curators) for everyone in `audience`, keyed `{key}:{person}`: the same key never
    /// queues twice. Returns the number of rows added.
    pub async fn enqueue_extra(
        &self,
        audience: Audience,
        case: Option<CaseId>,
        payload: &Value,
        key: &str,
        now: DateTime<Utc>,
    ) -> R<usize> {
        dispatch!(self, db, pool => {
            db::outbox::enqueue_extra(pool, audience, case, payload, key, now).await
        })
    }

    /// Every notification about a case, oldest first.
    pub async fn outbox_for_case(&self, case: CaseId) -> R<Vec<OutboxItem>> {
        dispatch!(self, db, pool => db::outbox::for_case(pool, case).await)
    }

    /// Deletes delivered and abandoned rows created before `before`; returns how many.
    pub async fn prune_outbox(&self, before: DateTime<Utc>) -> R<u64> {
        dispatch!(self, db, pool => db::outbox::prune(pool, before).await)
    }

    /// Frees the rows claimed by a dead process's workers (ids starting with `prefix`) at
    /// once, instead of after their claim lease; returns how many.
    pub async fn release_claims(&self, prefix: &str) -> R<u64> {
        dispatch!(self, db, pool => db::outbox::release_claims(pool, prefix).await)
    }

    /// Queues again what a person missed while unreachable (rows given up with
    /// "unreachable"), due at `now`; returns how many.
    pub async fn revive_unreachable(&self, person: PersonId, now: DateTime<Utc>) -> R<u64> {
        dispatch!(self, db, pool => db::outbox::revive_unreachable(pool, person, now).await)
    }
}
