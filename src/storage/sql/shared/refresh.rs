//! Re-deriving the timers of open cases after the calendar or the terms changed (a corrected
//! calendar re-evaluates deadlines; the history itself never changes).

use sqlx::Pool;

use super::base::begin_write;
use super::{case_read, case_write, timers, Db};
use crate::domain::ids::CaseId;
use crate::storage::{StoreCtx, StoreError};

/// Recomputes every open case's timers and nearest due moment with `ctx`, one short
/// transaction per case; returns how many cases were refreshed. A case changed meanwhile
/// by a command is skipped: that command already derived it with current terms.
pub(crate) async fn open_cases(pool: &Pool<Db>, ctx: &StoreCtx) -> Result<usize, StoreError> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM cases WHERE closed_at IS NULL ORDER BY id")
            .fetch_all(pool)
            .await?;
    let mut refreshed = 0;
    for id in ids {
        match one(pool, CaseId(id), ctx).await {
            Ok(()) => refreshed += 1,
            Err(StoreError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(refreshed)
}

async fn one(pool: &Pool<Db>, id: CaseId, ctx: &StoreCtx) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    let Some((number, version)) = case_write::head(&mut tx, id).await? else {
        return Ok(());
    };
    // Taken first, so a concurrent command waits for (or wins over) this refresh.
    case_write::bump_version(&mut tx, id, version).await?;
    let history = case_read::history(&mut tx, id).await?;
    let view = case_read::view(id, number, history, ctx)?;
    let rules = ctx.policy.rules_for(&view.case.importance);
    let nearest = timers::rewrite(
        &mut tx,
        id,
        &view.deadlines,
        &ctx.calendar,
        rules.remind_before,
    )
    .await?;
    sqlx::query("UPDATE cases SET next_due_at = $2 WHERE id = $1")
        .bind(id.0)
        .bind(nearest)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
