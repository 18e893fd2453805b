//! Invite links: `/start <token>` lets a person in with the role and unit an admin chose.

use chrono::{DateTime, Utc};
use sqlx::Pool;

use super::base::begin_write;
use super::dir_read::people_where;
use super::{Conn, Db};
use crate::domain::directory::Person;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;
use crate::storage::sql::common::{secs, Filter};
use crate::storage::{InviteError, StoreError};

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

/// Lets the telegram user in: binds them to the invite's person or finds/creates theirs,
/// grants the role and unit, and uses the invite up — all or nothing.
pub(crate) async fn redeem(
    pool: &Pool<Db>,
    token: &str,
    telegram_id: i64,
    display_name: &str,
    now: DateTime<Utc>,
) -> Result<Person, InviteError> {
    let mut tx = begin_write(pool).await?;
    let row: Option<InviteRow> = sqlx::query_as(
        "SELECT id, role, unit_id, person_id, expires_at, used_at FROM invites WHERE token = $1",
    )
    .bind(token)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, role, unit, person, expires_at, used_at) = row.ok_or(InviteError::Unknown)?;
    if used_at.is_some() {
        return Err(InviteError::Used);
    }
    if expires_at <= secs(now) {
        return Err(InviteError::Expired);
    }
    // Taken first: of two concurrent redemptions the second finds it used.
    let taken = sqlx::query("UPDATE invites SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
        .bind(id)
        .bind(secs(now))
        .execute(&mut *tx)
        .await?;
    if taken.rows_affected() == 0 {
        return Err(InviteError::Used);
    }
    let person = match person {
        Some(p) => bind_person(&mut tx, p, telegram_id).await?,
        None => person_for(&mut tx, telegram_id, display_name).await?,
    };
    grant(&mut tx, person, role.as_deref().and_then(Role::parse), unit).await?;
    sqlx::query("UPDATE invites SET used_by = $2 WHERE id = $1")
        .bind(id)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    let result = people_where(&mut tx, Filter::Id(PersonId(person)))
        .await?
        .pop();
    tx.commit().await?;
    result.ok_or(InviteError::Store(StoreError::UnknownPerson(PersonId(
        person,
    ))))
}

/// Moves `telegram_id` to the invited directory person.
async fn bind_person(conn: &mut Conn, person: i64, telegram_id: i64) -> Result<i64, StoreError> {
    sqlx::query("UPDATE people SET telegram_id = NULL WHERE telegram_id = $1 AND id <> $2")
        .bind(telegram_id)
        .bind(person)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("UPDATE people SET telegram_id = $2, active = TRUE WHERE id = $1")
        .bind(person)
        .bind(telegram_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::UnknownPerson(PersonId(person)));
    }
    Ok(person)
}

/// The person with this telegram id (reactivated), or a new one named as in the messenger.
async fn person_for(
    conn: &mut Conn,
    telegram_id: i64,
    display_name: &str,
) -> Result<i64, StoreError> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE telegram_id = $1")
        .bind(telegram_id)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(id) = existing {
        sqlx::query("UPDATE people SET active = TRUE WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(id);
    }
    let name = free_name(conn, display_name, telegram_id).await?;
    Ok(
        sqlx::query_scalar("INSERT INTO people (name, telegram_id) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(telegram_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Names are unique in the directory: a taken one gets the telegram id appended.
async fn free_name(
    conn: &mut Conn,
    display_name: &str,
    telegram_id: i64,
) -> Result<String, StoreError> {
    let base: String = display_name.trim().chars().take(100).collect();
    let base = if base.is_empty() {
        format!("Telegram {telegram_id}")
    } else {
        base
    };
    let candidates = [
        base.clone(),
        format!("{base} ({telegram_id})"),
        format!("{base} ({telegram_id}, {})", rand::random::<u32>()),
    ];
    for name in candidates {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE name = $1")
            .bind(&name)
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            return Ok(name);
        }
    }
    Err(StoreError::Invalid(format!("no free name for {base}")))
}

async fn grant(
    conn: &mut Conn,
    person: i64,
    role: Option<Role>,
    unit: Option<i64>,
) -> Result<(), StoreError> {
    if let Some(role) = role {
        sqlx::query(
            "INSERT INTO person_roles (person_id, role) VALUES ($1, $2) \
             ON CONFLICT (person_id, role) DO NOTHING",
        )
        .bind(person)
        .bind(role.as_str())
        .execute(&mut *conn)
        .await?;
    }
    if let Some(unit) = unit {
        sqlx::query("UPDATE people SET unit_id = $2 WHERE id = $1")
            .bind(person)
            .bind(unit)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
