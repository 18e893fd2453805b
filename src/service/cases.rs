//! Case commands, one transaction each: record the update, replay the history, decide,
//! append the events, rewrite the derived rows and timers, queue the notices, commit.

use chrono::{DateTime, Utc};

use super::{notices, timers};
use crate::domain::case::{CaseEvent, Command, DecideContext, EventKind, Registration};
use crate::domain::directory::Actor;
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::{CaseView, CommandMeta, Store, StoreCtx, StoreError, Tx};

type R<T> = Result<T, StoreError>;

/// How often a command is retried when another one changed the case under it.
const ATTEMPTS: usize = 5;

/// Registers a post and assigns it to its units (п.8), with its history, timers and
/// notices. The same normalized link twice fails with `DuplicateLink`; a repeat (п.15) is a
/// new link with `repeat_of` set.
pub async fn register(
    store: &Store,
    reg: &Registration,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    register_or_reject(store, reg, actor, meta, ctx, None).await
}

/// Registers a post and rejects it at once (п.17), so it is counted and never processed.
pub async fn reject_at_intake(
    store: &Store,
    reg: &Registration,
    reason: &str,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    register_or_reject(store, reg, actor, meta, ctx, Some(reason)).await
}

async fn register_or_reject(
    store: &Store,
    reg: &Registration,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
    rejection: Option<&str>,
) -> R<CaseView> {
    match try_register(store, reg, actor, meta, ctx, rejection).await {
        // A concurrent registration of the same link committed first.
        Err(e) if e.is_unique_violation() => {
            let mut tx = store.begin_write().await?;
            match tx.link_owner(&reg.link).await? {
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
    store: &Store,
    reg: &Registration,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
    rejection: Option<&str>,
) -> R<CaseView> {
    let now = whole_seconds(meta.now);
    let mut tx = store.begin_write().await?;
    tx.claim_update(meta.update_id, now).await?;
    if let Some((id, number)) = tx.link_owner(&reg.link).await? {
        return Err(StoreError::DuplicateLink {
            case_id: CaseId(id),
            number,
        });
    }
    if let Some(earlier) = reg.repeat_of {
        tx.case_head(earlier)
            .await?
            .ok_or(StoreError::CaseNotFound(earlier))?;
    }
    let actor = tx
        .actor(actor)
        .await?
        .ok_or(StoreError::UnknownPerson(actor))?;
    let events = match rejection {
        None => reg.decide(&actor, now)?,
        Some(reason) => reg.decide_rejection(&actor, now, reason)?,
    };
    require_units(&mut tx, &events).await?;
    let number = tx.next_case_number().await?;
    let id = tx.insert_case(number, reg, now, actor.id).await?;
    let head = Head {
        id,
        number,
        version: None,
    };
    let view = persist(&mut tx, head, None, events, ctx, meta).await?;
    tx.commit().await?;
    Ok(view)
}

/// Decides `command` on the case and records it with its consequences, or changes nothing:
/// `Refused` carries the domain's reason, `DuplicateUpdate` a redelivery. Retried when a
/// concurrent command changed the case first.
pub async fn execute(
    store: &Store,
    case: CaseId,
    actor: PersonId,
    command: &Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    run(store, case, Acting::Id(actor), command, meta, ctx).await
}

/// [`execute`] for the person a front end identified for this very update: their roles
/// were read moments ago, so the transaction does not read them again (issue 15).
pub async fn execute_as(
    store: &Store,
    case: CaseId,
    actor: &Actor,
    command: &Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    run(store, case, Acting::Known(actor), command, meta, ctx).await
}

/// Who a command is run for: a person to look up inside the transaction, or one already
/// identified.
#[derive(Clone, Copy)]
enum Acting<'a> {
    Id(PersonId),
    Known(&'a Actor),
}

async fn run(
    store: &Store,
    case: CaseId,
    actor: Acting<'_>,
    command: &Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    for _ in 0..ATTEMPTS {
        match try_execute(store, case, actor, command.clone(), meta, ctx).await {
            Err(StoreError::Conflict) => tokio::task::yield_now().await,
            other => return other,
        }
    }
    Err(StoreError::Conflict)
}

async fn try_execute(
    store: &Store,
    case_id: CaseId,
    actor: Acting<'_>,
    command: Command,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> R<CaseView> {
    let now = whole_seconds(meta.now);
    let mut tx = store.begin_write().await?;
    tx.claim_update(meta.update_id, now).await?;
    let (number, version, history) = tx
        .case_with_history(case_id)
        .await?
        .ok_or(StoreError::CaseNotFound(case_id))?;
    let before = CaseView::from_history(case_id, number, history, ctx)?;
    let loaded;
    let actor = match actor {
        Acting::Known(actor) => actor,
        Acting::Id(id) => {
            loaded = tx.actor(id).await?.ok_or(StoreError::UnknownPerson(id))?;
            &loaded
        }
    };
    let decide = DecideContext {
        now,
        calendar: &ctx.calendar,
        rules: ctx.policy.rules_for(&before.case.importance),
    };
    let history: Vec<CaseEvent> = before.events().cloned().collect();
    let events = before
        .case
        .decide_seen(actor, command, meta.seen, &history, &decide)?;
    require_units(&mut tx, &events).await?;
    let head = Head {
        id: case_id,
        number,
        version: Some(version),
    };
    let view = persist(&mut tx, head, Some(before), events, ctx, meta).await?;
    tx.commit().await?;
    Ok(view)
}

/// Every unit a new assignment names must exist and be active.
async fn require_units(tx: &mut Tx, events: &[CaseEvent]) -> R<()> {
    for event in events {
        if let EventKind::Assigned { unit, .. } = event.kind {
            if !tx.unit_is_active(unit).await? {
                return Err(StoreError::UnknownUnit(unit));
            }
        }
    }
    Ok(())
}

/// The case a command writes: its row's id and number, and the version it was read at
/// (none for a case this transaction registered).
struct Head {
    id: CaseId,
    number: i64,
    version: Option<i64>,
}

/// Appends `new` to the history and brings everything derived from it up to date: rows,
/// timers, notices, and the cards it leaves behind. The case row is written first, right
/// after the events, as it is also the concurrency check: a concurrent command waits there
/// before it touches the timers, in the same order as a re-timing.
async fn persist(
    tx: &mut Tx,
    head: Head,
    before: Option<CaseView>,
    new: Vec<CaseEvent>,
    ctx: &StoreCtx,
    meta: CommandMeta,
) -> R<CaseView> {
    let now = whole_seconds(meta.now);
    let (mut history, before) = match before {
        Some(view) => (view.history, Some(view.case)),
        None => (Vec::new(), None),
    };
    let first_new = history.len();
    for event in new {
        let event_id = tx.append_event(head.id, &event).await?;
        history.push((event_id, event));
    }
    let view = CaseView::from_history(head.id, head.number, history, ctx)?;
    let plans = timers::plans_for(&view, ctx);
    let nearest = plans.iter().map(|p| p.due_at).min();
    let closed_at = match view.history.last() {
        Some((_, last)) if view.case.state.is_closed() => Some(last.at),
        _ => None,
    };
    tx.write_case_row(&view.case, head.version, closed_at, nearest)
        .await?;
    tx.replace_timers(head.id, &plans).await?;
    let units_before = before.as_ref().map_or(&[][..], |b| &b.assignments[..]);
    tx.write_case_units(&view.case, units_before).await?;
    let added = &view.history[first_new..];
    notices::for_events(tx, &view.case, added, now).await?;
    if let Some(before) = &before {
        notices::for_units_left(tx, before, &view.case, added, now).await?;
        let all: Vec<CaseEvent> = view.events().cloned().collect();
        notices::for_cards_left(tx, &view.case, &all, meta.card, now).await?;
    }
    Ok(view)
}

/// `now` as storage keeps it (whole seconds), so what a command computes with is exactly
/// what a later read replays.
fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}
