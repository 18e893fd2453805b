//! Case reads: one case and a report period (lists are in `case_lists`) — each case
//! replayed from its history, histories loaded in batches.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, Pool};

use super::base::Row as DbRow;
use super::{Conn, Db};
use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::sql::common::{instant, placeholders, secs, BATCH};
use crate::storage::sql::stmt::Stmt;
use crate::storage::{CaseView, StoreCtx, StoreError};

pub(crate) type History = Vec<(i64, CaseEvent)>;

type EventRow = (i64, i64, i64, Option<i64>, String);

const EVENT_COLS: &str = "id, case_id, at, actor_id, payload";

pub(super) fn decode(row: EventRow) -> Result<(i64, i64, CaseEvent), StoreError> {
    let (id, case_id, at, actor, payload) = row;
    let kind: EventKind = serde_json::from_str(&payload)
        .map_err(|e| StoreError::corrupt(format!("event {id}: {e}")))?;
    let event = CaseEvent {
        at: instant(at)?,
        actor: actor.map(PersonId),
        kind,
    };
    Ok((id, case_id, event))
}

/// The case's number and version beside each of its event rows.
type HeadEventRow = (i64, i64, i64, i64, i64, Option<i64>, String);

/// `(number, version, history)` of a case in one statement: what a command loads first.
/// The statement; [`with_history_from`] reads its rows.
pub(crate) fn with_history(case_id: CaseId) -> Stmt {
    Stmt::new(
        "SELECT c.number, c.version, e.id, e.case_id, e.at, e.actor_id, e.payload \
         FROM cases c JOIN case_events e ON e.case_id = c.id WHERE c.id = $1 ORDER BY e.id",
    )
    .arg(case_id.0)
}

pub(crate) fn with_history_from(
    rows: Vec<DbRow>,
) -> Result<Option<(i64, i64, History)>, StoreError> {
    let rows = rows
        .iter()
        .map(HeadEventRow::from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let Some(&(number, version, ..)) = rows.first() else {
        return Ok(None);
    };
    let history = rows
        .into_iter()
        .map(|(_, _, id, case, at, actor, payload)| {
            decode((id, case, at, actor, payload)).map(|(id, _, e)| (id, e))
        })
        .collect::<Result<History, StoreError>>()?;
    Ok(Some((number, version, history)))
}

/// The histories of many cases, one query per batch of ids.
async fn histories(conn: &mut Conn, ids: &[i64]) -> Result<HashMap<i64, History>, StoreError> {
    let mut out: HashMap<i64, History> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(BATCH) {
        let sql = format!(
            "SELECT {EVENT_COLS} FROM case_events WHERE case_id IN ({}) ORDER BY case_id, id",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<Db, EventRow>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let (id, case_id, event) = decode(row)?;
            out.entry(case_id).or_default().push((id, event));
        }
    }
    Ok(out)
}

/// Views of the cases `(id, number)`, in the given order.
pub(crate) async fn views(
    conn: &mut Conn,
    heads: &[(i64, i64)],
    ctx: &StoreCtx,
) -> Result<Vec<CaseView>, StoreError> {
    let mut out = Vec::with_capacity(heads.len());
    for chunk in heads.chunks(BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
        let mut all = histories(conn, &ids).await?;
        for (id, number) in chunk {
            let history = all.remove(id).unwrap_or_default();
            out.push(CaseView::from_history(CaseId(*id), *number, history, ctx)?);
        }
    }
    Ok(out)
}

/// One case by a column that identifies it.
async fn case_where(
    conn: &mut Conn,
    column: &'static str,
    key: CaseKey<'_>,
    ctx: &StoreCtx,
) -> Result<Option<CaseView>, StoreError> {
    let sql = format!("SELECT id, number FROM cases WHERE {column} = $1");
    let query = sqlx::query_as::<Db, (i64, i64)>(&sql);
    let head = match key {
        CaseKey::Int(v) => query.bind(v),
        CaseKey::Text(v) => query.bind(v),
    }
    .fetch_optional(&mut *conn)
    .await?;
    match head {
        Some(head) => Ok(views(conn, &[head], ctx).await?.pop()),
        None => Ok(None),
    }
}

enum CaseKey<'a> {
    Int(i64),
    Text(&'a str),
}

pub(crate) async fn case(
    conn: &mut Conn,
    id: CaseId,
    ctx: &StoreCtx,
) -> Result<Option<CaseView>, StoreError> {
    case_where(conn, "id", CaseKey::Int(id.0), ctx).await
}

pub(crate) async fn case_by_number(
    conn: &mut Conn,
    number: i64,
    ctx: &StoreCtx,
) -> Result<Option<CaseView>, StoreError> {
    case_where(conn, "number", CaseKey::Int(number), ctx).await
}

/// The case registered for this normalized link, if any.
pub(crate) async fn find_by_link(
    conn: &mut Conn,
    link: &str,
    ctx: &StoreCtx,
) -> Result<Option<CaseView>, StoreError> {
    case_where(conn, "link", CaseKey::Text(link), ctx).await
}

/// `(id, number)` of the case that holds `link`.
pub(crate) async fn link_owner(
    conn: &mut Conn,
    link: &str,
) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT id, number FROM cases WHERE link = $1")
            .bind(link)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Every case registered before `to` and not closed before `from`, by number. Two indexed
/// queries (still open; closed since `from`) instead of one scan over every case; the unary
/// `+` keeps SQLite, which has no statistics, on the `closed_at` index for the second.
pub(crate) async fn cases_for_period(
    pool: &Pool<Db>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    ctx: &StoreCtx,
) -> Result<Vec<CaseView>, StoreError> {
    let mut conn = pool.acquire().await?;
    let mut heads: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, number FROM cases WHERE closed_at IS NULL AND registered_at < $2 \
         UNION ALL \
         SELECT id, number FROM cases WHERE closed_at >= $1 AND +registered_at < $2",
    )
    .bind(secs(from))
    .bind(secs(to))
    .fetch_all(&mut *conn)
    .await?;
    heads.sort_unstable_by_key(|&(_, number)| number);
    views(&mut conn, &heads, ctx).await
}

/// Ids of the cases not closed, by id.
pub(crate) async fn open_ids(pool: &Pool<Db>) -> Result<Vec<CaseId>, StoreError> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM cases WHERE closed_at IS NULL ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(ids.into_iter().map(CaseId).collect())
}
