//! Case commands, one transaction each: record the update, replay the history, decide,
//! append the events, rewrite the derived rows and timers, queue the notices, commit.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::base::begin_write;
use super::case_read::{self, History};
use super::{case_write, dir_read, kv, notify, timers, Conn, Db};
use crate::domain::case::{CaseEvent, Command, DecideContext, EventKind, Registration};
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::sql::common::whole_seconds;
use crate::storage::{CaseView, CommandMeta, StoreCtx, StoreError};

/// How often a command is retried when another one changed the case under it.
const ATTEMPTS: usize = 5;

/// Registers a post (assigning it), or with `rejection` registers and rejects it (п.17).
pub(crate) async fn register(
    pool: &Pool<Db>,
    reg: &Registration,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
    rejection: Option<&str>,
) -> Result<CaseView, StoreError> {
    match try_register(pool, reg, actor, meta, ctx, rejection).await {
        // A concurrent registration of the same link committed first.
        Err(e) if e.is_unique_violation() => {
            let mut conn = pool.acquire().await?;
            match case_read::link_owner(&mut conn, &reg.link).await? {
                Some((id, number)) => Err(StoreError::DuplicateLink {
                    case_id: CaseId(id),
                    number,
                }),
                None => Err(e),
            }
        }
        other => other,
    }
}

async fn try_register(
    pool: &Pool<Db>,
    reg: &Registration,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
    rejection: Option<&str>,
) -> Result<CaseView, StoreError> {
    let now = whole_seconds(meta.now);
    let mut tx = begin_write(pool).await?;
    kv::claim_update(&mut tx, meta.update_id, now).await?;
    if let Some((id, number)) = case_read::link_owner(&mut tx, &reg.link).await? {
        return Err(StoreError::DuplicateLink {
            case_id: CaseId(id),
            number,
        });
    }
    if let Some(earlier) = reg.repeat_of {
        case_write::head(&mut tx, earlier)
            .await?
            .ok_or(StoreError::CaseNotFound(earlier))?;
    }
    let actor = dir_read::actor_in(&mut tx, actor)
        .await?
        .ok_or(StoreError::UnknownPerson(actor))?;
    let events = match rejection {
        None => reg.decide(&actor, now)?,
        Some(reason) => reg.decide_rejection(&actor, now, reason)?,
    };
    require_units(&mut tx, &events).await?;
    let number = case_write::next_number(&mut tx).await?;
    let id = case_write::insert_case(&mut tx, number, reg, now, actor.id).await?;
    let view = persist(&mut tx, id, number, Vec::new(), events, ctx, now).await?;
    tx.commit().await?;
    Ok(view)
}

/// Decides and records a command on an existing case, retrying on a concurrent change.
pub(crate) async fn execute(
    pool: &Pool<Db>,
    case: CaseId,
    actor: PersonId,
    command: &Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> Result<CaseView, StoreError> {
    for _ in 0..ATTEMPTS {
        match try_execute(pool, case, actor, command.clone(), meta, ctx).await {
            Err(StoreError::Conflict) => tokio::task::yield_now().await,
            other => return other,
        }
    }
    Err(StoreError::Conflict)
}

async fn try_execute(
    pool: &Pool<Db>,
    case_id: CaseId,
    actor: PersonId,
    command: Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> Result<CaseView, StoreError> {
    let now = whole_seconds(meta.now);
    let mut tx = begin_write(pool).await?;
    kv::claim_update(&mut tx, meta.update_id, now).await?;
    let (number, version) = case_write::head(&mut tx, case_id)
        .await?
        .ok_or(StoreError::CaseNotFound(case_id))?;
    let history = case_read::history(&mut tx, case_id).await?;
    let case = case_read::replay(case_id, number, &history)?;
    let actor = dir_read::actor_in(&mut tx, actor)
        .await?
        .ok_or(StoreError::UnknownPerson(actor))?;
    let decide = DecideContext {
        now,
        calendar: &ctx.calendar,
        rules: ctx.policy.rules_for(&case.importance),
    };
    let events = case.decide(&actor, command, &decide)?;
    require_units(&mut tx, &events).await?;
    case_write::bump_version(&mut tx, case_id, version).await?;
    let view = persist(&mut tx, case_id, number, history, events, ctx, now).await?;
    tx.commit().await?;
    Ok(view)
}

/// Every unit a new assignment names must exist and be active.
async fn require_units(conn: &mut Conn, events: &[CaseEvent]) -> Result<(), StoreError> {
    for event in events {
        if let EventKind::Assigned { unit, .. } = event.kind {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT id FROM units WHERE id = $1 AND active = TRUE")
                    .bind(unit.0)
                    .fetch_optional(&mut *conn)
                    .await?;
            found.ok_or(StoreError::UnknownUnit(unit))?;
        }
    }
    Ok(())
}

/// Appends `new` to the history and brings everything derived from it up to date.
async fn persist(
    conn: &mut Conn,
    id: CaseId,
    number: i64,
    mut history: History,
    new: Vec<CaseEvent>,
    ctx: &StoreCtx,
    now: DateTime<Utc>,
) -> Result<CaseView, StoreError> {
    let first_new = history.len();
    for event in new {
        let event_id = case_write::insert_event(conn, id, &event).await?;
        history.push((event_id, event));
    }
    let view = case_read::view(id, number, history, ctx)?;
    let rules = ctx.policy.rules_for(&view.case.importance);
    let nearest = timers::rewrite(
        conn,
        id,
        &view.deadlines,
        &ctx.calendar,
        rules.remind_before,
    )
    .await?;
    let closed_at = match view.history.last() {
        Some((_, last)) if view.case.state.is_closed() => Some(last.at),
        _ => None,
    };
    case_write::update_row(conn, &view.case, closed_at, nearest).await?;
    case_write::rewrite_units(conn, &view.case).await?;
    notify::event_notices(conn, &view.case, &view.history[first_new..], now).await?;
    Ok(view)
}
