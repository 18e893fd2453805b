//! Case commands: the main path with everything a step writes, and refusals and
//! redeliveries that change nothing.

use otklik::domain::case::{CaseState, Command, DraftKind, TransitionError};
use otklik::domain::deadline::{DeadlineKind, Party};
use otklik::domain::notice::NoticeKind;
use otklik::domain::{CaseId, Role};
use otklik::storage::{CommandMeta, StoreError, TimerAction};

use crate::helpers::db::TestDb;
use crate::helpers::look::tags;
use crate::storage::fixture::{monday_9, msk, Fx};
use otklik::service::cases;

contract!(
    main_path_writes_history_outbox_and_timers,
    refused_command_changes_nothing,
    duplicate_update_changes_nothing,
);

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
    let v = cases::register(&fx.store, &reg, fx.curator, meta, &fx.ctx)
        .await
        .unwrap();
    let again = cases::register(
        &fx.store,
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
    cases::execute(&fx.store, v.case.id, fx.exec1, &accept, meta, &fx.ctx)
        .await
        .unwrap();
    let before = fx.view(v.case.id).await;
    let outbox = outbox_keys(&fx, v.case.id).await;
    let reject = Command::Reject {
        reason: "п.17".into(),
    };
    let again = cases::execute(&fx.store, v.case.id, fx.curator, &reject, meta, &fx.ctx).await;
    assert!(
        matches!(again, Err(StoreError::DuplicateUpdate(502))),
        "{again:?}"
    );
    assert_eq!(fx.view(v.case.id).await, before);
    assert_eq!(outbox_keys(&fx, v.case.id).await, outbox);

    // A refused command does not use its update up: the same update may still succeed.
    let meta = CommandMeta::for_update(t, 503);
    let refused = cases::execute(&fx.store, v.case.id, fx.exec2, &reject, meta, &fx.ctx).await;
    assert!(matches!(
        refused,
        Err(StoreError::Refused(TransitionError::RoleRequired(
            Role::Curator
        )))
    ));
    cases::execute(&fx.store, v.case.id, fx.curator, &reject, meta, &fx.ctx)
        .await
        .unwrap();
    assert!(!fx.store.mark_update(503, t).await.unwrap());
    assert!(fx.store.mark_update(504, t).await.unwrap());
    assert!(!fx.store.mark_update(504, t).await.unwrap());
}
