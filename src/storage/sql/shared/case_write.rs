//! The rows a command writes besides the history: the case row and its units.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::case::{Assignment, AssignmentStatus, Case, CaseEvent, Registration};
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::sql::common::{placeholders, secs};
use crate::storage::sql::stmt::{Miss, Stmt};
use crate::storage::StoreError;

/// The next case number, taken inside the registering transaction.
pub(crate) async fn next_number(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'case_number' RETURNING value",
    )
    .fetch_one(&mut *conn)
    .await?)
}

pub(crate) async fn insert_case(
    conn: &mut Conn,
    number: i64,
    reg: &Registration,
    now: DateTime<Utc>,
    by: PersonId,
) -> Result<CaseId, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cases (number, link, network, topic, location, importance, repeat_of, \
         state, registered_at, registered_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'registered', $8, $9) RETURNING id",
    )
    .bind(number)
    .bind(&reg.link)
    .bind(&reg.network)
    .bind(&reg.topic)
    .bind(&reg.location)
    .bind(&reg.importance)
    .bind(reg.repeat_of.map(|c| c.0))
    .bind(secs(now))
    .bind(by.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok(CaseId(id))
}

/// `(number, version)` of a case.
pub(crate) async fn head(conn: &mut Conn, id: CaseId) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT number, version FROM cases WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Optimistic concurrency: fails with `Conflict` if another command changed the case since
/// it was read at `version`.
pub(crate) async fn bump_version(
    conn: &mut Conn,
    id: CaseId,
    version: i64,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE cases SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(id.0)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// Appends one history row; returns its id.
#[allow(dead_code)] // in PostgreSQL's copy only
pub(crate) async fn insert_event(
    conn: &mut Conn,
    case: CaseId,
    event: &CaseEvent,
) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(&event.kind).map_err(StoreError::corrupt)?;
    Ok(sqlx::query_scalar(
        "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(case.0)
    .bind(secs(event.at))
    .bind(event.actor.map(|p| p.0))
    .bind(event.kind.tag())
    .bind(payload)
    .fetch_one(&mut *conn)
    .await?)
}

/// Appends one history row under an id taken while holding the write lock, so the write can
/// wait for the next call (SQLite's batched transaction).
#[allow(dead_code)] // in SQLite's copy only
pub(crate) fn event_with_id(id: i64, case: CaseId, event: &CaseEvent) -> Result<Stmt, StoreError> {
    let payload = serde_json::to_string(&event.kind).map_err(StoreError::corrupt)?;
    Ok(Stmt::new(
        "INSERT INTO case_events (id, case_id, at, actor_id, kind, payload) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .arg(id)
    .arg(case.0)
    .arg(secs(event.at))
    .arg(event.actor.map(|p| p.0))
    .arg(event.kind.tag())
    .arg(payload))
}

/// Writes the columns derived from the replayed case and bumps its version, in one
/// statement. With `expected` it is also the optimistic concurrency check: it fails with
/// `Conflict` if another command changed the case since it was read at that version.
pub(crate) fn update_row(
    case: &Case,
    expected: Option<i64>,
    closed_at: Option<DateTime<Utc>>,
    next_due_at: Option<i64>,
) -> Stmt {
    let responsible = case.responsible();
    let sql = match expected {
        Some(_) => UPDATE_ROW_AT_VERSION,
        None => UPDATE_ROW,
    };
    let mut stmt = Stmt::new(sql)
        .arg(case.id.0)
        .arg(case.state.as_str())
        .arg(closed_at.map(secs))
        .arg(responsible.map(|a| a.unit.0))
        .arg(responsible.and_then(|a| a.accepted_by()).map(|p| p.0))
        .arg(next_due_at);
    if let Some(version) = expected {
        stmt = stmt.arg(version);
    }
    stmt.or_fail(Miss::Conflict)
}

const UPDATE_ROW: &str = "UPDATE cases SET state = $2, closed_at = $3, responsible_unit = $4, \
     holder_id = $5, next_due_at = $6, version = version + 1 WHERE id = $1";

const UPDATE_ROW_AT_VERSION: &str = "UPDATE cases SET state = $2, closed_at = $3, \
     responsible_unit = $4, holder_id = $5, next_due_at = $6, version = version + 1 \
     WHERE id = $1 AND version = $7";

/// Brings the case's unit rows from `before` (what they hold: the last replay that wrote
/// them) to its current assignments: one upsert of the rows that changed, one delete of the
/// units that left, each only when needed.
pub(crate) fn write_units(case: &Case, before: &[Assignment]) -> Vec<Stmt> {
    let mut stmts = Vec::new();
    let row = |a: &Assignment| (a.unit, a.responsible, unit_status(a.status));
    let changed: Vec<&Assignment> = case
        .assignments
        .iter()
        .filter(|a| !before.iter().any(|b| row(b) == row(a)))
        .collect();
    let left: Vec<i64> = before
        .iter()
        .filter(|b| !case.assignments.iter().any(|a| a.unit == b.unit))
        .map(|b| b.unit.0)
        .collect();
    if !left.is_empty() {
        let sql = format!(
            "DELETE FROM case_units WHERE case_id = $1 AND unit_id IN ({})",
            placeholders(2, left.len())
        );
        let mut delete = Stmt::new(sql).arg(case.id.0);
        for unit in left {
            delete = delete.arg(unit);
        }
        stmts.push(delete);
    }
    if changed.is_empty() {
        return stmts;
    }
    let rows: Vec<String> = (0..changed.len())
        .map(|i| format!("($1, ${}, ${}, ${})", 2 + i * 3, 3 + i * 3, 4 + i * 3))
        .collect();
    let sql = format!(
        "INSERT INTO case_units (case_id, unit_id, responsible, status) VALUES {} \
         ON CONFLICT (case_id, unit_id) DO UPDATE SET \
         responsible = excluded.responsible, status = excluded.status",
        rows.join(", ")
    );
    let mut upsert = Stmt::new(sql).arg(case.id.0);
    for a in changed {
        upsert = upsert
            .arg(a.unit.0)
            .arg(a.responsible)
            .arg(unit_status(a.status));
    }
    stmts.push(upsert);
    stmts
}

fn unit_status(status: AssignmentStatus) -> &'static str {
    match status {
        AssignmentStatus::Queued => "queued",
        AssignmentStatus::Pending => "pending",
        AssignmentStatus::Accepted { .. } => "accepted",
        AssignmentStatus::Contributed { .. } => "contributed",
    }
}

/// Only the nearest due moment (after the case's timers were re-derived).
pub(crate) async fn set_next_due(
    conn: &mut Conn,
    id: CaseId,
    next_due_at: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE cases SET next_due_at = $2 WHERE id = $1")
        .bind(id.0)
        .bind(next_due_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
