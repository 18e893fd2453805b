//! Publication intents and results, by key.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::Db;
use crate::storage::publications::Publication;
use crate::storage::sql::common::secs;
use crate::storage::StoreError;

pub(crate) async fn start(
    pool: &Pool<Db>,
    key: &str,
    case_id: i64,
    target: &str,
    now: DateTime<Utc>,
) -> Result<Publication, StoreError> {
    let done = sqlx::query(
        "INSERT INTO publications (key, case_id, target, state, started_at) \
         VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(case_id)
    .bind(target)
    .bind(secs(now))
    .execute(pool)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Publication::Started);
    }
    let (target, state, url): (String, String, Option<String>) =
        sqlx::query_as("SELECT target, state, url FROM publications WHERE key = $1")
            .bind(key)
            .fetch_one(pool)
            .await?;
    Ok(match (state.as_str(), url) {
        ("posted", Some(url)) => Publication::Posted { url },
        _ => Publication::Pending { target },
    })
}

pub(crate) async fn finish(pool: &Pool<Db>, key: &str, url: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE publications SET state = 'posted', url = $2 WHERE key = $1")
        .bind(key)
        .bind(url)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn drop_pending(pool: &Pool<Db>, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM publications WHERE key = $1 AND state = 'pending'")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}
