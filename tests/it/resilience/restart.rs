//! SPEC §7: "nothing is lost across a restart". The real binary is SIGKILLed while cards are
//! being delivered and presses and a draft are in flight, started again, and the scenario
//! finished; what was stored and sent must equal an uninterrupted run of the same scenario.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::helpers::app::{CURATOR, DEPUTY, EXECUTOR, ROADS_DEPUTY, ROADS_EXECUTOR};
use otklik::storage::OutboxStatus;

use crate::helpers::binary::Binary;

use super::driver::{draft_text, user, Driver, STEP};
use super::world::{mentions_case, Sent, World, ROADS, ZHKH};

pub(super) const CASES: i64 = 6;
/// A killed poller's lease and its claimed outbox rows lapse after 60 s.
pub(super) const LAPSE: Duration = Duration::from_secs(100);

/// Cases 1–4 go to ЖКХ, 5–6 to roads.
pub(super) async fn register_all(w: &World) {
    for n in 1..=CASES {
        let unit = if n <= 4 { ZHKH } else { ROADS };
        let view = w
            .register(&format!("https://vk.com/wall-7_{n}"), unit)
            .await;
        assert_eq!(view.case.number, n);
    }
}

/// The whole scenario, each step skipped if already done: case 1 published, 2 and 5
/// approved, 3 drafted, 4 accepted, 6 left assigned.
pub(super) async fn finish(w: &World) {
    let d = Driver { w };
    for n in 1..=4 {
        d.accept(EXECUTOR, n).await;
    }
    d.accept(ROADS_EXECUTOR, 5).await;
    for n in 1..=3 {
        d.draft(EXECUTOR, n).await;
    }
    d.draft(ROADS_EXECUTOR, 5).await;
    d.approve(DEPUTY, 1).await;
    d.approve(DEPUTY, 2).await;
    d.approve(ROADS_DEPUTY, 5).await;
    d.publish(1).await;
}

/// What a run leaves behind: history tags per case, notification headlines per chat.
pub(super) struct Outcome {
    pub(super) tags: Vec<Vec<&'static str>>,
    pub(super) sent: Sent,
}

pub(super) async fn outcome(w: &World) -> Outcome {
    w.wait_outbox_sent(CASES, LAPSE).await;
    let mut tags = Vec::new();
    for n in 1..=CASES {
        tags.push(w.tags(n).await);
    }
    Outcome {
        tags,
        sent: w.sent(),
    }
}

pub(super) async fn uninterrupted() -> Outcome {
    let w = World::sqlite().await;
    register_all(&w).await;
    let _bin = Binary::start(&w.tg, &w.db_url, &w.config).await;
    finish(&w).await;
    outcome(&w).await
}

