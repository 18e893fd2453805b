//! The outbox: notifications committed with their cause, claimed by delivery workers under
//! a lease, in order per chat.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::Pool;

use super::base::begin_write;
use super::notify::enqueue;
use super::{Db, DIALECT};
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::messenger::Messenger;
use crate::domain::notice::Audience;
use crate::storage::sql::common::{instant, opt_instant, secs};
use crate::storage::{OutboxItem, OutboxStatus, StoreError};

const COLUMNS: &str = "id, recipient_id, chat_id, case_id, payload, attempts, created_at, \
                       idempotency_key, status, parts_sent, messenger";

type Row = (
    i64,
    i64,
    i64,
    Option<i64>,
    String,
    i64,
    i64,
    String,
    String,
    i64,
    String,
);

fn decode(row: Row) -> Result<OutboxItem, StoreError> {
    let (id, person, chat_id, case_id, payload, attempts, created_at, key, status, parts, m) = row;
    Ok(OutboxItem {
        id,
        person: PersonId(person),
        chat_id,
        case_id: case_id.map(CaseId),
        payload: serde_json::from_str(&payload)
            .map_err(|e| StoreError::corrupt(format!("outbox {id}: {e}")))?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        created_at: instant(created_at)?,
        key,
        status: OutboxStatus::parse(&status)
            .ok_or_else(|| StoreError::corrupt(format!("outbox {id} status {status:?}")))?,
        parts_sent: u32::try_from(parts).unwrap_or(0),
        messenger: Messenger::parse(&m)
            .ok_or_else(|| StoreError::corrupt(format!("outbox {id} messenger {m:?}")))?,
    })
}

/// Claims up to `limit` rows due at `now` for `worker` until `now + lease`, by id. Only the
/// oldest pending row of each chat is claimable, so a chat's messages go out in order even
/// with several workers; on PostgreSQL `SKIP LOCKED` keeps replicas off each other's rows,
/// on SQLite the single statement runs under the database's write lock.
pub(crate) async fn claim(
    pool: &Pool<Db>,
    now: DateTime<Utc>,
    limit: u32,
    worker: &str,
    lease: Duration,
) -> Result<Vec<OutboxItem>, StoreError> {
    let lease = i64::try_from(lease.as_secs()).unwrap_or(i64::MAX / 4);
    let sql = format!(
        "UPDATE outbox SET claimed_by = $3, claimed_until = $4, attempts = attempts + 1 \
         WHERE id IN (SELECT o.id FROM outbox o \
             WHERE o.status = 'pending' AND o.not_before <= $1 \
               AND (o.claimed_until IS NULL OR o.claimed_until <= $1) \
               AND NOT EXISTS (SELECT 1 FROM outbox e \
                   WHERE e.chat_id = o.chat_id AND e.messenger = o.messenger \
                   AND e.status = 'pending' AND e.id < o.id) \
             ORDER BY o.id LIMIT $2{}) \
         RETURNING {COLUMNS}",
        DIALECT.pick("", " FOR UPDATE SKIP LOCKED")
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(secs(now))
        .bind(i64::from(limit))
        .bind(worker)
        .bind(secs(now).saturating_add(lease))
        .fetch_all(pool)
        .await?;
    let mut items = rows
        .into_iter()
        .map(decode)
        .collect::<Result<Vec<_>, _>>()?;
    // RETURNING promises no order.
    items.sort_by_key(|i| i.id);
    Ok(items)
}

pub(crate) async fn mark_sent(
    pool: &Pool<Db>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $2, claimed_until = NULL, claimed_by = NULL \
         WHERE id = $1",
    )
    .bind(id)
    .bind(secs(now))
    .execute(pool)
    .await?;
    Ok(())
}

