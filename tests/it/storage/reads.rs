//! Case lists: what a person should act on, overdue cases, and a report period's cases.

use chrono::{DateTime, Utc};
use otklik::domain::case::{Command, DraftKind};
use otklik::domain::{CaseId, PersonId};
use otklik::storage::CommandMeta;

use super::fixture::{monday_9, msk, Fx};
use crate::helpers::db::TestDb;
use otklik::service::cases;

contract!(
    open_cases_follow_roles_and_nearest_due,
    overdue_cases_are_those_past_a_deadline,
    a_list_page_replays_its_cases_and_counts_the_rest,
    cases_for_period_respects_its_boundaries,
    registrations_are_counted_by_classification,
);

async fn numbers_for(fx: &Fx, person: PersonId) -> Vec<i64> {
    let actor = fx.store.actor(person).await.unwrap().expect("active");
    let views = fx.store.open_cases_for(&actor, &fx.ctx).await.unwrap();
    views.into_iter().map(|v| v.case.number).collect()
}

async fn open_cases_follow_roles_and_nearest_due(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    let meta = CommandMeta::at(t);
    // №1 later than №2, so №2 is due first.
    fx.register("https://vk.com/wall-5_1", msk(2026, 3, 2, 10, 0))
        .await;
    let two = fx.register("https://vk.com/wall-5_2", t).await.case.id;
    let shared = fx.reg("https://vk.com/wall-5_3", &[fx.unit1, fx.unit2]);
    let three = cases::register(&fx.store, &shared, fx.curator, meta, &fx.ctx)
        .await
        .unwrap()
        .case
        .id;
    let four = fx.register("https://vk.com/wall-5_4", t).await.case.id;

    // №3's co-executor part is due first (2 h), then the drafts of №2, №4 (15:00), №1.
    assert_eq!(numbers_for(&fx, fx.exec1).await, [3, 2, 4, 1]);
    assert_eq!(
        numbers_for(&fx, fx.exec2).await,
        [3],
        "a co-executor's pending part"
    );
    assert!(numbers_for(&fx, fx.deputy1).await.is_empty());
    assert!(numbers_for(&fx, fx.curator).await.is_empty());
    assert!(numbers_for(&fx, fx.controller).await.is_empty());

    let contribution = Command::Contribute {
        unit: fx.unit2,
        text: "Часть".into(),
        attachments: vec![],
    };
    fx.run(three, fx.exec2, contribution, t).await.unwrap();
    assert!(numbers_for(&fx, fx.exec2).await.is_empty(), "contributed");

    fx.run(two, fx.exec1, Command::Accept { unit: fx.unit1 }, t)
        .await
        .unwrap();
    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: "Ответ".into(),
        attachments: vec![],
    };
    fx.run(two, fx.exec1, draft, t).await.unwrap();
    let back = Command::Return {
        unit: fx.unit1,
        reason: "Не наш отдел".into(),
    };
    fx.run(four, fx.exec1, back, msk(2026, 3, 2, 9, 10))
        .await
        .unwrap();
    assert_eq!(numbers_for(&fx, fx.exec1).await, [3, 1]);
    assert_eq!(numbers_for(&fx, fx.deputy1).await, [2]);
    assert!(numbers_for(&fx, fx.deputy2).await.is_empty());
    assert_eq!(numbers_for(&fx, fx.curator).await, [4], "the returned case");
}

async fn overdue_cases_are_those_past_a_deadline(db: &TestDb) {
    let fx = Fx::new(db).await;
    let a = fx
        .register("https://vk.com/wall-6_1", monday_9())
        .await
        .case
        .id;
    let b = fx
        .register("https://vk.com/wall-6_2", msk(2026, 3, 2, 11, 0))
        .await
        .case
        .id;
    let ids = |v: Vec<otklik::storage::CaseView>| {
        v.into_iter().map(|v| v.case.id).collect::<Vec<CaseId>>()
    };
    let s = &fx.store;
    assert!(s
        .overdue_cases(msk(2026, 3, 2, 14, 0), &fx.ctx)
        .await
        .unwrap()
        .is_empty());
    // Drafts due 15:00 and 17:00 (3 working hours before the answers).
    assert_eq!(
        ids(s
            .overdue_cases(msk(2026, 3, 2, 15, 1), &fx.ctx)
            .await
            .unwrap()),
        [a]
    );
    assert_eq!(
        ids(s
            .overdue_cases(msk(2026, 3, 3, 9, 0), &fx.ctx)
            .await
            .unwrap()),
        [a, b]
    );
    fx.run(
        a,
        fx.curator,
        Command::Reject {
            reason: "п.17".into(),
        },
        msk(2026, 3, 3, 9, 0),
    )
    .await
    .unwrap();
    assert_eq!(
        ids(s
            .overdue_cases(msk(2026, 3, 3, 9, 0), &fx.ctx)
            .await
            .unwrap()),
        [b]
    );
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("a valid time")
}