/// Returns the outcome and the notifications the fake had accepted before the kill.
async fn interrupted() -> (Outcome, Sent) {
    let w = World::sqlite().await;
    register_all(&w).await;
    let mut bin = Binary::start(&w.tg, &w.db_url, &w.config).await;
    let (tg, executor) = (&w.tg, user(EXECUTOR));
    let card = |n: i64| {
        move |m: &crate::fake_telegram::SentMessage| {
            mentions_case(&m.text, n) && m.has_button("Принять")
        }
    };
    // Case 1 is accepted (committed) while the other cards are still on their way.
    let first = tg
        .wait_for_message(EXECUTOR as i64, card(1), STEP)
        .await
        .expect("card 1");
    tg.press_button(&executor, first.message_id, "Принять");
    assert!(w.wait_event(1, "accepted", STEP).await, "case 1 accepted");
    let second = tg
        .wait_for_message(EXECUTOR as i64, card(2), STEP)
        .await
        .expect("card 2");
    // In flight at the kill: «Принять» on case 2 and the draft of case 1.
    tg.press_button(&executor, second.message_id, "Принять");
    let first = tg
        .wait_for_edit(
            EXECUTOR as i64,
            first.message_id,
            |m| m.has_button("Подготовить ответ"),
            STEP,
        )
        .await
        .expect("card 1 in work");
    tg.press_button(&executor, first.message_id, "Подготовить ответ");
    tg.wait_for_message(
        EXECUTOR as i64,
        |m| m.text.contains("Дело №1: пришлите"),
        STEP,
    )
    .await
    .expect("the draft prompt");
    tg.push_text(&executor, &draft_text(1));
    bin.kill9();
    let killed_at = Instant::now();
    let before_kill = sent_before(&w, killed_at);
    let committed: Vec<_> = {
        let mut v = Vec::new();
        for n in 1..=CASES {
            v.push(w.tags(n).await);
        }
        v
    };
    let unsent = w
        .outbox(CASES)
        .await
        .iter()
        .filter(|(s, _)| *s != OutboxStatus::Sent)
        .count();
    eprintln!(
        "killed with {} update(s) unconfirmed and {unsent} notice(s) unsent; committed: \
         {committed:?}",
        tg.pending_updates()
    );

    let _bin = Binary::restart_polling(tg, &w.db_url, &w.config, LAPSE).await;
    eprintln!("serving again {:?} after the kill", killed_at.elapsed());
    // Nothing committed before the kill is gone after the restart.
    for (i, before) in committed.iter().enumerate() {
        let after = w.tags(i as i64 + 1).await;
        assert!(
            after.starts_with(before),
            "case №{}: {before:?} became {after:?}",
            i + 1
        );
    }
    finish(&w).await;
    (outcome(&w).await, before_kill)
}

/// Notification headlines the fake accepted before `at`.
pub(super) fn sent_before(w: &World, at: Instant) -> Sent {
    let mut sent = Sent::new();
    for r in w.tg.requests_for("sendMessage") {
        if r.at >= at {
            continue;
        }
        let chat = super::world::chat_of(&r.body);
        let h = r.body["text"].as_str().and_then(super::world::headline);
        if let (Some(chat), Some(h)) = (chat, h) {
            *sent.entry(chat).or_default().entry(h).or_default() += 1;
        }
    }
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_scenario_loses_nothing_and_duplicates_nothing() {
    let (calm, (crashed, before_kill)) = tokio::join!(uninterrupted(), interrupted());

    // The scenario is not vacuous: every kind of notice went out.
    let count = |sent: &Sent, chat: u64| sent.get(&(chat as i64)).map_or(0, |m| m.values().sum());
    let expected = [
        (EXECUTOR, 5),
        (DEPUTY, 8),
        (ROADS_EXECUTOR, 2),
        (ROADS_DEPUTY, 3),
        (CURATOR, 3),
    ];
    for (chat, n) in expected {
        assert_eq!(count(&calm.sent, chat), n, "chat {chat}: {:?}", calm.sent);
    }

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
        let early = before_kill.get(&chat).cloned().unwrap_or_default();
        compare_chat(chat, &want, &got, &early);
    }
}

/// Every notice of the calm run arrived in the crashed one, and none twice — except a
/// notice the fake accepted just before the kill, which the dead process could not mark
/// sent: delivery is at-least-once exactly there (SPEC §7, `scheduler` module docs).
pub(super) fn compare_chat(
    chat: i64,
    want: &BTreeMap<String, usize>,
    got: &BTreeMap<String, usize>,
    early: &BTreeMap<String, usize>,
) {
    let keys: std::collections::BTreeSet<&String> = want.keys().chain(got.keys()).collect();
    for key in keys {
        let (w, g) = (want.get(key).copied(), got.get(key).copied());
        match (w, g) {
            (Some(w), Some(g)) if w == g => {}
            (Some(w), Some(g)) if g == w + 1 && early.get(key).copied().unwrap_or(0) >= 1 => {
                eprintln!(
                    "chat {chat}: {key:?} sent twice across the kill: the at-least-once window \
                     between Telegram's answer and the commit"
                );
            }
            _ => panic!("chat {chat}: {key:?} sent {g:?} time(s), uninterrupted run {w:?}"),
        }
    }
}
