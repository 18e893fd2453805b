//! After downtime: one combined late notice per person instead of a flood, each timer
//! marked fired once, and no catch-up at night.

use std::collections::BTreeMap;

use otklik::domain::deadline::DeadlineKind;
use otklik::domain::notice::{LateItem, NoticeKind};
use otklik::domain::CaseId;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    p19_downtime_combines_late_timers_into_one_notice_per_person,
    p19_catch_up_waits_for_working_hours,
    p19_two_replicas_catching_up_at_once_list_each_timer_once,
);

/// Delivers everything (advancing past per-chat pacing) and returns the late digests by chat.
async fn digests(fx: &Fx) -> BTreeMap<i64, Vec<Vec<LateItem>>> {
    for _ in 0..5 {
        fx.deliver().await;
        fx.clock.advance(chrono::Duration::seconds(2));
    }
    let mut out: BTreeMap<i64, Vec<Vec<LateItem>>> = BTreeMap::new();
    for a in fx.courier.sent() {
        if let Some(NoticeKind::LateDigest { items }) = a.notice {
            out.entry(a.chat_id).or_default().push(items);
        }
    }
    out
}

fn line(case: CaseId, deadline: DeadlineKind, breach: bool) -> LateItem {
    LateItem {
        case,
        deadline,
        breach,
    }
}

async fn register_two(fx: &Fx) -> (CaseId, CaseId) {
    let a = fx
        .register("https://vk.com/wall-6_1", msk(2026, 3, 2, 9, 0))
        .await;
    let b = fx
        .register("https://vk.com/wall-6_2", msk(2026, 3, 2, 9, 10))
        .await;
    (a, b)
}

async fn p19_downtime_combines_late_timers_into_one_notice_per_person(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let (a, b) = register_two(&fx).await;
    // Down from Monday 9:10 to Tuesday 8:50: the drafts' reminders (14:00, 14:10) and
    // breaches (15:00, 15:10) and the answers' reminders (Tue 8:00, 8:10) all passed.
    let stats = fx.pass_at(msk(2026, 3, 3, 8, 50)).await;
    assert_eq!(stats.late, 4, "{stats:?}");
    assert_eq!(stats.fired, 4);
    assert_eq!(stats.reminders + stats.breaches, 0);
    assert!(fx.timer_notices(a).await.is_empty(), "no per-case flood");
    let again = fx.pass_at(msk(2026, 3, 3, 8, 51)).await;
    assert_eq!(again.fired, 0, "each timer fired once");

    use DeadlineKind::{Answer, DraftToCurator};
    let by_chat = digests(&fx).await;
    let draft_breaches = vec![line(a, DraftToCurator, true), line(b, DraftToCurator, true)];
    let mut deputy = draft_breaches.clone();
    let expected: BTreeMap<i64, Vec<Vec<LateItem>>> = [
        (
            EXEC1,
            vec![vec![line(a, Answer, false), line(b, Answer, false)]],
        ),
        (
            DEPUTY1,
            vec![{
                deputy.sort_by_key(|l| l.case);
                deputy
            }],
        ),
        (CONTROLLER, vec![draft_breaches]),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_chat, expected);

    // The answers' deadlines (9:00, 9:10) are still to come and fire normally.
    let log = fx
        .walk(a, msk(2026, 3, 3, 8, 59), msk(2026, 3, 3, 9, 1))
        .await;
    assert_eq!(
        log.len(),
        2,
        "breach of case a to the controller and the deputy: {log:?}"
    );
}

async fn p19_catch_up_waits_for_working_hours(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let (_a, _b) = register_two(&fx).await;
    // Back at 3 a.m.: the late timers wait for the working morning.
    let night = fx.pass_at(msk(2026, 3, 3, 3, 0)).await;
    assert_eq!(night.fired, 0);
    assert_eq!(night.held, 2);
    assert_eq!(night.held_until, Some(msk(2026, 3, 3, 8, 0)));
    assert!(digests(&fx).await.is_empty());
    let morning = fx.pass_at(msk(2026, 3, 3, 8, 0)).await;
    assert_eq!(morning.late, 2, "{morning:?}");
    assert_eq!(digests(&fx).await.len(), 2, "the deputy and the controller");
}

async fn p19_two_replicas_catching_up_at_once_list_each_timer_once(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    register_two(&fx).await;
    fx.clock.set(msk(2026, 3, 3, 8, 50));
    let (one, two) = (fx.replica(), fx.replica());
    let (a, b) = tokio::join!(one.pass(), two.pass());
    let (a, b) = (a.expect("pass one"), b.expect("pass two"));
    assert_eq!(
        a.fired + b.fired,
        4,
        "each late timer is fired by one replica: {a:?} {b:?}"
    );
    // Every person hears of each timer in exactly one digest.
    for (chat, lists) in digests(&fx).await {
        let mut seen: Vec<&LateItem> = lists.iter().flatten().collect();
        let total = seen.len();
        seen.sort_by_key(|l| (l.case, l.deadline, l.breach));
        seen.dedup();
        assert_eq!(
            seen.len(),
            total,
            "chat {chat} got a timer twice: {lists:?}"
        );
    }
}
