//! Applying the configuration file's directory (SPEC §10): idempotent, and removing an entry
//! from the file deactivates it without losing history. Only rows that came from the file
//! (`managed`) are deactivated, so people who joined by invite stay.

use std::collections::{BTreeSet, HashSet};

use sqlx::Pool;

use super::base::begin_write;
use super::dir_write::replace_roles;
use super::{Conn, Db};
use crate::config::{Config, PersonEntry, UnitEntry};
use crate::domain::ids::PersonId;
use crate::storage::sql::common::catalog_table;
use crate::storage::{Catalog, DirectoryChanges, StoreError};

pub(crate) async fn apply(
    pool: &Pool<Db>,
    config: &Config,
) -> Result<DirectoryChanges, StoreError> {
    let mut tx = begin_write(pool).await?;
    let mut changes = DirectoryChanges::default();
    units(&mut tx, &config.units, &mut changes).await?;
    people(&mut tx, &config.people, &mut changes).await?;
    deputies(&mut tx, &config.units, &mut changes).await?;
    for c in Catalog::ALL {
        let list = match c {
            Catalog::Topics => &config.directory.topics,
            Catalog::Locations => &config.directory.locations,
            Catalog::Importance => &config.directory.importance,
        };
        catalog(&mut tx, c, list, &mut changes).await?;
    }
    tx.commit().await?;
    Ok(changes)
}

