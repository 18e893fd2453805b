//! Case commands: the main path with everything a step writes, refusals and redeliveries
//! that change nothing, duplicates and numbering.

use otklik::domain::case::{CaseState, Command, DraftKind, EventKind, TransitionError};
use otklik::domain::deadline::{DeadlineKind, Party};
use otklik::domain::notice::NoticeKind;
use otklik::domain::{CaseId, Role};
use otklik::storage::{CommandMeta, StoreError, TimerAction};

use super::fixture::{monday_9, msk, Fx};
use crate::helpers::db::TestDb;

contract!(
    main_path_writes_history_outbox_and_timers,
    refused_command_changes_nothing,
    duplicate_update_changes_nothing,
    duplicate_link_is_refused_and_repeat_is_allowed,
    case_numbers_are_sequential_and_never_reused,
    reject_at_intake_closes_the_case,
);

fn tags(view: &otklik::storage::CaseView) -> Vec<&'static str> {
    view.events().map(|e| e.kind.tag()).collect()
}

async fn outbox_keys(fx: &Fx, case: CaseId) -> Vec<(String, i64)> {
    let rows = fx.store.outbox_for_case(case).await.expect("reads");
    rows.into_iter().map(|r| (r.key, r.chat_id)).collect()
}

async fn main_path_writes_history_outbox_and_timers(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t0 = monday_9();
    let v = fx.register("https://vk.com/wall-1_1", t0).await;
    let id = v.case.id;
    assert_eq!(v.case.number, 1);
    assert_eq!(v.case.state, CaseState::Assigned);
    assert_eq!(tags(&v), ["registered", "assigned"]);
    let assigned = v.history[1].0;
    let keys = outbox_keys(&fx, id).await;
    assert_eq!(
        keys,
        [
            (format!("ev:{assigned}:0:{}", fx.exec1), 1002),
            (format!("ev:{assigned}:1:{}", fx.deputy1), 1003),
        ]
    );
    let first = &fx.store.outbox_for_case(id).await.unwrap()[0];
    assert_eq!(
        first.notice(),
        Some(NoticeKind::Assignment {
            unit: fx.unit1,
            responsible: true
        })
    );
    // п.11: the draft is due at 15:00 (3 h before the 8 h answer), reminded at 14:00.
    assert_eq!(
        fx.store.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 14, 0))
    );
    let due = fx
        .store
        .due_timers(msk(2026, 3, 2, 14, 0), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].kind, due[0].party, due[0].action, due[0].due_at),
        (
            DeadlineKind::DraftToCurator,
            Party::Unit(fx.unit1),
            TimerAction::Remind,
            msk(2026, 3, 2, 15, 0)
        )
    );

    let v = fx
        .run(
            id,
            fx.exec1,
            Command::Accept { unit: fx.unit1 },
            msk(2026, 3, 2, 9, 10),
        )
        .await
        .unwrap();
    assert_eq!(v.case.state, CaseState::InWork);
    assert_eq!(tags(&v).len(), 3);
    assert_eq!(
        outbox_keys(&fx, id).await.len(),
        2,
        "accepting notifies nobody"
    );

    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: "Ответ".into(),
        attachments: vec![],
    };
    let v = fx
        .run(id, fx.exec1, draft, msk(2026, 3, 2, 11, 0))
        .await
        .unwrap();
    assert_eq!(v.case.state, CaseState::OnApproval);
    let keys = outbox_keys(&fx, id).await;
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[2].1, 1003, "the deputy gets the draft");

    let v = fx
        .run(id, fx.deputy1, Command::Approve, msk(2026, 3, 2, 11, 30))
        .await
        .unwrap();
    assert_eq!(v.case.state, CaseState::WithCurator);
    let keys = outbox_keys(&fx, id).await;
    assert_eq!(keys.len(), 4);
    assert_eq!(keys[3].1, 1001, "the curator gets the approved draft");
    // п.12: publication due 13:30 (1 working hour across lunch); the draft deadline is met.
    assert_eq!(
        fx.store.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 13, 30))
    );
    let due = fx
        .store
        .due_timers(msk(2026, 3, 2, 13, 30), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].kind, due[0].action),
        (DeadlineKind::Publish, TimerAction::Breach)
    );

    let v = fx
        .run(
            id,
            fx.curator,
            Command::Publish { url: None },
            msk(2026, 3, 2, 12, 0),
        )
        .await
        .unwrap();
    assert_eq!(v.case.state, CaseState::Answered);
    assert_eq!(
        tags(&v),
        [
            "registered",
            "assigned",
            "accepted",
            "draft_submitted",
            "draft_approved",
            "published"
        ]
    );
    let chats: Vec<i64> = outbox_keys(&fx, id)
        .await
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(chats, [1002, 1003, 1003, 1001, 1002, 1003]);
    assert_eq!(
        fx.store.next_timer_at().await.unwrap(),
        None,
        "a closed case has no timers"
    );
    assert!(v.deadlines.iter().all(|d| !d.is_open()));
    assert_eq!(
        fx.view(id).await,
        v,
        "a read replays what the command returned"
    );
}

