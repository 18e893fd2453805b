//! Directory reads: people, units, the classification lists, and the actor of a command.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::Pool;

use super::{Conn, Db};
use crate::domain::directory::{Actor, Person, Unit};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;
use crate::storage::sql::common::{catalog_table, Filter};
use crate::storage::{Catalog, NameRows, PersonSettings, StoreError};

/// Binds a filter's argument to a query built from [`Filter::sql`].
macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {
        match $filter {
            Filter::All => $query,
            Filter::Id(id) => $query.bind(id.0),
            Filter::Telegram(t) => $query.bind(t),
            Filter::ActiveWithRole(r) => $query.bind(r.as_str()),
            Filter::ActiveExecutorsOf(u) | Filter::ActiveDeputyOf(u) => $query.bind(u.0),
        }
    };
}

type PersonRow = (i64, String, Option<i64>, Option<i64>, bool);

/// The people matching `filter`, with their roles. Sorted by name here rather than in SQL,
/// where the order would depend on each database's collation.
pub(crate) async fn people_where(
    conn: &mut Conn,
    filter: Filter,
) -> Result<Vec<Person>, StoreError> {
    let cond = filter.sql();
    let sql = format!(
        "SELECT p.id, p.name, p.telegram_id, p.unit_id, p.active FROM people p \
         WHERE {cond} ORDER BY p.id"
    );
    let rows: Vec<PersonRow> = bind_filter!(sqlx::query_as::<Db, PersonRow>(&sql), filter)
        .fetch_all(&mut *conn)
        .await?;
    let roles_sql = format!(
        "SELECT p.id, r.role FROM people p JOIN person_roles r ON r.person_id = p.id WHERE {cond}"
    );
    let role_rows: Vec<(i64, String)> =
        bind_filter!(sqlx::query_as::<Db, (i64, String)>(&roles_sql), filter)
            .fetch_all(&mut *conn)
            .await?;
    let mut roles: BTreeMap<i64, BTreeSet<Role>> = BTreeMap::new();
    for (id, role) in role_rows {
        // A role this version does not know (written by a newer one) is ignored, not fatal.
        if let Some(role) = Role::parse(&role) {
            roles.entry(id).or_default().insert(role);
        }
    }
    let mut people: Vec<Person> = rows
        .into_iter()
        .map(|(id, name, telegram_id, unit, active)| Person {
            id: PersonId(id),
            name,
            telegram_id,
            roles: roles.remove(&id).unwrap_or_default(),
            unit: unit.map(UnitId),
            active,
        })
        .collect();
    people.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
    Ok(people)
}

pub(crate) async fn people(pool: &Pool<Db>, filter: Filter) -> Result<Vec<Person>, StoreError> {
    let mut conn = pool.acquire().await?;
    people_where(&mut conn, filter).await
}

pub(crate) async fn person(pool: &Pool<Db>, filter: Filter) -> Result<Option<Person>, StoreError> {
    Ok(people(pool, filter).await?.into_iter().next())
}

/// Whether the unit exists and is active.
pub(crate) async fn unit_is_active(conn: &mut Conn, unit: UnitId) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM units WHERE id = $1 AND active = TRUE")
            .bind(unit.0)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.is_some())
}

pub(crate) async fn actor(pool: &Pool<Db>, id: PersonId) -> Result<Option<Actor>, StoreError> {
    let mut conn = pool.acquire().await?;
    super::identity::actor_in(&mut conn, id).await
}

type UnitRow = (i64, String, Option<i64>, bool);

fn unit_of(row: UnitRow) -> Unit {
    let (id, name, deputy, active) = row;
    Unit {
        id: UnitId(id),
        name,
        deputy: deputy.map(PersonId),
        active,
    }
}

/// Every unit (active or not), or only the active ones; by name.
pub(crate) async fn units(pool: &Pool<Db>, only_active: bool) -> Result<Vec<Unit>, StoreError> {
    let sql = if only_active {
        "SELECT id, name, deputy_id, active FROM units WHERE active = TRUE"
    } else {
        "SELECT id, name, deputy_id, active FROM units"
    };
    let rows: Vec<UnitRow> = sqlx::query_as(sql).fetch_all(pool).await?;
    let mut units: Vec<Unit> = rows.into_iter().map(unit_of).collect();
    units.sort_by_cached_key(|u| (u.name.to_lowercase(), u.id));
    Ok(units)
}

pub(crate) async fn unit_by_name(pool: &Pool<Db>, name: &str) -> Result<Option<Unit>, StoreError> {
    let row: Option<UnitRow> =
        sqlx::query_as("SELECT id, name, deputy_id, active FROM units WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(unit_of))
}

pub(crate) async fn unit(pool: &Pool<Db>, id: UnitId) -> Result<Option<Unit>, StoreError> {
    let row: Option<UnitRow> =
        sqlx::query_as("SELECT id, name, deputy_id, active FROM units WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(unit_of))
}

/// The active entries of a classification list, in the configured order.
pub(crate) async fn catalog(pool: &Pool<Db>, c: Catalog) -> Result<Vec<String>, StoreError> {
    let table = catalog_table(c);
    let sql = format!("SELECT name FROM {table} WHERE active = TRUE ORDER BY position, id");
    Ok(sqlx::query_scalar(&sql).fetch_all(pool).await?)
}

pub(crate) async fn settings(
    pool: &Pool<Db>,
    id: PersonId,
) -> Result<Option<PersonSettings>, StoreError> {
    let row: Option<(Option<String>, bool)> =
        sqlx::query_as("SELECT language, unreachable FROM people WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(language, unreachable)| PersonSettings {
        language,
        unreachable,
    }))
}

/// The directory's generation (bumped by triggers on every change of a name), then the
/// names of every unit and person — in that order, so a change landing between the two
/// reads only makes the next reader load again.
pub(crate) async fn names(pool: &Pool<Db>) -> Result<NameRows, StoreError> {
    let mut conn = pool.acquire().await?;
    let generation = generation_in(&mut conn).await?;
    let units: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM units")
        .fetch_all(&mut *conn)
        .await?;
    let people: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM people")
        .fetch_all(&mut *conn)
        .await?;
    Ok(NameRows {
        generation,
        units: units.into_iter().map(|(id, n)| (UnitId(id), n)).collect(),
        people: people
            .into_iter()
            .map(|(id, n)| (PersonId(id), n))
            .collect(),
    })
}

async fn generation_in(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM directory_generation WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub(crate) async fn generation(pool: &Pool<Db>) -> Result<i64, StoreError> {
    let mut conn = pool.acquire().await?;
    generation_in(&mut conn).await
}
