//! Small keyed state: processed updates, chat dialogs, meta facts and leases.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::Pool;

use super::Db;
use crate::storage::sql::common::secs;
use crate::storage::sql::stmt::{Miss, Stmt};
use crate::storage::StoreError;

/// Records a messenger update inside a command's transaction; a second time fails with
/// `DuplicateUpdate`, so the redelivered command changes nothing.
pub(crate) fn claim_update(update_id: Option<i64>, now: DateTime<Utc>) -> Option<Stmt> {
    let id = update_id?;
    let claim = Stmt::new(
        "INSERT INTO processed_updates (update_id, at) VALUES ($1, $2) \
         ON CONFLICT (update_id) DO NOTHING",
    );
    Some(
        claim
            .arg(id)
            .arg(secs(now))
            .or_fail(Miss::DuplicateUpdate(id)),
    )
}

/// Records an update handled outside a case command; false if it was already recorded.
pub(crate) async fn mark_update(
    pool: &Pool<Db>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(claim) = claim_update(Some(id), now) else {
        return Ok(true);
    };
    let mut conn = pool.acquire().await?;
    match super::base::run(&mut conn, &claim).await {
        Ok(()) => Ok(true),
        Err(StoreError::DuplicateUpdate(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Forgets updates recorded before `before` (the messenger never redelivers old ones).
pub(crate) async fn prune_updates(
    pool: &Pool<Db>,
    before: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM processed_updates WHERE at < $1")
        .bind(secs(before))
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// A chat wizard's state; a row that no longer parses reads as none, so the wizard restarts.
pub(crate) async fn dialog_get(pool: &Pool<Db>, chat_id: i64) -> Result<Option<Value>, StoreError> {
    let payload: Option<String> =
        sqlx::query_scalar("SELECT payload FROM dialogs WHERE chat_id = $1")
            .bind(chat_id)
            .fetch_optional(pool)
            .await?;
    Ok(payload.and_then(|p| match serde_json::from_str(&p) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(chat_id, error = %e, "dropping an unreadable dialog state");
            None
        }
    }))
}

pub(crate) async fn dialog_put(
    pool: &Pool<Db>,
    chat_id: i64,
    payload: &Value,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO dialogs (chat_id, payload, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (chat_id) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
    )
    .bind(chat_id)
    .bind(payload.to_string())
    .bind(secs(now))
    .execute(pool)
    .await?;
    Ok(())
}

/// The chats whose dialog awaits `kind` (its `await` tag), e.g. an album left pending.
pub(crate) async fn dialogs_awaiting(pool: &Pool<Db>, kind: &str) -> Result<Vec<i64>, StoreError> {
    // Payloads are written compact by `dialog_put`, so the tag reads exactly like this.
    let pattern = format!("%\"await\":\"{kind}\"%");
    let chats =
        sqlx::query_scalar("SELECT chat_id FROM dialogs WHERE payload LIKE $1 ORDER BY chat_id")
            .bind(pattern)
            .fetch_all(pool)
            .await?;
    Ok(chats)
}

pub(crate) async fn dialog_clear(pool: &Pool<Db>, chat_id: i64) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM dialogs WHERE chat_id = $1")
        .bind(chat_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn meta_get(pool: &Pool<Db>, key: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await?)
}

pub(crate) async fn meta_put(pool: &Pool<Db>, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(pool)
    .await?;
    Ok(())
}

/// Stores `value` unless `key` exists; true if this call stored it (e.g. "the report for
/// this month is sent" — exactly one replica wins).
pub(crate) async fn meta_insert_if_absent(
    pool: &Pool<Db>,
    key: &str,
    value: &str,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Lease {
    holder: String,
    until: i64,
}

/// Takes or renews the lease `key` for `holder` until `now + ttl`; false while another
/// holder's lease runs. Compare-and-set on the stored value, so two replicas never both win.
pub(crate) async fn try_lease(
    pool: &Pool<Db>,
    key: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<bool, StoreError> {
    let ttl = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 4);
    let lease = Lease {
        holder: holder.to_owned(),
        until: secs(now).saturating_add(ttl),
    };
    let value = serde_json::to_string(&lease).map_err(StoreError::corrupt)?;
    let Some(old) = meta_get(pool, key).await? else {
        return meta_insert_if_absent(pool, key, &value).await;
    };
    let takeable = match serde_json::from_str::<Lease>(&old) {
        Ok(current) => current.holder == holder || current.until <= secs(now),
        Err(_) => true,
    };
    if !takeable {
        return Ok(false);
    }
    let done = sqlx::query("UPDATE meta SET value = $2 WHERE key = $1 AND value = $3")
        .bind(key)
        .bind(&value)
        .bind(&old)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the lease up if `holder` has it.
pub(crate) async fn release_lease(
    pool: &Pool<Db>,
    key: &str,
    holder: &str,
) -> Result<bool, StoreError> {
    let Some(old) = meta_get(pool, key).await? else {
        return Ok(false);
    };
    let mine = serde_json::from_str::<Lease>(&old).is_ok_and(|l| l.holder == holder);
    if !mine {
        return Ok(false);
    }
    let done = sqlx::query("DELETE FROM meta WHERE key = $1 AND value = $2")
        .bind(key)
        .bind(&old)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