async fn cases_for_period_respects_its_boundaries(db: &TestDb) {
    let fx = Fx::new(db).await;
    let (from, to) = (utc(2026, 3, 1, 0, 0, 0), utc(2026, 4, 1, 0, 0, 0));
    let reject = || Command::Reject {
        reason: "п.17".into(),
    };
    let closed_before = fx
        .register("https://t.me/p/1", utc(2026, 2, 20, 8, 0, 0))
        .await
        .case
        .id;
    fx.run(
        closed_before,
        fx.curator,
        reject(),
        utc(2026, 2, 28, 23, 59, 59),
    )
    .await
    .unwrap();
    let closed_at_from = fx
        .register("https://t.me/p/2", utc(2026, 2, 20, 8, 0, 0))
        .await
        .case
        .id;
    fx.run(closed_at_from, fx.curator, reject(), from)
        .await
        .unwrap();
    fx.register("https://t.me/p/3", utc(2026, 2, 20, 8, 0, 0))
        .await; // still open
    fx.register("https://t.me/p/4", utc(2026, 3, 10, 8, 0, 0))
        .await;
    fx.register("https://t.me/p/5", utc(2026, 3, 31, 23, 59, 59))
        .await;
    fx.register("https://t.me/p/6", to).await;
    let late = fx
        .register("https://t.me/p/7", utc(2026, 3, 5, 8, 0, 0))
        .await
        .case
        .id;
    fx.run(late, fx.curator, reject(), utc(2026, 4, 5, 8, 0, 0))
        .await
        .unwrap();

    let views = fx.store.cases_for_period(from, to, &fx.ctx).await.unwrap();
    let numbers: Vec<i64> = views.iter().map(|v| v.case.number).collect();
    assert_eq!(numbers, [2, 3, 4, 5, 7]);

    // The report's streaming read gives the same cases with the same histories.
    let mut streamed = Vec::new();
    let n = fx
        .store
        .for_each_report_case(from, to, |c| streamed.push(c))
        .await
        .unwrap();
    assert_eq!(n, views.len());
    streamed.sort_by_key(|c| c.number);
    for (report_case, view) in streamed.iter().zip(&views) {
        assert_eq!(report_case.id, view.case.id);
        assert_eq!(report_case.number, view.case.number);
        let history: Vec<_> = view.events().cloned().collect();
        assert_eq!(report_case.history, history, "case {}", view.case.number);
    }
    let seven = views.last().expect("present");
    assert_eq!(
        seven.history.len(),
        3,
        "with the full history, the rejection included"
    );
    assert!(fx
        .store
        .cases_for_period(to, to, &fx.ctx)
        .await
        .unwrap()
        .iter()
        .all(|v| v.case.number != 6));
}

async fn registrations_are_counted_by_classification(db: &TestDb) {
    let fx = Fx::new(db).await;
    fx.register("https://t.me/q/1", utc(2026, 3, 2, 8, 0, 0))
        .await;
    fx.register("https://t.me/q/2", utc(2026, 3, 3, 8, 0, 0))
        .await;
    fx.register("https://t.me/q/3", utc(2026, 4, 1, 8, 0, 0))
        .await;
    let rows = fx
        .store
        .registrations_by_class(utc(2026, 3, 1, 0, 0, 0), utc(2026, 4, 1, 0, 0, 0))
        .await
        .unwrap();
    let total: i64 = rows.iter().map(|r| r.4).sum();
    assert_eq!(total, 2, "{rows:?}");
}

/// `/my` and `/overdue` read one page: the first cases in the list's order, and the count,
/// which stops at the cap it is given and then says there are more.
async fn a_list_page_replays_its_cases_and_counts_the_rest(db: &TestDb) {
    let fx = Fx::new(db).await;
    let mut ids = Vec::new();
    for (n, hour) in [(1, 9), (2, 10), (3, 11)] {
        let link = format!("https://vk.com/wall-7_{n}");
        let view = fx.register(&link, msk(2026, 3, 2, hour, 0)).await;
        ids.push(view.case.id);
    }
    let late = msk(2026, 3, 4, 9, 0);
    let seen = |page: otklik::storage::CasePage| -> (Vec<CaseId>, usize, bool) {
        let shown = page.views.iter().map(|v| v.case.id).collect();
        (shown, page.total, page.more)
    };
    // (page size, count cap) → (shown, count, "more than the count")
    for (bounds, expected) in [
        ((2, 10), (&ids[..2], 3, false)),
        ((2, 2), (&ids[..2], 2, true)),
    ] {
        let page = fx.store.overdue_page(late, bounds, &fx.ctx).await.unwrap();
        assert_eq!(
            seen(page),
            (expected.0.to_vec(), expected.1, expected.2),
            "{bounds:?}"
        );
    }
    let actor = fx.store.actor(fx.exec1).await.unwrap().expect("active");
    for (bounds, expected) in [
        ((1, 3), (&ids[..1], 3, false)),
        ((1, 2), (&ids[..1], 2, true)),
    ] {
        let page = fx.store.open_cases_page(&actor, bounds, &fx.ctx).await;
        assert_eq!(
            seen(page.unwrap()),
            (expected.0.to_vec(), expected.1, expected.2),
            "{bounds:?}"
        );
    }
    let none = fx
        .store
        .open_cases_page(&actor, (0, 10), &fx.ctx)
        .await
        .unwrap();
    assert!(none.views.is_empty());
}
