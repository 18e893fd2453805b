//! Issue 10 "Done when": the real binary SIGKILLed 20 times while executors, deputies and
//! the curator work six cases. No acknowledged (committed) step is lost, no notice is sent
//! twice beyond the at-least-once window, and the notices pending at each restart go out
//! soon after it (printed; the figures are in README's Measured table).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use otklik::storage::OutboxStatus;
use rand::Rng;

use crate::helpers::binary::Binary;

use super::restart::{compare_chat, finish, outcome, register_all, uninterrupted, CASES, LAPSE};
use super::world::{chat_of, headline, World};

const KILLS: usize = 20;

/// Unsent notices per chat at a moment.
async fn pending(w: &World) -> BTreeMap<i64, usize> {
    let mut by_chat = BTreeMap::new();
    for n in 1..=CASES {
        let id = w.case(n).await.case.id;
        for row in w.store.outbox_for_case(id).await.expect("outbox") {
            if row.status == OutboxStatus::Pending {
                *by_chat.entry(row.chat_id).or_insert(0) += 1;
            }
        }
    }
    by_chat
}

/// Kills and restarts the binary `KILLS` times at random moments; checks after each that
/// every step committed before the kill is still there. Returns each restart's moment
/// with the notices then pending, the moment of the last kill and the running process.
async fn storm(w: &World, mut bin: Binary) -> (Vec<(Instant, BTreeMap<i64, usize>)>, Instant, Binary) {
    let mut restarts = Vec::new();
    let mut last_kill = Instant::now();
    for _ in 0..KILLS {
        let pause = rand::thread_rng().gen_range(300..1_500);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        let mut committed = Vec::new();
        for n in 1..=CASES {
            committed.push(w.tags(n).await);
        }
        bin.kill9();
        last_kill = Instant::now();
        bin = Binary::restart_polling(&w.tg, &w.db_url, &w.config, LAPSE).await;
        restarts.push((Instant::now(), pending(w).await));
        for (i, before) in committed.iter().enumerate() {
            let after = w.tags(i as i64 + 1).await;
            assert!(after.starts_with(before), "case №{}: {before:?} became {after:?}", i + 1);
        }
    }
    (restarts, last_kill, bin)
}

/// For each restart, how long the notices pending then took to arrive: the first that many
/// notices to each chat after the restart, seconds.
fn latencies(w: &World, restarts: &[(Instant, BTreeMap<i64, usize>)]) -> Vec<f64> {
    let notices: Vec<(Instant, i64)> = w
        .tg
        .requests_for("sendMessage")
        .into_iter()
        .filter(|r| r.body["text"].as_str().and_then(headline).is_some())
        .filter_map(|r| chat_of(&r.body).map(|c| (r.at, c)))
        .collect();
    let mut out = Vec::new();
    for (at, pending) in restarts {
        for (chat, n) in pending {
            let arrivals = notices.iter().filter(|(t, c)| c == chat && t >= at);
            out.extend(arrivals.take(*n).map(|(t, _)| t.duration_since(*at).as_secs_f64()));
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_sigkills_in_a_workflow_lose_no_acknowledged_step_and_double_no_notice() {
    let crashed = async {
        let w = World::sqlite().await;
        register_all(&w).await;
        let bin = Binary::start(&w.tg, &w.db_url, &w.config).await;
        let ((restarts, last_kill, bin), ()) = tokio::join!(storm(&w, bin), finish(&w));
        // The storm may end before the scenario: finish it on the last process.
        finish(&w).await;
        let done = outcome(&w).await;
        let early = super::restart::sent_before(&w, last_kill);
        let waits = latencies(&w, &restarts);
        drop(bin);
        (done, early, waits)
    };
    let (calm, (crashed, early, waits)) = tokio::join!(uninterrupted(), crashed);

    assert_eq!(crashed.tags, calm.tags, "stored histories differ");
    let chats: std::collections::BTreeSet<i64> =
        calm.sent.keys().chain(crashed.sent.keys()).copied().collect();
    for chat in chats {
        let want = calm.sent.get(&chat).cloned().unwrap_or_default();
        let got = crashed.sent.get(&chat).cloned().unwrap_or_default();
        let before = early.get(&chat).cloned().unwrap_or_default();
        compare_chat(chat, &want, &got, &before);
    }
    let at = |q: f64| waits.get(((waits.len().max(1) - 1) as f64 * q) as usize).copied();
    eprintln!(
        "{KILLS} kills: {} notice(s) pending at restarts; latency after recovery p50 {:?} s, \
         p95 {:?} s, max {:?} s",
        waits.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
