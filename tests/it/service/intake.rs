//! Registration: duplicate links, repeats, case numbers, and п.17 rejection at intake.

use otklik::domain::case::{CaseState, Command, EventKind, TransitionError};
use otklik::domain::{CaseId, Role, UnitId};
use otklik::storage::{CommandMeta, StoreError};

use crate::helpers::db::TestDb;
use crate::storage::fixture::{monday_9, Fx};
use otklik::service::cases;

contract!(
    duplicate_link_is_refused_and_repeat_is_allowed,
    case_numbers_are_sequential_and_never_reused,
    reject_at_intake_closes_the_case,
);

async fn duplicate_link_is_refused_and_repeat_is_allowed(db: &TestDb) {
    let fx = Fx::new(db).await;
    let link = "https://vk.com/wall-1_5";
    let first = fx.register(link, monday_9()).await;
    let meta = CommandMeta::at(monday_9());
    let dup = cases::register(
        &fx.store,
        &fx.reg(link, &[fx.unit2]),
        fx.curator,
        meta,
        &fx.ctx,
    )
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
    let v = cases::register(&fx.store, &repeat, fx.curator, meta, &fx.ctx)
        .await
        .unwrap();
    assert_eq!((v.case.number, v.case.repeat_of), (2, Some(first.case.id)));
    let mut orphan = fx.reg("https://vk.com/wall-1_7", &[fx.unit1]);
    orphan.repeat_of = Some(CaseId(12345));
    let err = cases::register(&fx.store, &orphan, fx.curator, meta, &fx.ctx).await;
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
    let dup = cases::register(
        &fx.store,
        &fx.reg("https://t.me/c/1", &[fx.unit1]),
        fx.curator,
        meta,
        &fx.ctx,
    )
    .await;
    assert!(matches!(dup, Err(StoreError::DuplicateLink { .. })));
    let not_curator = cases::register(
        &fx.store,
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
    let no_unit = cases::register(
        &fx.store,
        &fx.reg("https://t.me/c/3", &[UnitId(777)]),
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
    let v = cases::reject_at_intake(
        &fx.store,
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
