//! The monthly report's reads: every case a month covers, streamed one row per case, and
//! the previous month's registrations as counts — no replay, no deadlines, no case held
//! after it was handed on.

use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use sqlx::Pool;

use super::Db;
use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::report::ReportCase;
use crate::storage::sql::common::{instant, secs};
use crate::storage::StoreError;

/// The cases of `[from, to)`: open ones registered before `to`, and ones closed in or after
/// the period. The unary `+` keeps SQLite on the `closed_at` index for the second half
/// instead of walking every older registration.
const PERIOD_IDS: &str = "SELECT id FROM cases WHERE closed_at IS NULL AND registered_at < $2 \
     UNION ALL SELECT id FROM cases WHERE closed_at >= $1 AND +registered_at < $2";

/// One case's events in a single row, oldest first: `at actor payload` lines (`-` for no
/// actor). Folding them in SQL makes one row per case instead of one per event, which
/// is what a million-case report spends its time on in the driver. A JSON payload never
/// holds a raw newline, so the newline separates events safely.
const EVENTS_PER_CASE: &str = "string_agg(CAST(e.at AS TEXT) || ' ' || \
     COALESCE(CAST(e.actor_id AS TEXT), '-') || ' ' || e.payload, '\n' ORDER BY e.id)";

/// Hands each case of the period to `each`, oldest event first; returns how many.
pub(crate) async fn for_each_case(
    pool: &Pool<Db>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mut each: impl FnMut(ReportCase),
) -> Result<usize, StoreError> {
    // Grouping straight off the events index: no materialized subquery, no sort.
    let sql = format!(
        "SELECT e.case_id, (SELECT number FROM cases WHERE id = e.case_id), {EVENTS_PER_CASE} \
         FROM case_events e WHERE e.case_id IN ({PERIOD_IDS}) GROUP BY e.case_id"
    );
    let mut rows = sqlx::query_as::<Db, (i64, i64, String)>(&sql)
        .bind(secs(from))
        .bind(secs(to))
        .fetch(pool);
    let mut count = 0;
    while let Some((id, number, events)) = rows.try_next().await? {
        let history = events
            .lines()
            .map(|line| parse_event(id, line))
            .collect::<Result<Vec<_>, _>>()?;
        each(ReportCase {
            id: CaseId(id),
            number,
            history,
        });
        count += 1;
    }
    Ok(count)
}

fn parse_event(case: i64, line: &str) -> Result<CaseEvent, StoreError> {
    let bad = || StoreError::corrupt(format!("case {case}: event line {line:.40}"));
    let (at, rest) = line.split_once(' ').ok_or_else(bad)?;
    let (actor, payload) = rest.split_once(' ').ok_or_else(bad)?;
    let actor = match actor {
        "-" => None,
        id => Some(PersonId(id.parse().map_err(|_| bad())?)),
    };
    let kind: EventKind = serde_json::from_str(payload)
        .map_err(|e| StoreError::corrupt(format!("case {case}: {e}")))?;
    Ok(CaseEvent {
        at: instant(at.parse().map_err(|_| bad())?)?,
        actor,
        kind,
    })
}

/// Registrations of `[from, to)` counted by topic, location, network and importance.
pub(crate) async fn registrations(
    pool: &Pool<Db>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, String, String, String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT topic, location, network, importance, COUNT(*) FROM cases \
         WHERE registered_at >= $1 AND registered_at < $2 \
         GROUP BY topic, location, network, importance",
    )
    .bind(secs(from))
    .bind(secs(to))
    .fetch_all(pool)
    .await?)
}

/// Registrations of each `[from, to)` period, counted off the `registered_at` index.
pub(crate) async fn registrations_per_period(
    pool: &Pool<Db>,
    periods: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::with_capacity(periods.len());
    for (from, to) in periods {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM cases WHERE registered_at >= $1 AND registered_at < $2",
        )
        .bind(secs(*from))
        .bind(secs(*to))
        .fetch_one(pool)
        .await?;
        out.push(n);
    }
    Ok(out)
}

/// The stored п.10 figures of the months `first..=last` (`YYYY-MM`, which sorts as time).
pub(crate) async fn stored_months(
    pool: &Pool<Db>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT month, on_time, late, overdue FROM report_months \
         WHERE month >= $1 AND month <= $2 ORDER BY month",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// Keeps (or replaces) a month's п.10 figures.
pub(crate) async fn store_month(
    pool: &Pool<Db>,
    month: &str,
    (on_time, late, overdue): (i64, i64, i64),
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO report_months (month, on_time, late, overdue, computed_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month) DO UPDATE SET \
         on_time = excluded.on_time, late = excluded.late, overdue = excluded.overdue, \
         computed_at = excluded.computed_at",
    )
    .bind(month)
    .bind(on_time)
    .bind(late)
    .bind(overdue)
    .bind(secs(at))
    .execute(pool)
    .await?;
    Ok(())
}
