//! The outbox: claiming in order per chat under a lease, retries, dead rows, idempotent
//! extras, and concurrent workers that never share a row.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Duration as Span;
use otklik::domain::notice::{Audience, RoleCode};
use otklik::domain::PersonId;
use otklik::storage::Store;
use serde_json::json;

use super::fixture::{config, monday_9, Fx, CONFIG};
use crate::helpers::db::TestDb;

contract!(
    claims_follow_chat_order_leases_and_retries,
    extras_are_idempotent_per_key_and_person,
    concurrent_workers_never_claim_the_same_row,
);

const LEASE: Duration = Duration::from_secs(60);

async fn claims_follow_chat_order_leases_and_retries(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let t = monday_9();
    let curators = Audience::Role {
        role: RoleCode::Curator,
    };
    let exec = Audience::Person { id: fx.exec1 };
    assert_eq!(
        s.enqueue_extra(curators, None, &json!({"n": 1}), "k1", t)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        s.enqueue_extra(curators, None, &json!({"n": 2}), "k2", t)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        s.enqueue_extra(exec, None, &json!({"n": 3}), "k3", t)
            .await
            .unwrap(),
        1
    );

    let first = s.claim_outbox(t, 10, "w1", LEASE).await.unwrap();
    let heads: Vec<(i64, serde_json::Value, u32)> = first
        .iter()
        .map(|i| (i.chat_id, i.payload.clone(), i.attempts))
        .collect();
    assert_eq!(
        heads,
        [(1001, json!({"n": 1}), 1), (1002, json!({"n": 3}), 1)]
    );
    assert_eq!(first[0].person, fx.curator);
    assert!(
        s.claim_outbox(t, 10, "w2", LEASE).await.unwrap().is_empty(),
        "leased"
    );
    assert_eq!(
        s.next_outbox_at().await.unwrap(),
        Some(t + Span::seconds(60))
    );

    s.mark_sent(first[0].id, t).await.unwrap();
    s.mark_retry(first[1].id, t + Span::seconds(120), "429 Too Many Requests")
        .await
        .unwrap();
    let second = s
        .claim_outbox(t + Span::seconds(1), 10, "w2", LEASE)
        .await
        .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].payload, json!({"n": 2}));
    // w2 never reports back: after the lease the row is handed out again.
    let again = s
        .claim_outbox(t + Span::seconds(61), 10, "w3", LEASE)
        .await
        .unwrap();
    assert_eq!(
        (again.len(), again[0].id, again[0].attempts),
        (1, second[0].id, 2)
    );
    s.mark_dead(again[0].id, "403 Forbidden: bot was blocked by the user")
        .await
        .unwrap();
    assert_eq!(
        s.next_outbox_at().await.unwrap(),
        Some(t + Span::seconds(120))
    );
    assert!(s
        .claim_outbox(t + Span::seconds(119), 10, "w3", LEASE)
        .await
        .unwrap()
        .is_empty());
    let retried = s
        .claim_outbox(t + Span::seconds(120), 10, "w3", LEASE)
        .await
        .unwrap();
    assert_eq!((retried.len(), retried[0].attempts), (1, 2));
    s.mark_sent(retried[0].id, t + Span::seconds(121))
        .await
        .unwrap();
    assert_eq!(s.next_outbox_at().await.unwrap(), None);
}

async fn extras_are_idempotent_per_key_and_person(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let t = monday_9();
    let v = fx.register("https://vk.com/wall-3_1", t).await;
    let unit = Audience::UnitExecutors { unit: fx.unit2 };
    let payload = json!({"notice": "unreachable", "person": fx.exec1.0});
    // "Новичок" has no telegram id yet: nobody to send to.
    assert_eq!(
        s.enqueue_extra(unit, Some(v.case.id), &payload, "x", t)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        s.enqueue_extra(unit, Some(v.case.id), &payload, "x", t)
            .await
            .unwrap(),
        0
    );
    let rows = s.outbox_for_case(v.case.id).await.unwrap();
    let last = rows.last().expect("queued");
    assert_eq!(
        (last.key.as_str(), last.person),
        (format!("x:{}", fx.exec2).as_str(), fx.exec2)
    );
    assert_eq!(last.notice(), None, "not a workflow notice");
    assert!(rows[0].notice().is_some());
    let nobody = Audience::Person { id: PersonId(9999) };
    assert_eq!(
        s.enqueue_extra(nobody, None, &payload, "y", t)
            .await
            .unwrap(),
        0
    );
}

/// Forty extra chats, five messages each, drained by two workers at once.
async fn concurrent_workers_never_claim_the_same_row(db: &TestDb) {
    let mut text = CONFIG.to_owned();
    for i in 0..40 {
        text.push_str(&format!(
            "\n[[people]]\nname = \"Координатор {i}\"\ntelegram_id = {}\nroles = [\"coordinator\"]\n",
            3000 + i
        ));
    }
    let s = db.store.clone();
    otklik::service::directory::apply(&s, &config(&text))
        .await
        .unwrap();
    let t = monday_9();
    let all = Audience::Role {
        role: RoleCode::Coordinator,
    };
    for k in 0..5 {
        let added = s
            .enqueue_extra(all, None, &json!({ "k": k }), &format!("bulk:{k}"), t)
            .await
            .unwrap();
        assert_eq!(added, 40);
    }
    let log = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = ["w1", "w2"]
        .into_iter()
        .map(|name| tokio::spawn(drain(s.clone(), name, log.clone())))
        .collect();
    for w in workers {
        w.await.expect("the worker finishes");
    }
    let log = log.lock().unwrap().clone();
    let unique: HashSet<i64> = log.iter().map(|(_, id, _)| *id).collect();
    assert_eq!(
        (log.len(), unique.len()),
        (200, 200),
        "every row exactly once"
    );
    let mut last: HashMap<i64, i64> = HashMap::new();
    for (chat, id, _) in &log {
        let prev = last.insert(*chat, *id);
        assert!(prev.is_none_or(|p| p < *id), "chat {chat} out of order");
    }
}

/// Claimed rows in claim order: (chat, row id, worker).
type Log = Arc<Mutex<Vec<(i64, i64, &'static str)>>>;

async fn drain(store: Store, worker: &'static str, log: Log) {
    let t = monday_9();
    for _ in 0..10_000 {
        let items = store
            .claim_outbox(t, 7, worker, LEASE)
            .await
            .expect("claims");
        if items.is_empty() {
            if store.next_outbox_at().await.expect("reads").is_none() {
                return;
            }
            tokio::task::yield_now().await;
            continue;
        }
        for item in items {
            log.lock().unwrap().push((item.chat_id, item.id, worker));
            store.mark_sent(item.id, t).await.expect("marks");
        }
    }
    panic!("{worker} did not drain the outbox");
}
