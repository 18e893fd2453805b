//! Scheduler timers: per open deadline that reminds or escalates, when to act and what is
//! already done. A command rewrites its case's rows; the scheduler reads due ones and fires
//! each action exactly once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::Pool;

use super::base::begin_write;
use super::notify::enqueue;
use super::{Conn, Db};
use crate::domain::calendar::WorkCalendar;
use crate::domain::deadline::{Deadline, DeadlineKind};
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::notice::{Audience, LateItem, NoticeKind};
use crate::domain::WorkDuration;
use crate::storage::sql::common::{instant, opt_instant, parse_party, party_code, secs};
use crate::storage::{StoreError, TimerAction, TimerItem};

type Key = (String, String, i64);

/// Replaces the case's timer rows with its open deadlines, keeping what was already done for
/// the ones that stay. Returns the nearest due moment (for lists and overdue queries).
pub(crate) async fn rewrite(
    conn: &mut Conn,
    case: CaseId,
    deadlines: &[Deadline],
    calendar: &WorkCalendar,
    remind_before: WorkDuration,
) -> Result<Option<i64>, StoreError> {
    let old: Vec<(String, String, i64, bool, bool)> = sqlx::query_as(
        "SELECT kind, party, due_at, remind_done, breach_done FROM case_deadlines WHERE case_id = $1",
    )
    .bind(case.0)
    .fetch_all(&mut *conn)
    .await?;
    let done: HashMap<Key, (bool, bool)> = old
        .into_iter()
        .map(|(k, p, d, r, b)| ((k, p, d), (r, b)))
        .collect();
    sqlx::query("DELETE FROM case_deadlines WHERE case_id = $1")
        .bind(case.0)
        .execute(&mut *conn)
        .await?;
    let mut seen = HashSet::new();
    let mut nearest: Option<i64> = None;
    for d in deadlines
        .iter()
        .filter(|d| d.is_open() && !d.kind.is_window())
    {
        let key: Key = (
            d.kind.as_str().to_owned(),
            party_code(d.party),
            secs(d.due_at),
        );
        if !seen.insert(key.clone()) {
            continue;
        }
        let (remind_done, breach_done) = done.get(&key).copied().unwrap_or((false, false));
        // A reminder makes sense only strictly between the start and the deadline.
        let remind_at = d.remind_at(calendar, remind_before);
        let remind_at = (remind_at > d.starts_at && remind_at < d.due_at).then(|| secs(remind_at));
        let next = next_fire(remind_at, remind_done, key.2, breach_done);
        sqlx::query(
            "INSERT INTO case_deadlines (case_id, kind, party, starts_at, due_at, remind_at, \
             remind_done, breach_done, next_fire_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(case.0)
        .bind(&key.0)
        .bind(&key.1)
        .bind(secs(d.starts_at))
        .bind(key.2)
        .bind(remind_at)
        .bind(remind_done)
        .bind(breach_done)
        .bind(next)
        .execute(&mut *conn)
        .await?;
        nearest = Some(nearest.map_or(key.2, |n| n.min(key.2)));
    }
    Ok(nearest)
}

fn next_fire(
    remind_at: Option<i64>,
    remind_done: bool,
    due_at: i64,
    breach_done: bool,
) -> Option<i64> {
    match remind_at {
        _ if breach_done => None,
        Some(at) if !remind_done => Some(at),
        _ => Some(due_at),
    }
}

type DueRow = (i64, String, String, i64, Option<i64>, i64);

/// Actions due at `now`, the earliest first. A deadline already past reports its breach
/// (its reminder, if never sent, is moot).
pub(crate) async fn due(
    pool: &Pool<Db>,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<TimerItem>, StoreError> {
    let rows: Vec<DueRow> = sqlx::query_as(
        "SELECT case_id, kind, party, due_at, remind_at, next_fire_at FROM case_deadlines \
         WHERE next_fire_at IS NOT NULL AND next_fire_at <= $1 ORDER BY next_fire_at, id LIMIT $2",
    )
    .bind(secs(now))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|row| item(row, secs(now))).collect()
}

fn item(row: DueRow, now: i64) -> Result<TimerItem, StoreError> {
    let (case_id, kind, party, due_at, remind_at, next) = row;
    let kind = DeadlineKind::parse(&kind)
        .ok_or_else(|| StoreError::corrupt(format!("deadline kind {kind:?}")))?;
    let (action, fire_at) = if due_at <= now {
        (TimerAction::Breach, due_at)
    } else {
        (TimerAction::Remind, remind_at.unwrap_or(next))
    };
    Ok(TimerItem {
        case_id: CaseId(case_id),
        kind,
        party: parse_party(&party)?,
        due_at: instant(due_at)?,
        action,
        fire_at: instant(fire_at)?,
    })
}

/// When the scheduler must wake next, if anything is pending.
pub(crate) async fn next_at(pool: &Pool<Db>) -> Result<Option<DateTime<Utc>>, StoreError> {
    let next: Option<i64> = sqlx::query_scalar("SELECT MIN(next_fire_at) FROM case_deadlines")
        .fetch_one(pool)
        .await?;
    opt_instant(next)
}

/// Marks the action done and queues its notices in one transaction. False (and nothing
/// queued) if it was already done or the deadline closed meanwhile. Keys
/// `timer:{case}:{kind}:{party}:{due_at}:{action}:{person}` make a second send impossible
/// even across replicas.
/// Marks one timer's action done; false if it already was (by this or another replica) or
/// the deadline closed meanwhile.
async fn mark(conn: &mut Conn, item: &TimerItem) -> Result<bool, StoreError> {
    let sql = match item.action {
        TimerAction::Remind => {
            "UPDATE case_deadlines SET remind_done = TRUE, \
             next_fire_at = CASE WHEN breach_done THEN NULL ELSE due_at END \
             WHERE case_id = $1 AND kind = $2 AND party = $3 AND due_at = $4 AND remind_done = FALSE"
        }
        TimerAction::Breach => {
            "UPDATE case_deadlines SET remind_done = TRUE, breach_done = TRUE, next_fire_at = NULL \
             WHERE case_id = $1 AND kind = $2 AND party = $3 AND due_at = $4 AND breach_done = FALSE"
        }
    };
    let done = sqlx::query(sql)
        .bind(item.case_id.0)
        .bind(item.kind.as_str())
        .bind(party_code(item.party))
        .bind(secs(item.due_at))
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn fire(
    pool: &Pool<Db>,
    item: &TimerItem,
    now: DateTime<Utc>,
    notices: &[(Audience, NoticeKind)],
) -> Result<bool, StoreError> {
    let party = party_code(item.party);
    let mut tx = begin_write(pool).await?;
    if !mark(&mut tx, item).await? {
        return Ok(false);
    }
    let key = format!(
        "timer:{}:{}:{}:{}:{}",
        item.case_id,
        item.kind.as_str(),
        party,
        secs(item.due_at),
        item.action.as_str()
    );
    for (audience, kind) in notices {
        let payload: Value = serde_json::to_value(kind).map_err(StoreError::corrupt)?;
        enqueue(&mut tx, *audience, Some(item.case_id), &payload, &key, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Marks long-overdue timers done and queues, in the same transaction, one digest per person
/// listing only the timers this call marked — so a crash loses nothing and two replicas
/// catching up at once never list a timer twice. `recipients` maps each person to the
/// indices of `items` their digest would list. Returns (timers marked, digests queued).
pub(crate) async fn fire_combined(
    pool: &Pool<Db>,
    items: &[TimerItem],
    recipients: &[(PersonId, Vec<usize>)],
    now: DateTime<Utc>,
) -> Result<(usize, usize), StoreError> {
    let mut tx = begin_write(pool).await?;
    let mut won = Vec::with_capacity(items.len());
    for item in items {
        won.push(mark(&mut tx, item).await?);
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
        digests += enqueue(
            &mut tx,
            Audience::Person { id: *person },
            None,
            &payload,
            &key,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok((won.iter().filter(|w| **w).count(), digests))
}
