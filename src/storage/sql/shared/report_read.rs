//! The monthly report's reads: every case a month covers, streamed in (case, event) order
//! straight off the events index, and the previous month's registrations as counts — no
//! replay, no deadlines, no case held after it was handed on.

use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use sqlx::Pool;

use super::case_read::{decode, EventRow};
use super::Db;
use crate::domain::ids::CaseId;
use crate::domain::report::ReportCase;
use crate::storage::sql::common::secs;
use crate::storage::StoreError;

/// The cases of `[from, to)`: open ones registered before `to`, and ones closed in or after
/// the period. The unary `+` keeps SQLite on the `closed_at` index for the second half
/// instead of walking every older registration.
const PERIOD_IDS: &str = "SELECT id FROM cases WHERE closed_at IS NULL AND registered_at < $2 \
     UNION ALL SELECT id FROM cases WHERE closed_at >= $1 AND +registered_at < $2";

/// Hands each case of the period to `each`, oldest event first; returns how many.
pub(crate) async fn for_each_case(
    pool: &Pool<Db>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mut each: impl FnMut(ReportCase),
) -> Result<usize, StoreError> {
    let heads_sql = PERIOD_IDS.replace("SELECT id FROM", "SELECT id, number FROM");
    let mut heads: Vec<(i64, i64)> = sqlx::query_as(&heads_sql)
        .bind(secs(from))
        .bind(secs(to))
        .fetch_all(pool)
        .await?;
    heads.sort_unstable();
    let number = |id: i64| {
        heads
            .binary_search_by_key(&id, |h| h.0)
            .map_or(0, |i| heads[i].1)
    };
    let events_sql = format!(
        "SELECT e.id, e.case_id, e.at, e.actor_id, e.payload FROM case_events e \
         WHERE e.case_id IN ({PERIOD_IDS}) ORDER BY e.case_id, e.id"
    );
    let mut rows = sqlx::query_as::<Db, EventRow>(&events_sql)
        .bind(secs(from))
        .bind(secs(to))
        .fetch(pool);
    let mut current: Option<ReportCase> = None;
    let mut count = 0;
    while let Some(row) = rows.try_next().await? {
        let (_, case_id, event) = decode(row)?;
        if current.as_ref().is_some_and(|c| c.id.0 != case_id) {
            if let Some(done) = current.take() {
                each(done);
                count += 1;
            }
        }
        let case = current.get_or_insert_with(|| ReportCase {
            id: CaseId(case_id),
            number: number(case_id),
            history: Vec::new(),
        });
        case.history.push(event);
    }
    if let Some(done) = current.take() {
        each(done);
        count += 1;
    }
    Ok(count)
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
