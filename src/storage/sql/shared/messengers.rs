//! People's messenger accounts and routing preferences.

use sqlx::Pool;

use super::base::begin_write;
use super::Db;
use crate::domain::ids::PersonId;
use crate::domain::messenger::{Accounts, Messenger};
use crate::storage::StoreError;

pub(crate) async fn person_by_max(
    pool: &Pool<Db>,
    max_id: i64,
) -> Result<Option<PersonId>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE max_id = $1")
        .bind(max_id)
        .fetch_optional(pool)
        .await?;
    Ok(id.map(PersonId))
}

pub(crate) async fn set_max_id(
    pool: &Pool<Db>,
    person: PersonId,
    max_id: Option<i64>,
) -> Result<(), StoreError> {
    let mut tx = begin_write(pool).await?;
    if let Some(m) = max_id {
        sqlx::query("UPDATE people SET max_id = NULL WHERE max_id = $1 AND id <> $2")
            .bind(m)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
    }
    let done = sqlx::query("UPDATE people SET max_id = $2 WHERE id = $1")
        .bind(person.0)
        .bind(max_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::UnknownPerson(person));
    }
    tx.commit().await?;
    Ok(())
}

type Row = (Option<i64>, Option<i64>, Option<String>, Option<String>);

pub(crate) async fn accounts(
    pool: &Pool<Db>,
    person: PersonId,
) -> Result<Option<Accounts>, StoreError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT telegram_id, max_id, messenger, last_messenger FROM people WHERE id = $1",
    )
    .bind(person.0)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(telegram, max, chosen, last)| Accounts {
        telegram,
        max,
        chosen: chosen.as_deref().and_then(Messenger::parse),
        last_used: last.as_deref().and_then(Messenger::parse),
    }))
}

pub(crate) async fn note_messenger(
    pool: &Pool<Db>,
    person: PersonId,
    m: Messenger,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE people SET last_messenger = $2 \
         WHERE id = $1 AND (last_messenger IS NULL OR last_messenger <> $2)",
    )
    .bind(person.0)
    .bind(m.as_str())
    .execute(pool)
    .await?;
    Ok(())
}

pub(crate) async fn choose_messenger(
    pool: &Pool<Db>,
    person: PersonId,
    m: Option<Messenger>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE people SET messenger = $2 WHERE id = $1")
        .bind(person.0)
        .bind(m.map(Messenger::as_str))
        .execute(pool)
        .await?;
    Ok(())
}
