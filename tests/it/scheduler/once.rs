//! Nothing is sent twice for the same deadline: not by a second pass, not by a second
//! replica running at the same moment.

use otklik::domain::deadline::DeadlineKind;
use otklik::domain::notice::NoticeKind;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    p19_second_pass_sends_nothing_again,
    p19_two_replicas_fire_each_timer_once,
);

async fn p19_second_pass_sends_nothing_again(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-4_1", msk(2026, 3, 2, 9, 0))
        .await;
    let first = fx.pass_at(msk(2026, 3, 2, 14, 0)).await;
    assert_eq!(first.reminders, 1);
    let second = fx.pass_at(msk(2026, 3, 2, 14, 1)).await;
    assert_eq!(second.fired, 0);
    let third = fx.replica().pass().await.unwrap();
    assert_eq!(third.fired, 0);
    assert_eq!(
        fx.timer_notices(case).await.len(),
        2,
        "executor and deputy, once each"
    );
}

async fn p19_two_replicas_fire_each_timer_once(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let mut cases = Vec::new();
    for i in 0..10 {
        cases.push(
            fx.register(
                &format!("https://vk.com/wall-4_{}", i + 10),
                msk(2026, 3, 2, 9, 0),
            )
            .await,
        );
    }
    let other = fx.replica();
    fx.clock.set(msk(2026, 3, 2, 14, 0));
    let (a, b) = tokio::join!(fx.sched.pass(), other.pass());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.fired + b.fired,
        10,
        "each case's reminder fired by exactly one replica"
    );
    let reminder = NoticeKind::Reminder {
        deadline: DeadlineKind::DraftToCurator,
    };
    for case in &cases {
        let notices = fx.timer_notices(*case).await;
        assert_eq!(
            notices,
            vec![(EXEC1, reminder.clone()), (DEPUTY1, reminder.clone())]
        );
    }
    // Both replicas deliver; every row reaches its chat once.
    for _ in 0..25 {
        let (x, y) = tokio::join!(fx.sched.deliver_once(), other.deliver_once());
        x.unwrap();
        y.unwrap();
        fx.clock.advance(chrono::Duration::seconds(2));
    }
    let sent = fx.courier.sent();
    let reminders = sent
        .iter()
        .filter(|a| a.notice == Some(reminder.clone()))
        .count();
    assert_eq!(reminders, 20);
    let mut ids: Vec<i64> = sent.iter().map(|a| a.outbox_id).collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "no outbox row was sent twice");
}
