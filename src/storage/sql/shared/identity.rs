//! Who sent an update, in one statement: the person by a messenger account, with their
//! roles, the units they supervise, their settings and the directory's generation (issue
//! 15: identifying a sender took five statements per press, and checking the names cache
//! one more).

use std::collections::BTreeSet;

use super::Conn;
use crate::domain::directory::{Actor, Person};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::messenger::Messenger;
use crate::domain::Role;
use crate::storage::{Identity, StoreError};

/// One row per (role, supervised unit) pair of the person; the person's columns repeat.
type Row = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

/// The active person holding this account (`column` is `telegram_id` or `max_id`); `None`
/// for an unknown or deactivated one.
pub(crate) async fn by_account(
    conn: &mut Conn,
    column: &'static str,
    account: i64,
) -> Result<Option<Identity>, StoreError> {
    by_column(conn, column, account).await
}

/// The active person with this id as the workflow sees them (inside a command's
/// transaction), in the same one statement.
pub(crate) async fn actor_in(conn: &mut Conn, id: PersonId) -> Result<Option<Actor>, StoreError> {
    Ok(by_column(conn, "id", id.0).await?.map(|found| found.actor))
}

async fn by_column(
    conn: &mut Conn,
    column: &'static str,
    value: i64,
) -> Result<Option<Identity>, StoreError> {
    let sql = format!(
        "SELECT p.id, p.name, p.telegram_id, p.unit_id, p.active, p.language, \
         p.last_messenger, r.role, u.id, \
         (SELECT value FROM directory_generation WHERE id = 1) FROM people p \
         LEFT JOIN person_roles r ON r.person_id = p.id \
         LEFT JOIN units u ON u.deputy_id = p.id AND u.active = TRUE \
         WHERE p.{column} = $1"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(value)
        .fetch_all(&mut *conn)
        .await?;
    Ok(identity(rows))
}

fn identity(rows: Vec<Row>) -> Option<Identity> {
    let first = rows.first()?.clone();
    let (id, name, telegram_id, unit, active, language, last, _, _, generation) = first;
    if !active {
        return None;
    }
    let mut roles = BTreeSet::new();
    let mut supervises = BTreeSet::new();
    for (.., role, supervised, _) in rows {
        // A role this version does not know (written by a newer one) is ignored, not fatal.
        roles.extend(role.as_deref().and_then(Role::parse));
        supervises.extend(supervised.map(UnitId));
    }
    let person = Person {
        id: PersonId(id),
        name,
        telegram_id,
        roles: roles.clone(),
        unit: unit.map(UnitId),
        active,
    };
    let actor = Actor {
        id: PersonId(id),
        roles,
        unit: unit.map(UnitId),
        supervises,
    };
    Some(Identity {
        person,
        actor,
        language,
        last_messenger: last.as_deref().and_then(Messenger::parse),
        directory_generation: generation,
    })
}
