//! A closed case is never reminded of nor escalated.

use otklik::domain::case::Command;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    p10_answered_case_gets_no_reminder_nor_breach,
    p17_rejected_case_gets_no_reminder_nor_breach,
);

async fn p10_answered_case_gets_no_reminder_nor_breach(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-3_1", msk(2026, 3, 2, 9, 0))
        .await;
    fx.answer(case, msk(2026, 3, 2, 11, 0)).await;
    let log = fx
        .walk(case, msk(2026, 3, 2, 11, 0), msk(2026, 3, 2, 17, 0))
        .await;
    assert!(log.is_empty(), "an answered case is quiet: {log:?}");
    fx.quiet_at(case, msk(2026, 3, 3, 9, 0)).await;
    assert_eq!(fx.store.next_timer_at().await.unwrap(), None);
}

async fn p17_rejected_case_gets_no_reminder_nor_breach(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-3_2", msk(2026, 3, 2, 9, 0))
        .await;
    let reject = Command::Reject {
        reason: "п.17".into(),
    };
    fx.run(case, fx.curator, reject, msk(2026, 3, 2, 9, 30))
        .await;
    let log = fx
        .walk(case, msk(2026, 3, 2, 13, 50), msk(2026, 3, 2, 15, 10))
        .await;
    assert!(log.is_empty(), "a rejected case is quiet: {log:?}");
    fx.quiet_at(case, msk(2026, 3, 3, 9, 30)).await;
    assert_eq!(fx.store.next_timer_at().await.unwrap(), None);
}
