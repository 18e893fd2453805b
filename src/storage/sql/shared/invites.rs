//! Invite links: `/start <token>` lets a person in with the role and unit an admin chose.
//! The rows only; when an invite may be used is decided in the domain.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::dir_read::people_where;
use super::{Conn, Db};
use crate::domain::directory::invite::StoredInvite;
use crate::domain::directory::Person;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::messenger::Messenger;
use crate::domain::Role;
use crate::storage::sql::common::{instant, secs, Filter};
use crate::storage::StoreError;

/// What an invite grants.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grant {
    pub role: Option<Role>,
    pub unit: Option<UnitId>,
    /// A directory person (e.g. listed in the file without a telegram id) the invite binds to.
    pub person: Option<PersonId>,
}

pub(crate) async fn create(
    pool: &Pool<Db>,
    grant: Grant,
    created_by: Option<PersonId>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<String, StoreError> {
    loop {
        let token = crate::storage::invites::new_token();
        let result = sqlx::query(
            "INSERT INTO invites (token, role, unit_id, person_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&token)
        .bind(grant.role.map(Role::as_str))
        .bind(grant.unit.map(|u| u.0))
        .bind(grant.person.map(|p| p.0))
        .bind(created_by.map(|p| p.0))
        .bind(secs(now))
        .bind(secs(expires_at))
        .execute(pool)
        .await
        .map_err(StoreError::from);
        match result {
            // A token collision (2^-190) just draws again.
            Err(e) if e.is_unique_violation() => continue,
            Err(e) => return Err(e),
            Ok(_) => return Ok(token),
        }
    }
}

type InviteRow = (
    i64,
    Option<String>,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
);

pub(crate) async fn by_token(
    conn: &mut Conn,
    token: &str,
) -> Result<Option<StoredInvite>, StoreError> {
    let row: Option<InviteRow> = sqlx::query_as(
        "SELECT id, role, unit_id, person_id, expires_at, used_at FROM invites WHERE token = $1",
    )
    .bind(token)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, role, unit, person, expires_at, used_at)) = row else {
        return Ok(None);
    };
    Ok(Some(StoredInvite {
        id,
        role: role.as_deref().and_then(Role::parse),
        unit: unit.map(UnitId),
        person: person.map(PersonId),
        expires_at: instant(expires_at)?,
        used: used_at.is_some(),
    }))
}

/// Marks the invite used; false if another redemption took it first.
pub(crate) async fn take(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let taken = sqlx::query("UPDATE invites SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
        .bind(id)
        .bind(secs(now))
        .execute(&mut *conn)
        .await?;
    Ok(taken.rows_affected() > 0)
}

pub(crate) async fn used_by(conn: &mut Conn, id: i64, person: PersonId) -> Result<(), StoreError> {
    sqlx::query("UPDATE invites SET used_by = $2 WHERE id = $1")
        .bind(id)
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The column holding a person's account in `m`.
fn account_column(m: Messenger) -> &'static str {
    match m {
        Messenger::Telegram => "telegram_id",
        Messenger::Max => "max_id",
    }
}

/// Moves account `id` in `m` to `person` and activates them; false if there is no such
/// person.
pub(crate) async fn bind_account(
    conn: &mut Conn,
    person: PersonId,
    m: Messenger,
    id: i64,
) -> Result<bool, StoreError> {
    let col = account_column(m);
    sqlx::query(&format!(
        "UPDATE people SET {col} = NULL WHERE {col} = $1 AND id <> $2"
    ))
    .bind(id)
    .bind(person.0)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(&format!(
        "UPDATE people SET {col} = $2, active = TRUE WHERE id = $1"
    ))
    .bind(person.0)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The person holding account `id` in `m`, active or not.
pub(crate) async fn holder(
    conn: &mut Conn,
    m: Messenger,
    id: i64,
) -> Result<Option<PersonId>, StoreError> {
    let col = account_column(m);
    let found: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM people WHERE {col} = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.map(PersonId))
}

pub(crate) async fn activate(conn: &mut Conn, person: PersonId) -> Result<(), StoreError> {
    sqlx::query("UPDATE people SET active = TRUE WHERE id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn name_taken(conn: &mut Conn, name: &str) -> Result<bool, StoreError> {
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(taken.is_some())
}

pub(crate) async fn insert_newcomer(
    conn: &mut Conn,
    name: &str,
    m: Messenger,
    account: i64,
) -> Result<PersonId, StoreError> {
    let col = account_column(m);
    let id: i64 = sqlx::query_scalar(&format!(
        "INSERT INTO people (name, {col}) VALUES ($1, $2) RETURNING id"
    ))
    .bind(name)
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(PersonId(id))
}

/// Adds `role` (kept if held) and sets `unit`, each when given.
pub(crate) async fn grant(
    conn: &mut Conn,
    person: PersonId,
    role: Option<Role>,
    unit: Option<UnitId>,
) -> Result<(), StoreError> {
    if let Some(role) = role {
        sqlx::query(
            "INSERT INTO person_roles (person_id, role) VALUES ($1, $2) \
             ON CONFLICT (person_id, role) DO NOTHING",
        )
        .bind(person.0)
        .bind(role.as_str())
        .execute(&mut *conn)
        .await?;
    }
    if let Some(unit) = unit {
        sqlx::query("UPDATE people SET unit_id = $2 WHERE id = $1")
            .bind(person.0)
            .bind(unit.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) async fn person(conn: &mut Conn, id: PersonId) -> Result<Option<Person>, StoreError> {
    Ok(people_where(conn, Filter::Id(id)).await?.pop())
}
