//! Connecting: URL forms, an in-memory database, and SQLite's acceptance of PostgreSQL's
//! `$N` parameters that lets both backends share their SQL.

use chrono::Duration as Span;
use otklik::storage::{Store, StoreError};
use sqlx::Row;

use super::fixture::{monday_9, Fx};
use crate::helpers::db::TestDb;

contract!(old_delivered_rows_are_pruned);

#[tokio::test]
async fn an_in_memory_database_works() {
    let store = Store::connect("sqlite::memory:").await.expect("opens");
    store.migrate().await.expect("migrates");
    assert_eq!(store.backend_name(), "sqlite");
    assert!(store.mark_update(1, monday_9()).await.unwrap());
    assert!(!store.mark_update(1, monday_9()).await.unwrap());
}

#[tokio::test]
async fn an_unknown_url_is_refused_without_its_password() {
    let err = Store::connect("mysql://user:secret@host/db")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedUrl(_)), "{err:?}");
    assert!(!err.to_string().contains("secret"), "{err}");
}

#[tokio::test]
async fn sqlite_binds_numbered_parameters_even_when_repeated() {
    let pool = sqlx::SqlitePool::connect("sqlite::memory:")
        .await
        .expect("opens");
    let row = sqlx::query("SELECT $1 + $1 AS twice, $2 AS text")
        .bind(21_i64)
        .bind("two")
        .fetch_one(&pool)
        .await
        .expect("runs");
    assert_eq!(row.get::<i64, _>("twice"), 42);
    assert_eq!(row.get::<String, _>("text"), "two");
}

async fn old_delivered_rows_are_pruned(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    fx.register("https://vk.com/wall-8_1", t).await;
    let lease = std::time::Duration::from_secs(60);
    let claimed = fx.store.claim_outbox(t, 10, "w", lease).await.unwrap();
    assert_eq!(claimed.len(), 2);
    fx.store.mark_sent(claimed[0].id, t).await.unwrap();
    assert_eq!(
        fx.store.prune_outbox(t).await.unwrap(),
        0,
        "created at t, not before"
    );
    assert_eq!(
        fx.store.prune_outbox(t + Span::days(30)).await.unwrap(),
        1,
        "only the sent one"
    );
    assert!(
        fx.store.next_outbox_at().await.unwrap().is_some(),
        "the pending one stays"
    );
}
