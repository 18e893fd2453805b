//! Delivery outcomes (429, 5xx, 403, 400), per-chat order and per-chat pacing.

use std::time::Duration;

use chrono::{DateTime, Utc};
use otklik::domain::notice::{Audience, NoticeKind};
use otklik::domain::{CaseId, PersonId};
use otklik::scheduler::{Backoff, Delivery, SchedulerSettings};
use otklik::storage::OutboxStatus;
use serde_json::json;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    retry_after_is_honoured_to_the_second,
    flood_control_on_two_chats_pauses_every_send,
    transient_failure_backs_off_then_succeeds,
    transient_failures_give_up_after_max_attempts,
    unreachable_person_is_marked_and_announced_to_curators_once,
    permanent_refusal_is_given_up_and_the_chat_moves_on,
    per_chat_order_is_kept_through_failures,
    one_chat_gets_at_most_one_message_per_second,
);

const T0: fn() -> DateTime<Utc> = || msk(2026, 3, 2, 10, 0);

/// A case whose assignment notices are already delivered, and a clean courier record.
async fn setup(db: &TestDb) -> (Fx, CaseId) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-5_1", msk(2026, 3, 2, 9, 0))
        .await;
    assert_eq!(fx.deliver().await, 2);
    fx.clock.set(T0());
    fx.courier.clear();
    (fx, case)
}

/// Queues a test row for `person` marked `tag`.
async fn queue(fx: &Fx, case: CaseId, person: PersonId, tag: &str) {
    let added = fx
        .store
        .enqueue_extra(
            Audience::Person { id: person },
            Some(case),
            &json!({ "test": tag }),
            tag,
            fx.clock_now(),
        )
        .await
        .unwrap();
    assert_eq!(added, 1);
}

trait Now {
    fn clock_now(&self) -> DateTime<Utc>;
}

impl Now for Fx {
    fn clock_now(&self) -> DateTime<Utc> {
        otklik::clock::Clock::now(&self.clock)
    }
}

fn tags(attempts: &[otklik::scheduler::testing::Attempt]) -> Vec<String> {
    attempts
        .iter()
        .filter_map(|a| {
            a.payload
                .get("test")
                .and_then(|t| t.as_str())
                .map(str::to_owned)
        })
        .collect()
}

async fn status_of(fx: &Fx, case: CaseId, tag: &str) -> OutboxStatus {
    let rows = fx.store.outbox_for_case(case).await.unwrap();
    rows.into_iter()
        .find(|r| r.payload.get("test").and_then(|t| t.as_str()) == Some(tag))
        .map(|r| r.status)
        .expect("the row exists")
}

async fn deliver_at(fx: &Fx, at: DateTime<Utc>) -> usize {
    fx.clock.set(at);
    fx.deliver().await
}

fn secs(n: i64) -> chrono::Duration {
    chrono::Duration::seconds(n)
}

async fn retry_after_is_honoured_to_the_second(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.exec1, "a2").await;
    queue(&fx, case, fx.curator, "c1").await;
    fx.courier
        .script(EXEC1, [Delivery::RetryAfter(Duration::from_secs(30))]);

    assert_eq!(
        deliver_at(&fx, T0()).await,
        1,
        "the other chat is not held up"
    );
    assert_eq!(deliver_at(&fx, T0() + secs(1)).await, 0);
    assert_eq!(
        deliver_at(&fx, T0() + secs(29)).await,
        0,
        "not a second early"
    );
    assert_eq!(deliver_at(&fx, T0() + secs(30)).await, 1);
    assert_eq!(deliver_at(&fx, T0() + secs(31)).await, 1);
    assert_eq!(tags(&fx.courier.sent()), ["c1", "a1", "a2"]);
}

async fn flood_control_on_two_chats_pauses_every_send(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.curator, "c1").await;
    fx.courier
        .script(EXEC1, [Delivery::RetryAfter(Duration::from_secs(10))]);
    fx.courier
        .script(CURATOR, [Delivery::RetryAfter(Duration::from_secs(20))]);
    assert_eq!(deliver_at(&fx, T0()).await, 0);
    // Two chats held at once means the bot's own limit: nobody gets anything meanwhile.
    queue(&fx, case, fx.deputy1, "d1").await;
    assert_eq!(deliver_at(&fx, T0() + secs(12)).await, 0);
    assert_eq!(deliver_at(&fx, T0() + secs(20)).await, 3);
    let mut sent = tags(&fx.courier.sent());
    sent.sort();
    assert_eq!(sent, ["a1", "c1", "d1"]);
}

