//! Directory changes made by admins from the chat (and by invites).

use std::collections::BTreeSet;

use sqlx::Pool;

use super::base::begin_write;
use super::{Conn, Db};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;
use crate::storage::sql::common::catalog_table;
use crate::storage::{Catalog, StoreError};

/// Fails with `UnknownPerson` unless a statement touched the person's row.
fn touched_person(rows: u64, id: PersonId) -> Result<(), StoreError> {
    if rows == 0 {
        Err(StoreError::UnknownPerson(id))
    } else {
        Ok(())
    }
}

/// Replaces a person's roles; true if they changed.
pub(crate) async fn replace_roles(
    conn: &mut Conn,
    id: PersonId,
    roles: &BTreeSet<Role>,
) -> Result<bool, StoreError> {
    let current: Vec<String> =
        sqlx::query_scalar("SELECT role FROM person_roles WHERE person_id = $1")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    let current: BTreeSet<&str> = current.iter().map(String::as_str).collect();
    let wanted: BTreeSet<&str> = roles.iter().map(|r| r.as_str()).collect();
    if current == wanted {
        return Ok(false);
    }
    sqlx::query("DELETE FROM person_roles WHERE person_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for role in wanted {
        sqlx::query("INSERT INTO person_roles (person_id, role) VALUES ($1, $2)")
            .bind(id.0)
            .bind(role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

pub(crate) async fn set_roles(
    pool: &Pool<Db>,
    id: PersonId,
    roles: &BTreeSet<Role>,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
    touched_person(u64::from(exists.is_some()), id)?;
    replace_roles(&mut tx, id, roles).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_unit(
    pool: &Pool<Db>,
    id: PersonId,
    unit: Option<UnitId>,
) -> Result<(), StoreError> {
    if let Some(u) = unit {
        require_unit(pool, u).await?;
    }
    let done = sqlx::query("UPDATE people SET unit_id = $2 WHERE id = $1")
        .bind(id.0)
        .bind(unit.map(|u| u.0))
        .execute(pool)
        .await?;
    touched_person(done.rows_affected(), id)
}

async fn require_unit(pool: &Pool<Db>, unit: UnitId) -> Result<(), StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM units WHERE id = $1 AND active = TRUE")
            .bind(unit.0)
            .fetch_optional(pool)
            .await?;
    found.map(|_| ()).ok_or(StoreError::UnknownUnit(unit))
}

pub(crate) async fn set_deputy(
    pool: &Pool<Db>,
    unit: UnitId,
    deputy: Option<PersonId>,
) -> Result<(), StoreError> {
    if let Some(p) = deputy {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
            .bind(p.0)
            .fetch_optional(pool)
            .await?;
        found.ok_or(StoreError::UnknownPerson(p))?;
    }
    let done = sqlx::query("UPDATE units SET deputy_id = $2 WHERE id = $1")
        .bind(unit.0)
        .bind(deputy.map(|p| p.0))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::UnknownUnit(unit));
    }
    Ok(())
}

/// Adds a unit, or reactivates the one of that name; returns its id.
pub(crate) async fn add_unit(
    pool: &Pool<Db>,
    name: &str,
    deputy: Option<PersonId>,
) -> Result<UnitId, StoreError> {
    let name = non_empty(name)?;
    let mut tx = begin_write(pool).await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE units SET active = TRUE, deputy_id = COALESCE($2, deputy_id) WHERE id = $1",
            )
            .bind(id)
            .bind(deputy.map(|p| p.0))
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar("INSERT INTO units (name, deputy_id) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(deputy.map(|p| p.0))
                .fetch_one(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    Ok(UnitId(id))
}

/// Adds an entry at the end of a list, or reactivates it; false if it was already active.
pub(crate) async fn add_catalog(
    pool: &Pool<Db>,
    c: Catalog,
    name: &str,
) -> Result<bool, StoreError> {
    let name = non_empty(name)?;
    let table = catalog_table(c);
    let mut tx = begin_write(pool).await?;
    let existing: Option<(i64, bool)> =
        sqlx::query_as(&format!("SELECT id, active FROM {table} WHERE name = $1"))
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
    let added = match existing {
        Some((_, true)) => false,
        Some((id, false)) => {
            sqlx::query(&format!("UPDATE {table} SET active = TRUE WHERE id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            true
        }
        None => {
            let sql = format!(
                "INSERT INTO {table} (name, position) \
                 SELECT $1, COALESCE(MAX(position), -1) + 1 FROM {table}"
            );
            sqlx::query(&sql).bind(name).execute(&mut *tx).await?;
            true
        }
    };
    tx.commit().await?;
    Ok(added)
}

/// Deactivates an entry of a list (kept for the cases that name it); false if not active.
pub(crate) async fn remove_catalog(
    pool: &Pool<Db>,
    c: Catalog,
    name: &str,
) -> Result<bool, StoreError> {
    let table = catalog_table(c);
    let sql = format!("UPDATE {table} SET active = FALSE WHERE name = $1 AND active = TRUE");
    let done = sqlx::query(&sql).bind(name).execute(pool).await?;
    Ok(done.rows_affected() > 0)
}

/// Deactivates a person; their history stays.
pub(crate) async fn deactivate_person(pool: &Pool<Db>, id: PersonId) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE people SET active = FALSE WHERE id = $1")
        .bind(id.0)
        .execute(pool)
        .await?;
    touched_person(done.rows_affected(), id)
}

pub(crate) async fn set_telegram_id(
    pool: &Pool<Db>,
    id: PersonId,
    telegram_id: Option<i64>,
) -> Result<(), StoreError> {
    let result = sqlx::query("UPDATE people SET telegram_id = $2 WHERE id = $1")
        .bind(id.0)
        .bind(telegram_id)
        .execute(pool)
        .await
        .map_err(StoreError::from);
    match result {
        Ok(done) => touched_person(done.rows_affected(), id),
        Err(e) if e.is_unique_violation() => Err(StoreError::Invalid(format!(
            "telegram id {} already belongs to another person",
            telegram_id.unwrap_or_default()
        ))),
        Err(e) => Err(e),
    }
}

pub(crate) async fn set_unreachable(
    pool: &Pool<Db>,
    id: PersonId,
    unreachable: bool,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE people SET unreachable = $2 WHERE id = $1")
        .bind(id.0)
        .bind(unreachable)
        .execute(pool)
        .await?;
    touched_person(done.rows_affected(), id)
}

pub(crate) async fn set_language(
    pool: &Pool<Db>,
    id: PersonId,
    language: Option<&str>,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE people SET language = $2 WHERE id = $1")
        .bind(id.0)
        .bind(language)
        .execute(pool)
        .await?;
    touched_person(done.rows_affected(), id)
}

fn non_empty(name: &str) -> Result<&str, StoreError> {
    let t = name.trim();
    if t.is_empty() {
        Err(StoreError::Invalid("an empty name".to_owned()))
    } else {
        Ok(t)
    }
}
