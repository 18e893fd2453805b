//! Issue 10 "Done when": the real binary SIGKILLed 20 times while executors, deputies and
//! the curator work six cases. No acknowledged (committed) step is lost, no notice is sent
//! twice beyond the at-least-once window, and the notices pending at each restart go out
//! soon after it (printed; the figures are in README's Measured table).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use otklik::storage::OutboxStatus;
use rand::Rng;

use crate::helpers::binary::Binary;

use crate::helpers::app::{DEPUTY, EXECUTOR, ROADS_DEPUTY, ROADS_EXECUTOR};

use super::driver::Driver;
use super::restart::{compare_chat, outcome, register_all, uninterrupted, CASES, LAPSE};
use super::world::{chat_of, headline, World};

/// `OTKLIK_KILLS=N` runs a longer storm (e.g. 100 for the README figure).
fn kills() -> usize {
    std::env::var("OTKLIK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

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

/// One step of the scenario in `restart::finish`.
#[derive(Clone, Copy)]
enum Step {
    Accept(u64, i64),
    Draft(u64, i64),
    Approve(u64, i64),
    Publish(i64),
}

const STEPS: [Step; 13] = [
    Step::Accept(EXECUTOR, 1),
    Step::Accept(EXECUTOR, 2),
    Step::Accept(EXECUTOR, 3),
    Step::Accept(EXECUTOR, 4),
    Step::Accept(ROADS_EXECUTOR, 5),
    Step::Draft(EXECUTOR, 1),
    Step::Draft(EXECUTOR, 2),
    Step::Draft(EXECUTOR, 3),
    Step::Draft(ROADS_EXECUTOR, 5),
    Step::Approve(DEPUTY, 1),
    Step::Approve(DEPUTY, 2),
    Step::Approve(ROADS_DEPUTY, 5),
    Step::Publish(1),
];

async fn run(d: &Driver<'_>, step: Step) {
    match step {
        Step::Accept(who, n) => d.accept(who, n).await,
        Step::Draft(who, n) => d.draft(who, n).await,
        Step::Approve(who, n) => d.approve(who, n).await,
        Step::Publish(n) => d.publish(n).await,
    }
}

/// What the storm saw: each kill's moment with the notices then pending (the queue the
/// next process starts with), and the moment of the last kill.
#[derive(Default)]
struct Storm {
    restarts: Vec<(Instant, BTreeMap<i64, usize>)>,
    last_kill: Option<Instant>,
}

/// Kills the binary at a random moment, restarts it, and checks that every step committed
/// before the kill is still there.
async fn kill_once(w: &World, bin: &mut Binary, storm: &mut Storm) {
    let pause = rand::thread_rng().gen_range(0..300);
    tokio::time::sleep(Duration::from_millis(pause)).await;
    let mut committed = Vec::new();
    for n in 1..=CASES {
        committed.push(w.tags(n).await);
    }
    bin.kill9();
    let killed = Instant::now();
    storm.last_kill = Some(killed);
    let queued = pending(w).await;
    *bin = Binary::restart_polling(&w.tg, &w.db_url, &w.config, LAPSE).await;
    storm.restarts.push((killed, queued));
    for (i, before) in committed.iter().enumerate() {
        let after = w.tags(i as i64 + 1).await;
        assert!(
            after.starts_with(before),
            "case №{}: {before:?} became {after:?}",
            i + 1
        );
    }
}

/// The scenario step by step, the binary killed `kills()` times in all while steps are in
/// flight (presses and replies unconfirmed, notices being delivered).
async fn scenario_under_kills(w: &World, bin: &mut Binary) -> Storm {
    let d = Driver { w };
    let mut storm = Storm::default();
    let per_step = kills().div_ceil(STEPS.len());
    let mut left = kills();
    for step in STEPS {
        let storm = &mut storm;
        let bin = &mut *bin;
        let n = per_step.min(left);
        left -= n;
        let killer = async move {
            for _ in 0..n {
                kill_once(w, bin, storm).await;
            }
        };
        tokio::join!(run(&d, step), killer);
    }
    storm
}

/// For each kill, how long the notices pending then took to arrive, the restart included:
/// the first that many notices to each chat after the kill, seconds.
fn latencies(w: &World, restarts: &[(Instant, BTreeMap<i64, usize>)]) -> Vec<f64> {
    let notices: Vec<(Instant, i64)> =
        w.tg.requests_for("sendMessage")
            .into_iter()
            .filter(|r| r.body["text"].as_str().and_then(headline).is_some())
            .filter_map(|r| chat_of(&r.body).map(|c| (r.at, c)))
            .collect();
    let mut out = Vec::new();
    for (at, pending) in restarts {
        for (chat, n) in pending {
            let arrivals = notices.iter().filter(|(t, c)| c == chat && t >= at);
            out.extend(
                arrivals
                    .take(*n)
                    .map(|(t, _)| t.duration_since(*at).as_secs_f64()),
            );
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
        let mut bin = Binary::start(&w.tg, &w.db_url, &w.config).await;
        let storm = scenario_under_kills(&w, &mut bin).await;
        assert_eq!(storm.restarts.len(), kills());
        let done = outcome(&w).await;
        let early = super::restart::sent_before(&w, storm.last_kill.unwrap_or_else(Instant::now));
        let waits = latencies(&w, &storm.restarts);
        drop(bin);
        (done, early, waits)
    };
    let (calm, (crashed, early, waits)) = tokio::join!(uninterrupted(), crashed);

    assert_eq!(crashed.tags, calm.tags, "stored histories differ");
    let chats: std::collections::BTreeSet<i64> = calm
        .sent
        .keys()
        .chain(crashed.sent.keys())
        .copied()
        .collect();
    for chat in chats {
        let want = calm.sent.get(&chat).cloned().unwrap_or_default();
        let got = crashed.sent.get(&chat).cloned().unwrap_or_default();
        let before = early.get(&chat).cloned().unwrap_or_default();
        compare_chat(chat, &want, &got, &before);
    }
    let at = |q: f64| {
        waits
            .get(((waits.len().max(1) - 1) as f64 * q) as usize)
            .copied()
    };
    eprintln!(
        "{} kills: {} notice(s) pending at the kills; latency from the kill (restart included) p50 {:?} s, \
         p95 {:?} s, max {:?} s",
        kills(),
        waits.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
