//! The scheduler's use cases: which deadlines remind and when (the reminder window), firing
//! one reminder or breach report, the late digest after downtime, and re-timing open cases
//! when the calendar or the terms changed.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{Case, CaseEvent};
use crate::domain::deadline::{narrows, to_holders, Deadline};
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::notice::{Audience, LateItem, Notice, NoticeKind};
use crate::domain::WorkDuration;
use crate::storage::{
    CaseView, Store, StoreCtx, StoreError, TimerAction, TimerItem, TimerPlan, Tx,
};

type R<T> = Result<T, StoreError>;

/// The timers a case's deadlines call for: one per open, non-window deadline (kind, party,
/// due moment), reminding `remind_before` ahead — but only strictly between its start and
/// its due moment, where a reminder makes sense.
pub fn plan(
    deadlines: &[Deadline],
    calendar: &WorkCalendar,
    remind_before: WorkDuration,
) -> Vec<TimerPlan> {
    let mut seen = HashSet::new();
    deadlines
        .iter()
        .filter(|d| d.is_open() && !d.kind.is_window())
        .filter(|d| seen.insert((d.kind, d.party, d.due_at.timestamp())))
        .map(|d| {
            let remind_at = d.remind_at(calendar, remind_before);
            TimerPlan {
                kind: d.kind,
                party: d.party,
                starts_at: d.starts_at,
                due_at: d.due_at,
                remind_at: (remind_at > d.starts_at && remind_at < d.due_at).then_some(remind_at),
            }
        })
        .collect()
}

/// The timers the case's view calls for with the organization's terms.
pub(crate) fn plans_for(view: &CaseView, ctx: &StoreCtx) -> Vec<TimerPlan> {
    let rules = ctx.policy.rules_for(&view.case.importance);
    plan(&view.deadlines, &ctx.calendar, rules.remind_before)
}

/// Rewrites the case's timers from its view; returns the nearest due moment.
async fn rederive(tx: &mut Tx, view: &CaseView, ctx: &StoreCtx) -> R<Option<DateTime<Utc>>> {
    let plans = plans_for(view, ctx);
    tx.replace_timers(view.case.id, &plans).await?;
    Ok(plans.iter().map(|p| p.due_at).min())
}