/// Releases the row to be tried again from `not_before`.
pub(crate) async fn mark_retry(
    pool: &Pool<Db>,
    id: i64,
    not_before: DateTime<Utc>,
    error: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET not_before = $2, last_error = $3, claimed_until = NULL, claimed_by = NULL \
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(secs(not_before))
    .bind(error)
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives up on the row; it no longer holds back the chat's later messages.
pub(crate) async fn mark_dead(pool: &Pool<Db>, id: i64, error: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET status = 'dead', last_error = $2, claimed_until = NULL, claimed_by = NULL \
         WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .execute(pool)
    .await?;
    Ok(())
}

/// The earliest moment a row becomes claimable: the retry time or lease end of each chat's
/// oldest pending row (later rows wait for it anyway).
pub(crate) async fn next_at(pool: &Pool<Db>) -> Result<Option<DateTime<Utc>>, StoreError> {
    let next: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(CASE WHEN o.claimed_until IS NOT NULL AND o.claimed_until > o.not_before \
                    THEN o.claimed_until ELSE o.not_before END) \
         FROM outbox o WHERE o.status = 'pending' \
           AND NOT EXISTS (SELECT 1 FROM outbox e \
               WHERE e.chat_id = o.chat_id AND e.messenger = o.messenger \
                   AND e.status = 'pending' AND e.id < o.id)",
    )
    .fetch_one(pool)
    .await?;
    opt_instant(next)
}

/// Queues a notification not caused by a case command, for everyone in `audience`, keyed
/// `{key}:{person}`; returns how many rows were added (0 if the key was used before).
pub(crate) async fn enqueue_extra(
    pool: &Pool<Db>,
    audience: Audience,
    case: Option<CaseId>,
    payload: &Value,
    key: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut tx = begin_write(pool).await?;
    let added = enqueue(&mut tx, audience, case, payload, key, now).await?;
    tx.commit().await?;
    Ok(added)
}

/// Every outbox row about a case, oldest first (who was told what, for history views).
pub(crate) async fn for_case(pool: &Pool<Db>, case: CaseId) -> Result<Vec<OutboxItem>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE case_id = $1 ORDER BY id");
    let rows: Vec<Row> = sqlx::query_as(&sql).bind(case.0).fetch_all(pool).await?;
    rows.into_iter().map(decode).collect()
}

/// Deletes sent and dead rows created before `before`; returns how many.
pub(crate) async fn prune(pool: &Pool<Db>, before: DateTime<Utc>) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM outbox WHERE status <> 'pending' AND created_at < $1")
        .bind(secs(before))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Records that the first `parts` messages of a row went out.
pub(crate) async fn mark_progress(pool: &Pool<Db>, id: i64, parts: u32) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET parts_sent = $2 WHERE id = $1 AND status = 'pending'")
        .bind(id)
        .bind(i64::from(parts))
        .execute(pool)
        .await?;
    Ok(())
}

/// Releases the pending rows claimed by workers whose id starts with `prefix` (a process
/// known to be dead), so they are claimable now instead of when the lease ends.
pub(crate) async fn release_claims(pool: &Pool<Db>, prefix: &str) -> Result<u64, StoreError> {
    let released = sqlx::query(
        "UPDATE outbox SET claimed_until = NULL, claimed_by = NULL \
         WHERE status = 'pending' AND claimed_by IS NOT NULL \
           AND substr(claimed_by, 1, $2) = $1",
    )
    .bind(prefix)
    .bind(i32::try_from(prefix.chars().count()).unwrap_or(i32::MAX))
    .execute(pool)
    .await?;
    Ok(released.rows_affected())
}

/// Puts a person's rows given up as unreachable back in the queue, due at `now`; returns
/// how many.
pub(crate) async fn revive_unreachable(
    pool: &Pool<Db>,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let revived = sqlx::query(
        "UPDATE outbox SET status = 'pending', not_before = $2, attempts = 0, parts_sent = 0, \
                last_error = NULL, claimed_until = NULL, claimed_by = NULL \
         WHERE recipient_id = $1 AND status = 'dead' AND last_error = 'unreachable'",
    )
    .bind(person.0)
    .bind(secs(now))
    .execute(pool)
    .await?;
    Ok(revived.rows_affected())
}
