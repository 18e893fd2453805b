//! The long-polling lease (src/bot/lease.rs) around crashes: a restart takes over a dead
//! poller's lease at once, and a refused second poller does no work at all.

use crate::helpers::binary::{refused_as_second_poller, Binary, Mode, START_TIMEOUT};

use super::world::World;

/// After a crash (SIGKILL, OOM kill, power loss) the dead poller's lease would run on for
/// its 60 s TTL; systemd's defaults (StartLimitBurst=5 in 10 s) would give up on a service
/// refused that often. A restart on the same machine sees the holder's process is gone.
#[tokio::test]
async fn a_poller_restarted_right_after_a_crash_is_not_refused() {
    let w = World::sqlite().await;
    let mut first = Binary::start(&w.tg, &w.db_url, &w.config).await;
    first.kill9();
    let restarted = Binary::start_in(&w.tg, &w.db_url, &w.config, Mode::Polling).await;
    if let Err(e) = restarted {
        panic!(
            "the restart was refused (or not serving within {START_TIMEOUT:?}): {:?}\n{}",
            e.status, e.log
        );
    }
}

/// `bot::serve` starts the scheduler and delivery before it asks for the lease, so a process
/// that then refuses to start has already run a timer pass and may have claimed and sent
/// outbox rows (harmless for exactly-once, which the database guarantees, but a refused
/// instance should do nothing).
#[tokio::test]
async fn a_refused_second_poller_does_no_work() {
    let w = World::sqlite().await;
    let _first = Binary::start(&w.tg, &w.db_url, &w.config).await;
    let mut second = Binary::spawn(&w.tg, &w.db_url, &w.config, Mode::Polling).await;
    second.wait_exit(START_TIMEOUT).await.expect("it exits");
    let log = second.log();
    assert!(refused_as_second_poller(&log), "{log}");
    assert!(
        !log.contains("scheduler started"),
        "the refused process started the scheduler:\n{log}"
    );
}

/// A SIGKILLed process leaves its claimed outbox rows leased for 60 s, so those chats'
/// notices stalled for a minute after every crash. Taking over the dead poller's lease
/// releases them at once.
#[tokio::test]
async fn rows_claimed_by_a_killed_process_are_released_when_its_lease_is_taken_over() {
    use otklik::bot::lease::{process_tag, PollerLease};
    use std::time::Duration;

    let app = crate::helpers::app::TestApp::start_idle().await;
    let view = app
        .register("https://vk.com/wall-8_1", &["Отдел ЖКХ"])
        .await;
    let now = app.clock_now();
    let (host, _) = process_tag()
        .rsplit_once(':')
        .map(|(h, p)| (h.to_owned(), p.to_owned()))
        .expect("host:pid");
    let dead = format!("{host}:4000000");
    let lease = Duration::from_secs(60);
    let claimed = app
        .store
        .claim_outbox(now, 100, &format!("sched-{dead}-0badcafe"), lease)
        .await
        .expect("claim");
    assert!(!claimed.is_empty(), "the case's notices are claimed");
    // A live process with a similar id keeps its rows.
    assert!(app
        .store
        .try_lease("lease:poller", &dead, now, lease)
        .await
        .expect("lease"));

    let _lease = PollerLease::acquire(&app.ctx).await.expect("taken over");
    let again = app
        .store
        .claim_outbox(now, 100, "sched-successor", lease)
        .await
        .expect("claim");
    let ids = |v: &[otklik::storage::OutboxItem]| v.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&again), ids(&claimed), "case {}", view.case.number);
}
