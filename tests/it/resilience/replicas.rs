//! SPEC §9: replicated deployments. Two webhook replicas on one PostgreSQL database, both
//! running the scheduler and delivery, send every notification exactly once; a second long
//! poller on a database refuses to start.

use std::time::Duration;

use crate::helpers::app::{CURATOR, DEPUTY, EXECUTOR, ROADS_DEPUTY, ROADS_EXECUTOR};
use crate::helpers::binary::{refused_as_second_poller, Binary, Mode, START_TIMEOUT};

use super::driver::Driver;
use super::pg::PgDb;
use super::relay::Relay;
use super::world::{World, ROADS, ZHKH};

const CASES: i64 = 10;
const DELIVERED: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_webhook_replicas_on_postgres_send_every_notice_exactly_once() {
    let Some(pg) = PgDb::create("two_webhook_replicas_on_postgres").await else {
        return;
    };
    let w = World::on(pg.url.clone(), tempfile::tempdir().expect("temp dir")).await;
    // Registered before the replicas start, so both find the same due rows and race for them.
    for n in 1..=CASES {
        let unit = if n % 2 == 1 { ZHKH } else { ROADS };
        w.register(&format!("https://vk.com/wall-11_{n}"), unit)
            .await;
    }
    let (a, b) = tokio::join!(
        Binary::start_in(&w.tg, &w.db_url, &w.config, Mode::webhook()),
        Binary::start_in(&w.tg, &w.db_url, &w.config, Mode::webhook()),
    );
    let (a, b) = (a.expect("replica A serves"), b.expect("replica B serves"));
    let urls = [&a, &b].map(|r| match &r.mode {
        Mode::Webhook { url, .. } => url.clone(),
        Mode::Polling => unreachable!("webhook replicas"),
    });
    let relay = Relay::start(&w.tg, urls.to_vec());

    // Presses and replies land on either replica (the relay alternates).
    let d = Driver { w: &w };
    for n in 1..=CASES {
        let who = if n % 2 == 1 { EXECUTOR } else { ROADS_EXECUTOR };
        d.accept(who, n).await;
    }
    d.draft(EXECUTOR, 1).await;
    d.draft(EXECUTOR, 3).await;
    d.draft(ROADS_EXECUTOR, 2).await;
    d.approve(DEPUTY, 1).await;
    d.approve(ROADS_DEPUTY, 2).await;
    w.wait_outbox_sent(CASES, DELIVERED).await;
    w.tg.settle(Duration::from_millis(500), DELIVERED)
        .await
        .expect("the replicas go quiet");

    let sent = w.sent();
    let dump = || format!("{sent:#?}\n{}\n{}", a.log(), b.log());
    for (chat, headlines) in &sent {
        for (h, n) in headlines {
            assert_eq!(*n, 1, "chat {chat}: {h:?} sent {n} times\n{}", dump());
        }
    }
    let count = |chat: u64| sent.get(&(chat as i64)).map_or(0, |m| m.len());
    // 5 cards each; deputies also get 2 + 1 drafts; the curator 2 approved drafts.
    let expected = [
        (EXECUTOR, 5),
        (ROADS_EXECUTOR, 5),
        (DEPUTY, 7),
        (ROADS_DEPUTY, 6),
        (CURATOR, 2),
    ];
    for (chat, n) in expected {
        assert_eq!(count(chat), n, "chat {chat}\n{}", dump());
    }
    for log in [a.log(), b.log()] {
        assert!(log.contains("scheduler started"), "both deliver:\n{log}");
    }
    let served = relay.served();
    assert!(
        served.iter().all(|n| *n > 0),
        "both replicas took updates: {served:?}"
    );
    relay.stop().await;
    drop((a, b));

    // The lease is in the database, so it holds across hosts too.
    let _first = Binary::start(&w.tg, &w.db_url, &w.config).await;
    assert_second_poller_refused(&w).await;
}

#[tokio::test]
async fn a_second_long_poller_on_the_same_database_refuses_to_start() {
    let w = World::sqlite().await;
    let _first = Binary::start(&w.tg, &w.db_url, &w.config).await;
    assert_second_poller_refused(&w).await;
}

async fn assert_second_poller_refused(w: &World) {
    let mut second = Binary::spawn(&w.tg, &w.db_url, &w.config, Mode::Polling).await;
    let status = second
        .wait_exit(START_TIMEOUT)
        .await
        .unwrap_or_else(|| panic!("the second poller keeps running:\n{}", second.log()));
    assert!(!status.success(), "exit status {status}");
    let log = second.log();
    assert!(refused_as_second_poller(&log), "unclear refusal:\n{log}");
}
