//! Migrations, processed updates, dialogs, meta facts and leases.

use std::time::Duration;

use chrono::Duration as Span;
use serde_json::json;

use super::fixture::monday_9;
use crate::helpers::db::TestDb;

contract!(
    migrations_run_again_without_change,
    processed_updates_are_pruned,
    dialogs_are_stored_per_chat,
    meta_insert_if_absent_wins_once,
    leases_exclude_other_holders,
);

async fn migrations_run_again_without_change(db: &TestDb) {
    db.store.migrate().await.expect("a second run is a no-op");
    assert!(["sqlite", "postgres"].contains(&db.store.backend_name()));
    assert!(db.store.people().await.unwrap().is_empty());
    assert!(db.store.next_outbox_at().await.unwrap().is_none());
}

async fn processed_updates_are_pruned(db: &TestDb) {
    let s = &db.store;
    let t = monday_9();
    assert!(s.mark_update(1, t).await.unwrap());
    assert!(s.mark_update(2, t + Span::days(2)).await.unwrap());
    assert_eq!(s.prune_updates(t + Span::days(1)).await.unwrap(), 1);
    assert!(
        s.mark_update(1, t).await.unwrap(),
        "forgotten, so new again"
    );
    assert!(!s.mark_update(2, t).await.unwrap());
}

async fn dialogs_are_stored_per_chat(db: &TestDb) {
    let s = &db.store;
    let t = monday_9();
    assert_eq!(s.dialog_get(10).await.unwrap(), None);
    s.dialog_put(
        10,
        &json!({"step": "topic", "link": "https://vk.com/wall-1_1"}),
        t,
    )
    .await
    .unwrap();
    s.dialog_put(11, &json!({"step": "units"}), t)
        .await
        .unwrap();
    s.dialog_put(10, &json!({"step": "location"}), t)
        .await
        .unwrap();
    assert_eq!(
        s.dialog_get(10).await.unwrap(),
        Some(json!({"step": "location"}))
    );
    s.dialog_clear(10).await.unwrap();
    assert_eq!(s.dialog_get(10).await.unwrap(), None);
    assert_eq!(
        s.dialog_get(11).await.unwrap(),
        Some(json!({"step": "units"}))
    );
}

async fn meta_insert_if_absent_wins_once(db: &TestDb) {
    let s = &db.store;
    assert_eq!(s.meta_get("report:2026-02").await.unwrap(), None);
    let (a, b) = tokio::join!(
        s.meta_insert_if_absent("report:2026-02", "a"),
        s.meta_insert_if_absent("report:2026-02", "b"),
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|w| **w).count(), 1);
    assert!(!s
        .meta_insert_if_absent("report:2026-02", "c")
        .await
        .unwrap());
    s.meta_put("calendar:warned", "2027").await.unwrap();
    s.meta_put("calendar:warned", "2028").await.unwrap();
    assert_eq!(
        s.meta_get("calendar:warned").await.unwrap().as_deref(),
        Some("2028")
    );
}

async fn leases_exclude_other_holders(db: &TestDb) {
    let s = &db.store;
    let t = monday_9();
    let ttl = Duration::from_secs(60);
    assert!(s.try_lease("poller", "a", t, ttl).await.unwrap());
    assert!(!s
        .try_lease("poller", "b", t + Span::seconds(30), ttl)
        .await
        .unwrap());
    assert!(
        s.try_lease("poller", "a", t + Span::seconds(30), ttl)
            .await
            .unwrap(),
        "renewed"
    );
    assert!(!s
        .try_lease("poller", "b", t + Span::seconds(80), ttl)
        .await
        .unwrap());
    assert!(
        s.try_lease("poller", "b", t + Span::seconds(91), ttl)
            .await
            .unwrap(),
        "expired"
    );
    assert!(!s.release_lease("poller", "a").await.unwrap());
    assert!(s.release_lease("poller", "b").await.unwrap());
    assert!(s
        .try_lease("poller", "a", t + Span::seconds(92), ttl)
        .await
        .unwrap());
}