async fn units(
    conn: &mut Conn,
    entries: &[UnitEntry],
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    let mut listed = HashSet::new();
    for entry in entries {
        let name = entry.name.as_str();
        if !listed.insert(name) {
            continue;
        }
        let row: Option<(i64, bool, bool)> =
            sqlx::query_as("SELECT id, active, managed FROM units WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?;
        match row {
            None => {
                sqlx::query("INSERT INTO units (name, active, managed) VALUES ($1, TRUE, TRUE)")
                    .bind(name)
                    .execute(&mut *conn)
                    .await?;
                ch.added.push(format!("unit {name}"));
            }
            Some((id, active, managed)) if !active || !managed => {
                sqlx::query("UPDATE units SET active = TRUE, managed = TRUE WHERE id = $1")
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                ch.updated.push(format!("unit {name}"));
            }
            Some(_) => {}
        }
    }
    let current: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM units WHERE managed = TRUE AND active = TRUE")
            .fetch_all(&mut *conn)
            .await?;
    for (id, name) in current
        .into_iter()
        .filter(|(_, n)| !listed.contains(n.as_str()))
    {
        sqlx::query("UPDATE units SET active = FALSE WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        ch.deactivated.push(format!("unit {name}"));
    }
    Ok(())
}

type PersonRow = (i64, Option<i64>, Option<i64>, bool, bool);

async fn people(
    conn: &mut Conn,
    entries: &[PersonEntry],
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    let mut listed = HashSet::new();
    for entry in entries {
        if listed.insert(entry.name.as_str()) {
            person(conn, entry, ch).await?;
        }
    }
    let current: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM people WHERE managed = TRUE AND active = TRUE")
            .fetch_all(&mut *conn)
            .await?;
    for (id, name) in current
        .into_iter()
        .filter(|(_, n)| !listed.contains(n.as_str()))
    {
        sqlx::query("UPDATE people SET active = FALSE WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        ch.deactivated.push(format!("person {name}"));
    }
    Ok(())
}

async fn person(
    conn: &mut Conn,
    entry: &PersonEntry,
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    let name = entry.name.as_str();
    let unit = match &entry.unit {
        Some(unit) => Some(unit_id(conn, unit, name).await?),
        None => None,
    };
    let row: Option<PersonRow> = sqlx::query_as(
        "SELECT id, telegram_id, unit_id, active, managed FROM people WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(t) = entry.telegram_id {
        take_telegram_id(conn, t, row.map(|r| r.0), name, ch).await?;
    }
    let roles: BTreeSet<_> = entry.roles.iter().copied().collect();
    let Some((id, telegram, old_unit, active, managed)) = row else {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO people (name, telegram_id, unit_id, active, managed) \
             VALUES ($1, $2, $3, TRUE, TRUE) RETURNING id",
        )
        .bind(name)
        .bind(entry.telegram_id)
        .bind(unit)
        .fetch_one(&mut *conn)
        .await?;
        replace_roles(conn, PersonId(id), &roles).await?;
        if let Some(m) = entry.max_id {
            take_max_id(conn, m, id, name, ch).await?;
        }
        ch.added.push(format!("person {name}"));
        return Ok(());
    };
    let max_changed = match entry.max_id {
        Some(m) => take_max_id(conn, m, id, name, ch).await?,
        None => false,
    };
    // A telegram id learned from an invite is kept while the file gives none.
    let telegram_wanted = entry.telegram_id.or(telegram);
    let fields_changed = telegram_wanted != telegram || unit != old_unit || !active || !managed;
    if fields_changed {
        sqlx::query(
            "UPDATE people SET telegram_id = $2, unit_id = $3, active = TRUE, managed = TRUE \
             WHERE id = $1",
        )
        .bind(id)
        .bind(telegram_wanted)
        .bind(unit)
        .execute(&mut *conn)
        .await?;
    }
    let roles_changed = replace_roles(conn, PersonId(id), &roles).await?;
    if fields_changed || roles_changed || max_changed {
        ch.updated.push(format!("person {name}"));
    }
    Ok(())
}

/// The file is authoritative for MAX ids too: gives `max_id` to `person`, taking it from
/// whoever held it. True if the person's id changed.
async fn take_max_id(
    conn: &mut Conn,
    max_id: i64,
    person: i64,
    name: &str,
    ch: &mut DirectoryChanges,
) -> Result<bool, StoreError> {
    let current: Option<i64> = sqlx::query_scalar("SELECT max_id FROM people WHERE id = $1")
        .bind(person)
        .fetch_one(&mut *conn)
        .await?;
    if current == Some(max_id) {
        return Ok(false);
    }
    let other: Option<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM people WHERE max_id = $1 AND id <> $2")
            .bind(max_id)
            .bind(person)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((other, other_name)) = other {
        sqlx::query("UPDATE people SET max_id = NULL WHERE id = $1")
            .bind(other)
            .execute(&mut *conn)
            .await?;
        ch.updated
            .push(format!("person {other_name} (MAX id moved to {name})"));
    }
    sqlx::query("UPDATE people SET max_id = $2 WHERE id = $1")
        .bind(person)
        .bind(max_id)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

/// The file is authoritative for telegram ids: another person holding `telegram_id` loses it.
async fn take_telegram_id(
    conn: &mut Conn,
    telegram_id: i64,
    owner: Option<i64>,
    name: &str,
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    let holders: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM people WHERE telegram_id = $1 AND id <> $2")
            .bind(telegram_id)
            .bind(owner.unwrap_or(0))
            .fetch_all(&mut *conn)
            .await?;
    for (id, other) in holders {
        sqlx::query("UPDATE people SET telegram_id = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        ch.updated
            .push(format!("person {other} (telegram id moved to {name})"));
    }
    Ok(())
}

async fn unit_id(conn: &mut Conn, unit: &str, person: &str) -> Result<i64, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE name = $1")
        .bind(unit)
        .fetch_optional(&mut *conn)
        .await?;
    id.ok_or_else(|| StoreError::Invalid(format!("unit {unit:?} of {person} is not in the file")))
}

async fn deputies(
    conn: &mut Conn,
    entries: &[UnitEntry],
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    for entry in entries {
        let (id, current): (i64, Option<i64>) =
            sqlx::query_as("SELECT id, deputy_id FROM units WHERE name = $1")
                .bind(&entry.name)
                .fetch_one(&mut *conn)
                .await?;
        let deputy: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE name = $1")
            .bind(&entry.deputy)
            .fetch_optional(&mut *conn)
            .await?;
        let deputy = deputy.ok_or_else(|| {
            StoreError::Invalid(format!(
                "deputy {:?} of {} is not in the file",
                entry.deputy, entry.name
            ))
        })?;
        if current == Some(deputy) {
            continue;
        }
        sqlx::query("UPDATE units SET deputy_id = $2 WHERE id = $1")
            .bind(id)
            .bind(deputy)
            .execute(&mut *conn)
            .await?;
        let described = format!("unit {}", entry.name);
        if !ch.added.contains(&described) {
            ch.updated
                .push(format!("{described}: deputy {}", entry.deputy));
        }
    }
    Ok(())
}

async fn catalog(
    conn: &mut Conn,
    c: Catalog,
    list: &[String],
    ch: &mut DirectoryChanges,
) -> Result<(), StoreError> {
    let table = catalog_table(c);
    let noun = c.noun();
    let mut listed = HashSet::new();
    for name in list.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !listed.insert(name) {
            continue;
        }
        let position = i64::try_from(listed.len() - 1).unwrap_or(i64::MAX);
        let row: Option<(i64, i64, bool, bool)> = sqlx::query_as(&format!(
            "SELECT id, position, active, managed FROM {table} WHERE name = $1"
        ))
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            None => {
                let sql = format!(
                    "INSERT INTO {table} (name, position, active, managed) VALUES ($1, $2, TRUE, TRUE)"
                );
                sqlx::query(&sql)
                    .bind(name)
                    .bind(position)
                    .execute(&mut *conn)
                    .await?;
                ch.added.push(format!("{noun} {name}"));
            }
            Some((id, pos, active, managed)) if pos != position || !active || !managed => {
                let sql = format!(
                    "UPDATE {table} SET position = $2, active = TRUE, managed = TRUE WHERE id = $1"
                );
                sqlx::query(&sql)
                    .bind(id)
                    .bind(position)
                    .execute(&mut *conn)
                    .await?;
                ch.updated.push(format!("{noun} {name}"));
            }
            Some(_) => {}
        }
    }
    let sql = format!("SELECT id, name FROM {table} WHERE managed = TRUE AND active = TRUE");
    let current: Vec<(i64, String)> = sqlx::query_as(&sql).fetch_all(&mut *conn).await?;
    for (id, name) in current
        .into_iter()
        .filter(|(_, n)| !listed.contains(n.as_str()))
    {
        sqlx::query(&format!("UPDATE {table} SET active = FALSE WHERE id = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        ch.deactivated.push(format!("{noun} {name}"));
    }
    Ok(())
}
