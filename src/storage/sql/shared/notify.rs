//! Resolving notice audiences to people and writing outbox rows, inside the transaction of
//! the change that causes them (which notices, under which keys: `crate::service`).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Conn;
use crate::domain::ids::CaseId;
use crate::domain::messenger::{Accounts, Messenger};
use crate::domain::notice::Audience;
use crate::domain::Role;
use crate::storage::sql::common::{secs, BATCH};
use crate::storage::StoreError;

const ACTIVE_WITH_CHAT: &str =
    "SELECT p.id, p.telegram_id, p.max_id, p.messenger, p.last_messenger FROM people p \
     WHERE p.active = TRUE AND (p.telegram_id IS NOT NULL OR p.max_id IS NOT NULL)";

type RouteRow = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// `(person id, messenger, chat id)` of the active people an audience means now, each in
/// the messenger their notices go to ([`Accounts::route`]). People who never joined a
/// messenger cannot be reached and are left out; unreachable ones stay (delivery records
/// the refusal).
pub(crate) async fn recipients(
    conn: &mut Conn,
    audience: Audience,
) -> Result<Vec<(i64, Messenger, i64)>, StoreError> {
    let rows = recipient_rows(conn, audience).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, telegram, max, chosen, last)| {
            let accounts = Accounts {
                telegram,
                max,
                chosen: chosen.as_deref().and_then(Messenger::parse),
                last_used: last.as_deref().and_then(Messenger::parse),
            };
            accounts.route().map(|(m, chat)| (id, m, chat))
        })
        .collect())
}

async fn recipient_rows(conn: &mut Conn, audience: Audience) -> Result<Vec<RouteRow>, StoreError> {
    let (cond, id): (String, i64) = match audience {
        Audience::Person { id } => ("p.id = $1".to_owned(), id.0),
        Audience::UnitExecutors { unit } => (
            "p.unit_id = $1 AND EXISTS (SELECT 1 FROM person_roles r \
             WHERE r.person_id = p.id AND r.role = 'executor')"
                .to_owned(),
            unit.0,
        ),
        Audience::UnitDeputy { unit } => (
            "p.id = (SELECT u.deputy_id FROM units u WHERE u.id = $1)".to_owned(),
            unit.0,
        ),
        Audience::Role { role } => {
            let role = Role::from(role).as_str();
            let sql = format!(
                "{ACTIVE_WITH_CHAT} AND EXISTS (SELECT 1 FROM person_roles r \
                 WHERE r.person_id = p.id AND r.role = $1) ORDER BY p.id"
            );
            return Ok(sqlx::query_as(&sql)
                .bind(role)
                .fetch_all(&mut *conn)
                .await?);
        }
    };
    let sql = format!("{ACTIVE_WITH_CHAT} AND {cond} ORDER BY p.id");
    Ok(sqlx::query_as(&sql).bind(id).fetch_all(&mut *conn).await?)
}

/// Queues `payload` for every person of `audience`, keyed `{key}:{person}`; a key already
/// queued is skipped, so retrying the same cause never sends twice. Returns rows added.
/// One insert for all of them (issue 15: one per person before).
pub(crate) async fn enqueue(
    conn: &mut Conn,
    audience: Audience,
    case: Option<CaseId>,
    payload: &Value,
    key: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let payload = payload.to_string();
    let mut added = 0;
    let to = recipients(conn, audience).await?;
    for chunk in to.chunks(BATCH) {
        // $1 case, $2 payload, $3 now; then person, chat, key and messenger per row.
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = 4 + i * 4;
                format!("(${p}, ${}, $1, $2, ${}, $3, $3, ${})", p + 1, p + 2, p + 3)
            })
            .collect();
        let sql = format!(
            "INSERT INTO outbox (recipient_id, chat_id, case_id, payload, idempotency_key, \
             created_at, not_before, messenger) VALUES {} \
             ON CONFLICT (idempotency_key) DO NOTHING",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql)
            .bind(case.map(|c| c.0))
            .bind(&payload)
            .bind(secs(now));
        for (person, messenger, chat) in chunk {
            query = query
                .bind(*person)
                .bind(*chat)
                .bind(format!("{key}:{person}"))
                .bind(messenger.as_str());
        }
        let done = query.execute(&mut *conn).await?;
        added += usize::try_from(done.rows_affected()).unwrap_or(0);
    }
    Ok(added)
}

/// Queues `payload` for one person in the chat of a card they were sent, keyed `key`.
pub(crate) async fn enqueue_to(
    conn: &mut Conn,
    (person, at): (crate::domain::ids::PersonId, crate::storage::CardRef),
    case: Option<CaseId>,
    payload: &Value,
    key: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let done = sqlx::query(
        "INSERT INTO outbox (recipient_id, chat_id, case_id, payload, idempotency_key, \
         created_at, not_before, messenger) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(person.0)
    .bind(at.chat_id)
    .bind(case.map(|c| c.0))
    .bind(payload.to_string())
    .bind(key)
    .bind(secs(now))
    .bind(at.messenger.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(usize::try_from(done.rows_affected()).unwrap_or(0))
}