/// Marks the timer's action done and queues `notices` in one transaction; false (and
/// nothing queued) if it was already done — by this or another replica — or the deadline
/// closed meanwhile. Keys `timer:{case}:{kind}:{party}:{due_at}:{action}:{person}` make a
/// second send impossible even across replicas.
pub async fn fire(
    store: &Store,
    item: &TimerItem,
    now: DateTime<Utc>,
    notices: &[(Audience, NoticeKind)],
) -> R<bool> {
    let mut tx = store.begin_write().await?;
    if !tx.mark_timer(item).await? {
        return Ok(false);
    }
    let notices = holders(&mut tx, item.case_id, notices).await?;
    let key = format!(
        "timer:{}:{}:{}:{}:{}",
        item.case_id,
        item.kind.as_str(),
        party_key(item),
        item.due_at.timestamp(),
        item.action.as_str()
    );
    for Notice { audience, kind } in &notices {
        let payload = serde_json::to_value(kind).map_err(StoreError::corrupt)?;
        tx.enqueue(*audience, Some(item.case_id), &payload, &key, now)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The notices narrowed to whoever holds the case now (read in the firing transaction, so
/// a return or an acceptance committed just before is seen).
async fn holders(tx: &mut Tx, case: CaseId, notices: &[(Audience, NoticeKind)]) -> R<Vec<Notice>> {
    let notices: Vec<Notice> = notices
        .iter()
        .map(|(audience, kind)| Notice {
            audience: *audience,
            kind: kind.clone(),
        })
        .collect();
    if !narrows(&notices) {
        return Ok(notices);
    }
    let Some((number, _, history)) = tx.case_with_history(case).await? else {
        return Ok(notices);
    };
    let history: Vec<CaseEvent> = history.into_iter().map(|(_, e)| e).collect();
    let case = Case::replay(case, number, &history).map_err(StoreError::corrupt)?;
    Ok(to_holders(&case, notices))
}

fn party_key(item: &TimerItem) -> String {
    match item.party {
        crate::domain::deadline::Party::Curator => "curator".to_owned(),
        crate::domain::deadline::Party::Unit(u) => format!("unit:{}", u.0),
    }
}

/// Marks long-overdue timers done and queues, in the same transaction, one digest per person
/// listing only the timers this call marked — so a crash loses nothing and two replicas
/// catching up at once never list a timer twice. `recipients` maps each person to the
/// indices of `items` their digest would list. Returns (timers marked, digests queued).
pub async fn fire_late(
    store: &Store,
    items: &[TimerItem],
    recipients: &[(PersonId, Vec<usize>)],
    now: DateTime<Utc>,
) -> R<(usize, usize)> {
    let mut tx = store.begin_write().await?;
    let mut won = Vec::with_capacity(items.len());
    for item in items {
        won.push(tx.mark_timer(item).await?);
    }
    let mut digests = 0;
    for (person, indices) in recipients {
        let lines: Vec<LateItem> = indices
            .iter()
            .filter(|&&i| won.get(i).copied().unwrap_or(false))
            .map(|&i| LateItem {
                case: items[i].case_id,
                deadline: items[i].kind,
                breach: items[i].action == TimerAction::Breach,
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let key = LateItem::digest_key(&lines);
        let payload = serde_json::to_value(NoticeKind::LateDigest { items: lines })
            .map_err(StoreError::corrupt)?;
        let to = Audience::Person { id: *person };
        digests += tx.enqueue(to, None, &payload, &key, now).await?;
    }
    tx.commit().await?;
    Ok((won.iter().filter(|w| **w).count(), digests))
}

/// Re-derives the timers and due moments of every open case with `ctx` — run at start, so a
/// corrected calendar or changed terms apply to cases already open (the history itself
/// never changes). What the scheduler already did for a deadline that keeps its due moment
/// stays done. One short transaction per case; a case changed meanwhile by a command is
/// skipped, as that command already derived it with current terms. Returns cases refreshed.
pub async fn refresh_open_cases(store: &Store, ctx: &StoreCtx) -> R<usize> {
    let mut refreshed = 0;
    for id in store.open_case_ids().await? {
        match refresh_one(store, id, ctx).await {
            Ok(()) => refreshed += 1,
            Err(StoreError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(refreshed)
}

async fn refresh_one(store: &Store, id: crate::domain::CaseId, ctx: &StoreCtx) -> R<()> {
    let mut tx = store.begin_write().await?;
    let Some((number, version, history)) = tx.case_with_history(id).await? else {
        return Ok(());
    };
    // Taken first, so a concurrent command waits for (or wins over) this refresh.
    tx.bump_version(id, version).await?;
    let view = CaseView::from_history(id, number, history, ctx)?;
    let nearest = rederive(&mut tx, &view, ctx).await?;
    tx.write_next_due(id, nearest).await?;
    tx.commit().await
}

/// The meta key holding the fingerprint the open cases were last timed with.
const TIMED_WITH: &str = "timing_fingerprint";

/// What a start-up re-timing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retimed {
    /// The calendar and the terms are those the open cases were timed with.
    Unchanged,
    /// They changed: this many open cases were re-timed.
    Cases(usize),
}

/// Records that the open cases are timed with the current calendar and terms, without
/// re-timing them: for a database filled in bulk with timers already derived (benchmarks).
pub async fn record_timing(store: &Store, ctx: &StoreCtx, now: DateTime<Utc>) -> R<()> {
    let today = now.with_timezone(&ctx.calendar.timezone()).date_naive();
    let current = crate::domain::deadline::fingerprint(&ctx.calendar, &ctx.policy, today);
    store.meta_put(TIMED_WITH, &current).await
}

/// Re-times the open cases only when the calendar or the terms changed since they were last
/// timed (the fingerprint is kept in the database). The fingerprint is written after every
/// case is done, so a start interrupted half-way re-times again next time.
pub async fn retime_if_changed(store: &Store, ctx: &StoreCtx, now: DateTime<Utc>) -> R<Retimed> {
    let today = now.with_timezone(&ctx.calendar.timezone()).date_naive();
    let current = crate::domain::deadline::fingerprint(&ctx.calendar, &ctx.policy, today);
    if store.meta_get(TIMED_WITH).await?.as_deref() == Some(current.as_str()) {
        return Ok(Retimed::Unchanged);
    }
    let refreshed = refresh_open_cases(store, ctx).await?;
    store.meta_put(TIMED_WITH, &current).await?;
    Ok(Retimed::Cases(refreshed))
}
