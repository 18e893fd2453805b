//! п.19 notices sent by hand: the rows only.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::{Conn, Db};
use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::storage::deficiency::DeficiencyNotice;
use crate::storage::sql::common::{instant, secs};
use crate::storage::StoreError;

pub(crate) async fn insert(c: &mut Conn, n: &DeficiencyNotice) -> Result<i64, StoreError> {
    let id = sqlx::query_scalar(
        "INSERT INTO deficiency_notices (unit_id, case_id, author_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(n.unit.0)
    .bind(n.case.map(|c| c.0))
    .bind(n.author.0)
    .bind(&n.text)
    .bind(secs(n.at))
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub(crate) async fn by_id(
    pool: &Pool<Db>,
    id: i64,
) -> Result<Option<DeficiencyNotice>, StoreError> {
    let row: Option<(i64, Option<i64>, i64, String, i64)> = sqlx::query_as(
        "SELECT unit_id, case_id, author_id, body, created_at FROM deficiency_notices \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(|(unit, case, author, text, at)| {
        Ok(DeficiencyNotice {
            unit: UnitId(unit),
            case: case.map(CaseId),
            author: PersonId(author),
            text,
            at: instant(at)?,
        })
    })
    .transpose()
}

/// Notices sent in `[start, end)`, counted by unit.
pub(crate) async fn count_by_unit(
    pool: &Pool<Db>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<(UnitId, u32)>, StoreError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT unit_id, COUNT(*) FROM deficiency_notices \
         WHERE created_at >= $1 AND created_at < $2 GROUP BY unit_id ORDER BY unit_id",
    )
    .bind(secs(start))
    .bind(secs(end))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(u, n)| (UnitId(u), u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}
