//! п.19 by hand: a deficiency notice is recorded and queued for the controller in one
//! transaction, counted by unit and month, and refused to other roles, on both backends.

use otklik::domain::notice::NoticeKind;
use otklik::service::deficiency::{send, Request};
use otklik::storage::{CommandMeta, StoreError};

use super::fixture::{msk, Fx};
use crate::helpers::db::TestDb;

contract!(p19_notices_by_hand_are_queued_counted_and_refused_to_executors);

async fn p19_notices_by_hand_are_queued_counted_and_refused_to_executors(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let case = fx
        .register("https://t.me/d/1", msk(2026, 11, 2, 9, 0))
        .await;
    let req = |author, unit, case, text: &str| Request {
        author,
        unit,
        case,
        text: text.to_owned(),
    };
    let at = |d| CommandMeta::at(msk(2026, 11, d, 10, 0));
    let id = send(
        s,
        req(fx.curator, fx.unit1, Some(case.case.id), " Срыв. "),
        at(3),
    )
    .await
    .expect("the curator may");
    send(s, req(fx.curator, fx.unit1, None, "Ещё."), at(4))
        .await
        .unwrap();
    // December's is not November's.
    let december = CommandMeta::at(msk(2026, 12, 1, 10, 0));
    send(s, req(fx.curator, fx.unit2, None, "Потом."), december)
        .await
        .unwrap();

    let stored = s.deficiency_notice(id).await.unwrap().expect("stored");
    assert_eq!((stored.text.as_str(), stored.unit), ("Срыв.", fx.unit1));
    assert_eq!(stored.case, Some(case.case.id));
    let queued = s.outbox_for_case(case.case.id).await.unwrap();
    let to_controller: Vec<_> = queued
        .iter()
        .filter(|r| r.notice() == Some(NoticeKind::Deficiency { id }))
        .map(|r| r.person)
        .collect();
    assert_eq!(to_controller, [fx.controller]);

    let refused = send(s, req(fx.exec1, fx.unit1, None, "Нельзя."), at(5)).await;
    assert!(
        matches!(refused, Err(StoreError::Refused(_))),
        "{refused:?}"
    );
    let empty = send(s, req(fx.curator, fx.unit1, None, "  "), at(5)).await;
    assert!(matches!(empty, Err(StoreError::Refused(_))), "{empty:?}");
    let counts = s
        .deficiency_notices_by_unit(msk(2026, 11, 1, 0, 0), msk(2026, 12, 1, 0, 0))
        .await
        .unwrap();
    assert_eq!(counts, [(fx.unit1, 2)]);
}