async fn transient_failure_backs_off_then_succeeds(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    fx.courier
        .script(EXEC1, [Delivery::Transient("502 Bad Gateway".into())]);
    assert_eq!(deliver_at(&fx, T0()).await, 0);
    assert_eq!(status_of(&fx, case, "a1").await, OutboxStatus::Pending);
    assert_eq!(deliver_at(&fx, T0()).await, 0, "not retried at once");
    // The first retry waits 1–2 s (2 s with jitter down to half).
    assert_eq!(deliver_at(&fx, T0() + secs(2)).await, 1);
    assert_eq!(status_of(&fx, case, "a1").await, OutboxStatus::Sent);
    assert_eq!(fx.courier.attempts().len(), 2);
}

async fn transient_failures_give_up_after_max_attempts(db: &TestDb) {
    let (fx, case) = setup(db).await;
    let sched = fx.replica_with(SchedulerSettings {
        backoff: Backoff {
            max_attempts: 2,
            ..Backoff::default()
        },
        ..test_settings()
    });
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.exec1, "a2").await;
    let err = || Delivery::Transient("timeout".into());
    fx.courier.script(EXEC1, [err(), err()]);
    fx.clock.set(T0());
    assert_eq!(sched.deliver_once().await.unwrap(), 0);
    fx.clock.set(T0() + secs(2));
    assert_eq!(sched.deliver_once().await.unwrap(), 0);
    assert_eq!(status_of(&fx, case, "a1").await, OutboxStatus::Dead);
    fx.clock.set(T0() + secs(4));
    assert_eq!(
        sched.deliver_once().await.unwrap(),
        1,
        "the chat's next message goes"
    );
    assert_eq!(tags(&fx.courier.sent()), ["a2"]);
}

async fn unreachable_person_is_marked_and_announced_to_curators_once(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.exec1, "a2").await;
    fx.courier
        .script(EXEC1, [Delivery::Unreachable, Delivery::Unreachable]);
    assert_eq!(deliver_at(&fx, T0()).await, 0);
    let settings = fx.store.person_settings(fx.exec1).await.unwrap().unwrap();
    assert!(settings.unreachable);
    assert_eq!(status_of(&fx, case, "a1").await, OutboxStatus::Dead);
    for i in 1..4 {
        deliver_at(&fx, T0() + secs(2 * i)).await;
    }
    assert_eq!(status_of(&fx, case, "a2").await, OutboxStatus::Dead);
    let told: Vec<_> = fx
        .courier
        .sent()
        .into_iter()
        .filter(|a| a.notice == Some(NoticeKind::PersonUnreachable { person: fx.exec1 }))
        .map(|a| a.chat_id)
        .collect();
    assert_eq!(told, [CURATOR], "the curator is told once");
}

async fn permanent_refusal_is_given_up_and_the_chat_moves_on(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.exec1, "a2").await;
    fx.courier
        .script(EXEC1, [Delivery::Permanent("400 Bad Request".into())]);
    assert_eq!(deliver_at(&fx, T0()).await, 0);
    assert_eq!(status_of(&fx, case, "a1").await, OutboxStatus::Dead);
    assert_eq!(deliver_at(&fx, T0() + secs(1)).await, 1);
    assert_eq!(tags(&fx.courier.sent()), ["a2"]);
}

async fn per_chat_order_is_kept_through_failures(db: &TestDb) {
    let (fx, case) = setup(db).await;
    for i in 1..=5 {
        queue(&fx, case, fx.exec1, &format!("a{i}")).await;
    }
    let fail = || Delivery::Transient("503".into());
    fx.courier
        .script(EXEC1, [Delivery::Sent, fail(), fail(), Delivery::Sent]);
    let mut t = T0();
    for _ in 0..20 {
        deliver_at(&fx, t).await;
        t += secs(5);
    }
    assert_eq!(tags(&fx.courier.sent()), ["a1", "a2", "a3", "a4", "a5"]);
    let attempted = tags(&fx.courier.attempts());
    assert_eq!(
        attempted,
        ["a1", "a2", "a2", "a2", "a3", "a4", "a5"],
        "no row overtakes a failed one"
    );
}

async fn one_chat_gets_at_most_one_message_per_second(db: &TestDb) {
    let (fx, case) = setup(db).await;
    queue(&fx, case, fx.exec1, "a1").await;
    queue(&fx, case, fx.exec1, "a2").await;
    queue(&fx, case, fx.curator, "c1").await;
    assert_eq!(
        deliver_at(&fx, T0()).await,
        2,
        "different chats go together"
    );
    assert_eq!(deliver_at(&fx, T0()).await, 0, "the same chat waits");
    assert_eq!(deliver_at(&fx, T0() + secs(1)).await, 1);
    assert_eq!(tags(&fx.courier.sent()), ["a1", "c1", "a2"]);
}
