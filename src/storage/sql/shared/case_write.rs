//! The rows a command writes besides the history: the case row and its units.

use chrono::{DateTime, Utc};

use super::Conn;
use crate::domain::case::{AssignmentStatus, Case, CaseEvent, Registration};
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::sql::common::secs;
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

/// Writes the columns derived from the replayed case.
pub(crate) async fn update_row(
    conn: &mut Conn,
    case: &Case,
    closed_at: Option<DateTime<Utc>>,
    next_due_at: Option<i64>,
) -> Result<(), StoreError> {
    let responsible = case.responsible();
    sqlx::query(
        "UPDATE cases SET state = $2, closed_at = $3, responsible_unit = $4, holder_id = $5, \
         next_due_at = $6 WHERE id = $1",
    )
    .bind(case.id.0)
    .bind(case.state.as_str())
    .bind(closed_at.map(secs))
    .bind(responsible.map(|a| a.unit.0))
    .bind(responsible.and_then(|a| a.accepted_by()).map(|p| p.0))
    .bind(next_due_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces the case's unit rows with its current assignments.
pub(crate) async fn rewrite_units(conn: &mut Conn, case: &Case) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM case_units WHERE case_id = $1")
        .bind(case.id.0)
        .execute(&mut *conn)
        .await?;
    for a in &case.assignments {
        let status = match a.status {
            AssignmentStatus::Queued => "queued",
            AssignmentStatus::Pending => "pending",
            AssignmentStatus::Accepted { .. } => "accepted",
            AssignmentStatus::Contributed { .. } => "contributed",
        };
        sqlx::query(
            "INSERT INTO case_units (case_id, unit_id, responsible, status) VALUES ($1, $2, $3, $4)",
        )
        .bind(case.id.0)
        .bind(a.unit.0)
        .bind(a.responsible)
        .bind(status)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
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
