//! Reads for operating the service: the figures `/metrics` shows, who the configuration file
//! manages, and since when the bot has served.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::Db;
use crate::storage::sql::common::{opt_instant, secs};
use crate::storage::{OpsFigures, StoreError};

pub(crate) async fn figures(pool: &Pool<Db>, now: DateTime<Utc>) -> Result<OpsFigures, StoreError> {
    let mut conn = pool.acquire().await?;
    let (depth, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending'")
            .fetch_one(&mut *conn)
            .await?;
    let by_state: Vec<(String, i64)> = sqlx::query_as(
        "SELECT state, COUNT(*) FROM cases WHERE closed_at IS NULL GROUP BY state ORDER BY state",
    )
    .fetch_all(&mut *conn)
    .await?;
    let overdue: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases WHERE closed_at IS NULL AND next_due_at < $1",
    )
    .bind(secs(now))
    .fetch_one(&mut *conn)
    .await?;
    Ok(OpsFigures {
        outbox_pending: depth,
        outbox_oldest: opt_instant(oldest)?,
        open_by_state: by_state,
        overdue,
    })
}

/// Names of the active people the configuration file put in the directory.
pub(crate) async fn managed_people(pool: &Pool<Db>) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM people WHERE managed = TRUE AND active = TRUE ORDER BY name",
    )
    .fetch_all(pool)
    .await?)
}

/// The first case's registration, if there is one.
pub(crate) async fn first_case_at(pool: &Pool<Db>) -> Result<Option<DateTime<Utc>>, StoreError> {
    let at: Option<i64> = sqlx::query_scalar("SELECT MIN(registered_at) FROM cases")
        .fetch_one(pool)
        .await?;
    opt_instant(at)
}

/// Whether every migration of `migrator` is applied (a missing table means none are).
pub(crate) async fn schema_current(
    pool: &Pool<Db>,
    migrator: &sqlx::migrate::Migrator,
) -> Result<bool, StoreError> {
    let applied: Result<i64, sqlx::Error> =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(pool)
            .await;
    match applied {
        Ok(n) => Ok(n as usize >= migrator.iter().count()),
        Err(sqlx::Error::Database(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