async fn refused_command_changes_nothing(db: &TestDb) {
    let fx = Fx::new(db).await;
    let v = fx.register("https://vk.com/wall-1_2", monday_9()).await;
    let id = v.case.id;
    let outbox = outbox_keys(&fx, id).await;
    let timers = fx.store.next_timer_at().await.unwrap();

    let err = fx
        .run(id, fx.exec2, Command::Accept { unit: fx.unit1 }, monday_9())
        .await;
    assert!(
        matches!(err, Err(StoreError::Refused(TransitionError::NotYourUnit))),
        "{err:?}"
    );
    let err = fx.run(id, fx.deputy1, Command::Approve, monday_9()).await;
    assert!(
        matches!(
            err,
            Err(StoreError::Refused(TransitionError::WrongState(_)))
        ),
        "{err:?}"
    );
    let err = fx
        .run(
            id,
            fx.curator,
            Command::Reject {
                reason: "  ".into(),
            },
            monday_9(),
        )
        .await;
    assert!(
        matches!(err, Err(StoreError::Refused(TransitionError::EmptyText))),
        "{err:?}"
    );

    assert_eq!(fx.view(id).await, v);
    assert_eq!(outbox_keys(&fx, id).await, outbox);
    assert_eq!(fx.store.next_timer_at().await.unwrap(), timers);
    let missing = fx
        .run(CaseId(9999), fx.curator, Command::Approve, monday_9())
        .await;
    assert!(
        matches!(missing, Err(StoreError::CaseNotFound(_))),
        "{missing:?}"
    );
}

async fn duplicate_update_changes_nothing(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    let meta = CommandMeta::for_update(t, 501);
    let reg = fx.reg("https://vk.com/wall-1_3", &[fx.unit1]);
    let v = fx
        .store
        .register(&reg, fx.curator, meta, &fx.ctx)
        .await
        .unwrap();
    let again = fx
        .store
        .register(
            &fx.reg("https://vk.com/wall-1_4", &[fx.unit1]),
            fx.curator,
            meta,
            &fx.ctx,
        )
        .await;
    assert!(
        matches!(again, Err(StoreError::DuplicateUpdate(501))),
        "{again:?}"
    );
    assert!(fx.store.case_by_number(2, &fx.ctx).await.unwrap().is_none());

    let accept = Command::Accept { unit: fx.unit1 };
    let meta = CommandMeta::for_update(t, 502);
    fx.store
        .execute(v.case.id, fx.exec1, &accept, meta, &fx.ctx)
        .await
        .unwrap();
    let before = fx.view(v.case.id).await;
    let outbox = outbox_keys(&fx, v.case.id).await;
    let reject = Command::Reject {
        reason: "п.17".into(),
    };
    let again = fx
        .store
        .execute(v.case.id, fx.curator, &reject, meta, &fx.ctx)
        .await;
    assert!(
        matches!(again, Err(StoreError::DuplicateUpdate(502))),
        "{again:?}"
    );
    assert_eq!(fx.view(v.case.id).await, before);
    assert_eq!(outbox_keys(&fx, v.case.id).await, outbox);

    // A refused command does not use its update up: the same update may still succeed.
    let meta = CommandMeta::for_update(t, 503);
    let refused = fx
        .store
        .execute(v.case.id, fx.exec2, &reject, meta, &fx.ctx)
        .await;
    assert!(matches!(
        refused,
        Err(StoreError::Refused(TransitionError::RoleRequired(
            Role::Curator
        )))
    ));
    fx.store
        .execute(v.case.id, fx.curator, &reject, meta, &fx.ctx)
        .await
        .unwrap();
    assert!(!fx.store.mark_update(503, t).await.unwrap());
    assert!(fx.store.mark_update(504, t).await.unwrap());
    assert!(!fx.store.mark_update(504, t).await.unwrap());
}

