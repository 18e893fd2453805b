//! The rows the directory's reconciliation reads and the plain writes it plans
//! ([`crate::domain::directory::reconcile`]); what to write is decided there, not here.

use std::collections::{BTreeMap, BTreeSet};

use super::dir_write::replace_roles;
use super::Conn;
use crate::domain::directory::reconcile::{EntryOp, PersonOp, StoredEntry, StoredPerson};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;
use crate::storage::StoreError;

type R<T> = Result<T, StoreError>;

/// Every row of a name-keyed table; `ordered` tables have a `position` column.
pub(crate) async fn entries(conn: &mut Conn, table: &str, ordered: bool) -> R<Vec<StoredEntry>> {
    let position = if ordered { "position" } else { "NULL" };
    let sql = format!("SELECT id, name, {position}, active, managed FROM {table} ORDER BY id");
    let rows: Vec<(i64, String, Option<i64>, bool, bool)> =
        sqlx::query_as(&sql).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, position, active, managed)| StoredEntry {
            id,
            name,
            position,
            active,
            managed,
        })
        .collect())
}

pub(crate) async fn apply_entries(conn: &mut Conn, table: &str, ops: &[EntryOp]) -> R<()> {
    for op in ops {
        match op {
            EntryOp::Insert { name, position } => {
                let sql = match position {
                    Some(_) => format!(
                        "INSERT INTO {table} (name, position, active, managed) \
                         VALUES ($1, $2, TRUE, TRUE)"
                    ),
                    None => format!(
                        "INSERT INTO {table} (name, active, managed) VALUES ($1, TRUE, TRUE)"
                    ),
                };
                let q = sqlx::query(&sql).bind(name);
                let q = match position {
                    Some(p) => q.bind(*p),
                    None => q,
                };
                q.execute(&mut *conn).await?;
            }
            EntryOp::Refresh { id, position, .. } => {
                let sql = match position {
                    Some(_) => format!(
                        "UPDATE {table} SET position = $2, active = TRUE, managed = TRUE \
                         WHERE id = $1"
                    ),
                    None => {
                        format!("UPDATE {table} SET active = TRUE, managed = TRUE WHERE id = $1")
                    }
                };
                let q = sqlx::query(&sql).bind(id);
                let q = match position {
                    Some(p) => q.bind(*p),
                    None => q,
                };
                q.execute(&mut *conn).await?;
            }
            EntryOp::Deactivate { id, .. } => {
                sqlx::query(&format!("UPDATE {table} SET active = FALSE WHERE id = $1"))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    Ok(())
}

type PersonRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    bool,
    bool,
);

/// Everyone, with their roles.
pub(crate) async fn people(conn: &mut Conn) -> R<Vec<StoredPerson>> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT id, name, telegram_id, max_id, unit_id, active, managed FROM people ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let grants: Vec<(i64, String)> = sqlx::query_as("SELECT person_id, role FROM person_roles")
        .fetch_all(&mut *conn)
        .await?;
    let mut roles: BTreeMap<i64, BTreeSet<Role>> = BTreeMap::new();
    for (person, role) in grants {
        if let Some(role) = Role::parse(&role) {
            roles.entry(person).or_default().insert(role);
        }
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, name, telegram_id, max_id, unit, active, managed)| StoredPerson {
                id: PersonId(id),
                name,
                telegram_id,
                max_id,
                unit: unit.map(UnitId),
                roles: roles.remove(&id).unwrap_or_default(),
                active,
                managed,
            },
        )
        .collect())
}

pub(crate) async fn apply_people(conn: &mut Conn, ops: &[PersonOp]) -> R<()> {
    for op in ops {
        match op {
            PersonOp::ClearTelegram { id, .. } => {
                set_person(conn, "telegram_id = NULL", *id).await?;
            }
            PersonOp::ClearMax { id, .. } => set_person(conn, "max_id = NULL", *id).await?,
            PersonOp::Deactivate { id, .. } => set_person(conn, "active = FALSE", *id).await?,
            PersonOp::Insert(p) => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO people (name, telegram_id, unit_id, active, managed) \
                     VALUES ($1, $2, $3, TRUE, TRUE) RETURNING id",
                )
                .bind(&p.name)
                .bind(p.telegram_id)
                .bind(p.unit.map(|u| u.0))
                .fetch_one(&mut *conn)
                .await?;
                replace_roles(conn, PersonId(id), &p.roles).await?;
            }
            PersonOp::Update {
                id,
                telegram_id,
                unit,
            } => {
                sqlx::query(
                    "UPDATE people SET telegram_id = $2, unit_id = $3, active = TRUE, \
                     managed = TRUE WHERE id = $1",
                )
                .bind(id.0)
                .bind(*telegram_id)
                .bind(unit.map(|u| u.0))
                .execute(&mut *conn)
                .await?;
            }
            PersonOp::SetRoles { id, roles } => {
                replace_roles(conn, *id, roles).await?;
            }
            PersonOp::SetMax { id, name, max_id } => {
                let sql = match id {
                    Some(_) => "UPDATE people SET max_id = $2 WHERE id = $1",
                    None => "UPDATE people SET max_id = $2 WHERE name = $1",
                };
                let q = sqlx::query(sql);
                let q = match id {
                    Some(id) => q.bind(id.0),
                    None => q.bind(name),
                };
                q.bind(*max_id).execute(&mut *conn).await?;
            }
            PersonOp::Changed { .. } => {}
        }
    }
    Ok(())
}

async fn set_person(conn: &mut Conn, assignment: &str, id: PersonId) -> R<()> {
    sqlx::query(&format!("UPDATE people SET {assignment} WHERE id = $1"))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `(id, name, deputy)` of every unit.
pub(crate) async fn unit_deputies(conn: &mut Conn) -> R<Vec<(UnitId, String, Option<PersonId>)>> {
    let rows: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, name, deputy_id FROM units ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, deputy)| (UnitId(id), name, deputy.map(PersonId)))
        .collect())
}

pub(crate) async fn set_deputy(conn: &mut Conn, unit: UnitId, deputy: PersonId) -> R<()> {
    sqlx::query("UPDATE units SET deputy_id = $2 WHERE id = $1")
        .bind(unit.0)
        .bind(deputy.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
