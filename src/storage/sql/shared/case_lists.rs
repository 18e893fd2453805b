//! A person's open cases and the overdue cases, a page at a time: the page's rows come
//! from indexes in due order and stop at the page's end, and the count stops at a cap, so
//! neither reads the whole list (issue 15: a unit with 33,000 open cases made `/my` sort
//! them all for twenty lines).

use chrono::{DateTime, Utc};

use super::case_read::{decode, History};
use super::{Conn, Db, DIALECT};
use crate::domain::directory::Actor;
use crate::domain::ids::CaseId;
use crate::domain::Role;
use crate::storage::sql::common::{secs, Bounds};
use crate::storage::{CasePage, CaseView, StoreCtx, StoreError};

/// What this person should act on now, the nearest due first (see `Store::open_cases_for`).
pub(crate) async fn open_cases_for(
    conn: &mut Conn,
    actor: &Actor,
    bounds: Bounds,
    ctx: &StoreCtx,
) -> Result<CasePage, StoreError> {
    let (parts, binds) = parts_for(actor);
    if parts.is_empty() {
        return Ok(CasePage::default());
    }
    let sql = with_histories(&page_sql(&parts));
    let mut query = sqlx::query_as::<Db, PageRow>(&sql)
        .bind(bounds.limit)
        .bind(bounds.count_up_to.saturating_add(1));
    for b in binds {
        query = query.bind(b);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    page(rows, bounds, ctx)
}

const CASES: &str = "FROM cases c";
const COEXEC: &str = "FROM case_units cu CROSS JOIN cases c";
const DEPUTY: &str = "FROM units u CROSS JOIN cases c";

/// Each role's share of the list, a `FROM … WHERE …` that names the case `c`, with the
/// values they bind from `$3` on.
fn parts_for(actor: &Actor) -> (Vec<String>, Vec<i64>) {
    let mut parts = Vec::new();
    let mut binds = Vec::new();
    if actor.has(Role::Curator) {
        // The `IN` repeats `cases_open_by_state_due`'s condition, as SQLite uses a partial
        // index only for a query that states its condition.
        for state in ["registered", "returned", "with_curator"] {
            parts.push(format!(
                "{CASES} WHERE c.closed_at IS NULL AND c.state = '{state}' \
                 AND c.state IN ('registered', 'returned', 'with_curator')"
            ));
        }
    }
    if actor.has(Role::Deputy) {
        binds.push(actor.id.0);
        // Driven by the deputy's units, each read from `cases_open_by_unit_due`.
        parts.push(format!(
            "{DEPUTY} WHERE u.deputy_id = ${} AND u.active = TRUE \
             AND c.responsible_unit = u.id AND c.state = 'on_approval' AND c.closed_at IS NULL",
            binds.len() + 2
        ));
    }
    if let Some(unit) = actor.unit.filter(|_| actor.has(Role::Executor)) {
        binds.push(unit.0);
        let n = binds.len() + 2;
        for state in ["assigned", "in_work", "answered_intermediate"] {
            parts.push(format!(
                "{CASES} WHERE c.closed_at IS NULL AND c.responsible_unit = ${n} \
                 AND c.state = '{state}'"
            ));
        }
        // Driven by the co-executors' rows (`case_units_coexec`): `CROSS JOIN` keeps SQLite
        // from walking every open case to test each against them.
        parts.push(format!(
            "{COEXEC} WHERE cu.unit_id = ${n} AND cu.responsible = FALSE \
             AND cu.status IN ('pending', 'accepted') AND c.id = cu.case_id \
             AND c.closed_at IS NULL"
        ));
    }
    (parts, binds)
}

/// Each part gives its first `$1` rows in due order (those with a deadline from the
/// `(…, next_due_at, number)` indexes, then those without, by number); the merge keeps
/// the first `$1` of all. The count beside each row reads at most `$2` rows.
fn page_sql(parts: &[String]) -> String {
    let mut firsts = Vec::new();
    for (n, cond) in parts.iter().enumerate() {
        firsts.push(format!(
            "SELECT * FROM (SELECT c.id, c.number, c.next_due_at {cond} \
             AND c.next_due_at IS NOT NULL ORDER BY c.next_due_at, c.number LIMIT $1) d{n}"
        ));
        firsts.push(format!(
            "SELECT * FROM (SELECT c.id, c.number, c.next_due_at {cond} \
             AND c.next_due_at IS NULL ORDER BY c.number LIMIT $1) u{n}"
        ));
    }
    let all: Vec<String> = parts
        .iter()
        .map(|cond| format!("SELECT 1 {cond}"))
        .collect();
    format!(
        "SELECT f.id, f.number, (SELECT COUNT(*) FROM ({} LIMIT $2) n) AS n, f.next_due_at \
         FROM ({}) f ORDER BY (f.next_due_at IS NULL), f.next_due_at, f.number LIMIT $1",
        all.join(" UNION ALL "),
        firsts.join(" UNION ALL ")
    )
}

/// Open cases with a deadline already past at `now`, the most overdue first.
pub(crate) async fn overdue_cases(
    conn: &mut Conn,
    now: DateTime<Utc>,
    bounds: Bounds,
    ctx: &StoreCtx,
) -> Result<CasePage, StoreError> {
    // SQLite, without statistics, would rather walk every open case by `closed_at`.
    let by_due = DIALECT.pick("INDEXED BY cases_open_by_due", "");
    let sql = with_histories(&format!(
        "SELECT id, number, (SELECT COUNT(*) FROM (SELECT 1 FROM cases {by_due} \
         WHERE closed_at IS NULL AND next_due_at < $1 LIMIT $3) n) AS n, next_due_at \
         FROM cases {by_due} WHERE closed_at IS NULL AND next_due_at < $1 \
         ORDER BY next_due_at, number LIMIT $2"
    ));
    let rows: Vec<PageRow> = sqlx::query_as(&sql)
        .bind(secs(now))
        .bind(bounds.limit)
        .bind(bounds.count_up_to.saturating_add(1))
        .fetch_all(&mut *conn)
        .await?;
    page(rows, bounds, ctx)
}

/// The page's cases with their histories, in one statement (issue 15: reading the
/// histories after the page was one more round trip): `page` selects `id, number, n` (the
/// count) and `next_due_at`, in page order. A role's parts do not overlap, but a case is
/// kept once should they ever.
fn with_histories(page: &str) -> String {
    format!(
        "SELECT p.id, p.number, p.n, e.id, e.at, e.actor_id, e.payload \
         FROM (SELECT DISTINCT * FROM ({page}) q) p JOIN case_events e ON e.case_id = p.id \
         ORDER BY (p.next_due_at IS NULL), p.next_due_at, p.number, e.id"
    )
}

/// A page's case, its count and one of its events.
type PageRow = (i64, i64, i64, i64, i64, Option<i64>, String);

/// Replays the page's cases from the rows of [`with_histories`]; the count comes from
/// its column.
fn page(rows: Vec<PageRow>, bounds: Bounds, ctx: &StoreCtx) -> Result<CasePage, StoreError> {
    let counted = rows.first().map_or(0, |r| r.2);
    let mut cases: Vec<(i64, i64, History)> = Vec::new();
    for (case, number, _, event, at, actor, payload) in rows {
        let (id, _, event) = decode((event, case, at, actor, payload))?;
        match cases.last_mut() {
            Some((last, _, history)) if *last == case => history.push((id, event)),
            _ => cases.push((case, number, vec![(id, event)])),
        }
    }
    let views = cases
        .into_iter()
        .map(|(id, number, history)| CaseView::from_history(CaseId(id), number, history, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CasePage {
        views,
        total: usize::try_from(counted.min(bounds.count_up_to)).unwrap_or(0),
        more: counted > bounds.count_up_to,
    })
}