async fn duplicate_link_is_refused_and_repeat_is_allowed(db: &TestDb) {
    let fx = Fx::new(db).await;
    let link = "https://vk.com/wall-1_5";
    let first = fx.register(link, monday_9()).await;
    let meta = CommandMeta::at(monday_9());
    let dup = fx
        .store
        .register(&fx.reg(link, &[fx.unit2]), fx.curator, meta, &fx.ctx)
        .await;
    match dup {
        Err(StoreError::DuplicateLink { case_id, number }) => {
            assert_eq!((case_id, number), (first.case.id, 1));
        }
        other => panic!("expected a duplicate link, got {other:?}"),
    }
    let found = fx
        .store
        .find_by_link(link, &fx.ctx)
        .await
        .unwrap()
        .expect("found");
    assert_eq!(found.case.id, first.case.id);
    assert!(fx
        .store
        .find_by_link("https://vk.com/none", &fx.ctx)
        .await
        .unwrap()
        .is_none());

    let mut repeat = fx.reg("https://vk.com/wall-1_6", &[fx.unit1]);
    repeat.repeat_of = Some(first.case.id);
    let v = fx
        .store
        .register(&repeat, fx.curator, meta, &fx.ctx)
        .await
        .unwrap();
    assert_eq!((v.case.number, v.case.repeat_of), (2, Some(first.case.id)));
    let mut orphan = fx.reg("https://vk.com/wall-1_7", &[fx.unit1]);
    orphan.repeat_of = Some(CaseId(12345));
    let err = fx.store.register(&orphan, fx.curator, meta, &fx.ctx).await;
    assert!(
        matches!(err, Err(StoreError::CaseNotFound(CaseId(12345)))),
        "{err:?}"
    );
}

async fn case_numbers_are_sequential_and_never_reused(db: &TestDb) {
    let fx = Fx::new(db).await;
    let meta = CommandMeta::at(monday_9());
    let a = fx.register("https://t.me/c/1", monday_9()).await;
    let b = fx.register("https://t.me/c/2", monday_9()).await;
    // Failures in between take no number.
    let dup = fx
        .store
        .register(
            &fx.reg("https://t.me/c/1", &[fx.unit1]),
            fx.curator,
            meta,
            &fx.ctx,
        )
        .await;
    assert!(matches!(dup, Err(StoreError::DuplicateLink { .. })));
    let not_curator = fx
        .store
        .register(
            &fx.reg("https://t.me/c/3", &[fx.unit1]),
            fx.exec1,
            meta,
            &fx.ctx,
        )
        .await;
    assert!(matches!(
        not_curator,
        Err(StoreError::Refused(TransitionError::RoleRequired(
            Role::Curator
        )))
    ));
    let no_unit = fx
        .store
        .register(
            &fx.reg("https://t.me/c/3", &[otklik::domain::UnitId(777)]),
            fx.curator,
            meta,
            &fx.ctx,
        )
        .await;
    assert!(
        matches!(no_unit, Err(StoreError::UnknownUnit(_))),
        "{no_unit:?}"
    );
    let c = fx.register("https://t.me/c/3", monday_9()).await;
    assert_eq!([a.case.number, b.case.number, c.case.number], [1, 2, 3]);
    let by_number = fx
        .store
        .case_by_number(2, &fx.ctx)
        .await
        .unwrap()
        .expect("found");
    assert_eq!(by_number.case.id, b.case.id);
}

async fn reject_at_intake_closes_the_case(db: &TestDb) {
    let fx = Fx::new(db).await;
    let reg = fx.reg("https://ok.ru/group/1/topic/2", &[]);
    let v = fx
        .store
        .reject_at_intake(
            &reg,
            "угрозы",
            fx.curator,
            CommandMeta::at(monday_9()),
            &fx.ctx,
        )
        .await
        .unwrap();
    assert_eq!(v.case.state, CaseState::Rejected);
    assert!(matches!(&v.history[1].1.kind, EventKind::Rejected { reason } if reason == "угрозы"));
    assert!(fx
        .store
        .outbox_for_case(v.case.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(fx.store.next_timer_at().await.unwrap(), None);
    let later = fx
        .run(
            v.case.id,
            fx.curator,
            Command::Reject {
                reason: "ещё".into(),
            },
            monday_9(),
        )
        .await;
    assert!(matches!(
        later,
        Err(StoreError::Refused(TransitionError::WrongState(
            CaseState::Rejected
        )))
    ));
}
