//! Candidate posts: insertion at a planned moment, release to the outbox, settling.

use chrono::{DateTime, Utc};
use sqlx::{Pool, Row};

use super::base::begin_write;
use super::notify::enqueue;
use super::Db;
use crate::domain::candidate::{Plan, Scheduled, Slot, Suggestion};
use crate::domain::ids::CaseId;
use crate::domain::notice::{Audience, NoticeKind, RoleCode};
use crate::storage::candidates::{Candidate, CandidateStatus, NewCandidate};
use crate::storage::sql::common::{instant, opt_instant, secs};
use crate::storage::StoreError;

const COLUMNS: &str = "id, source, link, chat_id, message_id, place, excerpt, reason, topic, \
    location, importance, unit, same_case, repeat_of, slot, deliver_at, released, status, \
    case_id, created_at";

const CURATORS: Audience = Audience::Role {
    role: RoleCode::Curator,
};

type DbRow = <Db as sqlx::Database>::Row;

fn decode(row: &DbRow) -> Result<Candidate, StoreError> {
    let id: i64 = row.try_get("id")?;
    let corrupt = |what: &str| StoreError::corrupt(format!("candidate {id}: {what}"));
    let slot: String = row.try_get("slot")?;
    let status: String = row.try_get("status")?;
    let case = |c: Option<i64>| c.map(CaseId);
    Ok(Candidate {
        id,
        post: NewCandidate {
            source: row.try_get("source")?,
            link: row.try_get("link")?,
            chat_id: row.try_get("chat_id")?,
            message_id: row.try_get("message_id")?,
            place: row.try_get("place")?,
            excerpt: row.try_get("excerpt")?,
            reason: row.try_get("reason")?,
            suggestion: Suggestion {
                topic: row.try_get("topic")?,
                location: row.try_get("location")?,
                importance: row.try_get("importance")?,
                unit: row.try_get("unit")?,
            },
            same_case: case(row.try_get("same_case")?),
            repeat_of: case(row.try_get("repeat_of")?),
        },
        slot: Slot::parse(&slot).ok_or_else(|| corrupt("slot"))?,
        deliver_at: instant(row.try_get("deliver_at")?)?,
        released: row.try_get("released")?,
        status: CandidateStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
        case_id: case(row.try_get("case_id")?),
        created_at: instant(row.try_get("created_at")?)?,
    })
}

pub(crate) async fn add(
    pool: &Pool<Db>,
    new: &NewCandidate,
    now: DateTime<Utc>,
    plan: impl FnOnce(Scheduled) -> Plan,
) -> Result<Option<Candidate>, StoreError> {
    let mut tx = begin_write(pool).await?;
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM candidates WHERE link = $1")
        .bind(&new.link)
        .fetch_optional(&mut *tx)
        .await?;
    if known.is_some() {
        return Ok(None);
    }
    let (last, open): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT MAX(deliver_at) FROM candidates WHERE slot IN ('card', 'digest')), \
                (SELECT MAX(deliver_at) FROM candidates WHERE slot = 'digest' AND deliver_at > $1)",
    )
    .bind(secs(now))
    .fetch_one(&mut *tx)
    .await?;
    let planned = plan(Scheduled {
        last: opt_instant(last)?,
        open_digest: opt_instant(open)?,
    });
    let s = &new.suggestion;
    let sql = format!(
        "INSERT INTO candidates (source, link, chat_id, message_id, place, excerpt, reason, \
         topic, location, importance, unit, same_case, repeat_of, slot, deliver_at, released, \
         status, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         $12, $13, $14, $15, FALSE, 'new', NULL, $16) RETURNING {COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(&new.source)
        .bind(&new.link)
        .bind(new.chat_id)
        .bind(new.message_id)
        .bind(&new.place)
        .bind(&new.excerpt)
        .bind(&new.reason)
        .bind(&s.topic)
        .bind(&s.location)
        .bind(&s.importance)
        .bind(&s.unit)
        .bind(new.same_case.map(|c| c.0))
        .bind(new.repeat_of.map(|c| c.0))
        .bind(planned.slot.as_str())
        .bind(secs(planned.at))
        .bind(secs(now))
        .fetch_one(&mut *tx)
        .await?;
    let candidate = decode(&row)?;
    tx.commit().await?;
    Ok(Some(candidate))
}

/// Queues every due card (one row per curator) and, per due moment, one digest of the
/// candidates gathered for it; marks them released in the same transaction.
pub(crate) async fn release(pool: &Pool<Db>, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut tx = begin_write(pool).await?;
    let due: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, slot, deliver_at FROM candidates \
         WHERE released = FALSE AND deliver_at <= $1 ORDER BY deliver_at, id",
    )
    .bind(secs(now))
    .fetch_all(&mut *tx)
    .await?;
    let mut queued = 0;
    let mut digests: Vec<(i64, Vec<i64>)> = Vec::new();
    for (id, slot, at) in &due {
        if slot == Slot::Digest.as_str() {
            match digests.iter_mut().find(|(t, _)| t == at) {
                Some((_, ids)) => ids.push(*id),
                None => digests.push((*at, vec![*id])),
            }
            continue;
        }
        let payload = payload(NoticeKind::Candidate { candidate: *id })?;
        let key = format!("cand:{id}");
        queued += enqueue(&mut tx, CURATORS, None, &payload, &key, now).await?;
    }
    for (at, ids) in digests {
        let key = format!("cand-digest:{at}:{}", ids[0]);
        let payload = payload(NoticeKind::CandidateDigest { candidates: ids })?;
        queued += enqueue(&mut tx, CURATORS, None, &payload, &key, now).await?;
    }
    let ids: Vec<i64> = due.iter().map(|(id, _, _)| *id).collect();
    for chunk in ids.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        // Ids are integers from the database, never input.
        sqlx::query(&format!(
            "UPDATE candidates SET released = TRUE WHERE id IN ({list})"
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(queued)
}

fn payload(kind: NoticeKind) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(kind).map_err(StoreError::corrupt)
}

pub(crate) async fn next_at(pool: &Pool<Db>) -> Result<Option<DateTime<Utc>>, StoreError> {
    let next: Option<i64> =
        sqlx::query_scalar("SELECT MIN(deliver_at) FROM candidates WHERE released = FALSE")
            .fetch_one(pool)
            .await?;
    opt_instant(next)
}

pub(crate) async fn by_id(pool: &Pool<Db>, id: i64) -> Result<Option<Candidate>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM candidates WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(pool).await?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn by_link(pool: &Pool<Db>, link: &str) -> Result<Option<Candidate>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM candidates WHERE link = $1");
    let row = sqlx::query(&sql).bind(link).fetch_optional(pool).await?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn of_case(
    pool: &Pool<Db>,
    case: CaseId,
) -> Result<Option<Candidate>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM candidates WHERE case_id = $1 OR same_case = $1 \
         ORDER BY id LIMIT 1"
    );
    let row = sqlx::query(&sql).bind(case.0).fetch_optional(pool).await?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn settle(
    pool: &Pool<Db>,
    id: i64,
    status: CandidateStatus,
    case: Option<CaseId>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE candidates SET status = $2, case_id = $3 WHERE id = $1 AND status = 'new'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(case.map(|c| c.0))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
