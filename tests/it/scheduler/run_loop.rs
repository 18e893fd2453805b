//! The loops themselves: woken by the front end and by clock jumps, stopped by shutdown.

use std::time::Duration;

use otklik::domain::deadline::DeadlineKind;
use otklik::domain::notice::NoticeKind;
use otklik::scheduler::testing::RecordingCourier;
use otklik::scheduler::Shutdown;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(run_loop_delivers_commands_and_reminders_then_stops,);

/// Waits (bounded) until the courier has sent `n` notices matching `pick`.
async fn sent_eventually(courier: &RecordingCourier, n: usize, pick: impl Fn(&NoticeKind) -> bool) {
    let found = || {
        courier
            .sent()
            .iter()
            .filter(|a| a.notice.as_ref().is_some_and(&pick))
            .count()
    };
    for _ in 0..600 {
        if found() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "expected {n} notices, saw {}: {:?}",
        found(),
        courier.attempts()
    );
}

async fn run_loop_delivers_commands_and_reminders_then_stops(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let sched = fx.replica();
    let waker = sched.waker();
    let shutdown = Shutdown::new();
    let task = tokio::spawn(sched.run(shutdown.clone()));

    fx.register("https://vk.com/wall-7_1", msk(2026, 3, 2, 9, 0))
        .await;
    waker.notify_one();
    sent_eventually(&fx.courier, 2, |n| {
        matches!(n, NoticeKind::Assignment { .. })
    })
    .await;

    // The clock jumps to the reminder's minute: the jump wakes the timer loop.
    fx.clock.set(msk(2026, 3, 2, 14, 0));
    let reminder = NoticeKind::Reminder {
        deadline: DeadlineKind::DraftToCurator,
    };
    sent_eventually(&fx.courier, 2, |n| *n == reminder).await;

    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(30), task)
        .await
        .expect("the scheduler stops on shutdown")
        .expect("the scheduler task does not panic");
}
