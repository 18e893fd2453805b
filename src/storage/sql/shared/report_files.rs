//! The monthly summary's stored files and the file ids messengers gave them.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::base::begin_write;
use super::Db;
use crate::storage::sql::common::{instant, secs};
use crate::storage::{ReportArtifact, StoreError};

/// Stores one month and language's files in one transaction. Rows that exist stay as they
/// are (a concurrent replica built first), so the set a recipient sees is never mixed.
pub(crate) async fn put(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
    files: &[ReportArtifact],
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    for f in files {
        sqlx::query(
            "INSERT INTO report_artifacts (month, lang, kind, name, content, built_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (month, lang, kind) DO NOTHING",
        )
        .bind(month)
        .bind(lang)
        .bind(&f.kind)
        .bind(&f.name)
        .bind(&f.content)
        .bind(secs(f.built_at))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Which files of a month and language are stored: (kind, name, built at), without content.
pub(crate) async fn list(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
) -> Result<Vec<(String, String, DateTime<Utc>)>, StoreError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT kind, name, built_at FROM report_artifacts \
         WHERE month = $1 AND lang = $2 ORDER BY kind",
    )
    .bind(month)
    .bind(lang)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(kind, name, at)| Ok((kind, name, instant(at)?)))
        .collect()
}

pub(crate) async fn get(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
    kind: &str,
) -> Result<Option<ReportArtifact>, StoreError> {
    let row: Option<(String, Vec<u8>, i64)> = sqlx::query_as(
        "SELECT name, content, built_at FROM report_artifacts \
         WHERE month = $1 AND lang = $2 AND kind = $3",
    )
    .bind(month)
    .bind(lang)
    .bind(kind)
    .fetch_optional(pool)
    .await?;
    row.map(|(name, content, at)| {
        Ok(ReportArtifact {
            kind: kind.to_owned(),
            name,
            content,
            built_at: instant(at)?,
        })
    })
    .transpose()
}

pub(crate) async fn upload_get(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
    kind: &str,
    messenger: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT file_id FROM report_uploads \
         WHERE month = $1 AND lang = $2 AND kind = $3 AND messenger = $4",
    )
    .bind(month)
    .bind(lang)
    .bind(kind)
    .bind(messenger)
    .fetch_optional(pool)
    .await?)
}

/// Keeps the first file id recorded; a second upload's id is as good and is dropped.
pub(crate) async fn upload_put(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
    kind: &str,
    messenger: &str,
    file_id: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO report_uploads (month, lang, kind, messenger, file_id) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month, lang, kind, messenger) DO NOTHING",
    )
    .bind(month)
    .bind(lang)
    .bind(kind)
    .bind(messenger)
    .bind(file_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Forgets a file id the messenger no longer accepts, so the next send uploads again.
pub(crate) async fn upload_forget(
    pool: &Pool<Db>,
    month: &str,
    lang: &str,
    kind: &str,
    messenger: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM report_uploads \
         WHERE month = $1 AND lang = $2 AND kind = $3 AND messenger = $4",
    )
    .bind(month)
    .bind(lang)
    .bind(kind)
    .bind(messenger)
    .execute(pool)
    .await?;
    Ok(())
}
