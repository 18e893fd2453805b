//! SPEC §6 in the use cases: a command from a card the case moved past is refused and
//! changes nothing; a change queues one redraw of each card it leaves behind.

use otklik::domain::case::{Command, Concern, DraftKind, Moved, TransitionError};
use otklik::domain::messenger::Messenger;
use otklik::domain::notice::NoticeKind;
use otklik::domain::CaseId;
use otklik::service::cases;
use otklik::storage::{CardRef, CaseCard, CommandMeta, StoreError};

use crate::helpers::db::TestDb;
use crate::storage::fixture::{monday_9, Fx};

contract!(
    a_command_from_an_older_drafts_card_is_refused_and_changes_nothing,
    cards_left_behind_are_queued_once_and_the_pressed_one_is_not,
    p9_a_card_recorded_just_before_a_stop_is_left_behind_after_it,
);

async fn outbox(fx: &Fx, case: CaseId) -> Vec<(String, Option<NoticeKind>)> {
    let rows = fx.store.outbox_for_case(case).await.expect("reads");
    rows.into_iter()
        .map(|r| (r.key.clone(), r.notice()))
        .collect()
}

fn draft(text: &str) -> Command {
    Command::SubmitDraft {
        kind: DraftKind::Final,
        text: text.into(),
        attachments: vec![],
    }
}

async fn a_command_from_an_older_drafts_card_is_refused_and_changes_nothing(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    let id = fx.register("https://vk.com/wall-1_71", t).await.case.id;
    fx.run(id, fx.exec1, Command::Accept { unit: fx.unit1 }, t)
        .await
        .unwrap();
    let first = fx.run(id, fx.exec1, draft("Один"), t).await.unwrap();
    let comment = Command::SendBack {
        comment: "Доработайте".into(),
    };
    fx.run(id, fx.deputy1, comment, t).await.unwrap();
    let second = fx.run(id, fx.exec1, draft("Два"), t).await.unwrap();

    let before = fx.view(id).await;
    let queued = outbox(&fx, id).await;
    let old = CommandMeta::at(t).seeing(Some(first.case.version), None);
    let refused = cases::execute(&fx.store, id, fx.deputy1, &Command::Approve, old, &fx.ctx).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Refused(TransitionError::Stale(
                Moved::DraftReplaced
            )))
        ),
        "{refused:?}"
    );
    assert_eq!(fx.view(id).await, before);
    assert_eq!(outbox(&fx, id).await, queued);

    let seen = CommandMeta::at(t).seeing(Some(second.case.version), None);
    cases::execute(&fx.store, id, fx.deputy1, &Command::Approve, seen, &fx.ctx)
        .await
        .expect("the card of draft 2 approves draft 2");
}

fn card(fx: &Fx, case: CaseId, message_id: i64, version: u32, c: Concern) -> CaseCard {
    CaseCard {
        at: CardRef {
            messenger: Messenger::Telegram,
            chat_id: 5000 + message_id,
            message_id,
        },
        case,
        person: fx.exec1,
        version,
        concerns: vec![c],
        prompt: false,
    }
}

async fn cards_left_behind_are_queued_once_and_the_pressed_one_is_not(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    let v = fx.register("https://vk.com/wall-1_72", t).await;
    let id = v.case.id;
    let own = card(&fx, id, 1, v.case.version, Concern::Unit(fx.unit1));
    let pressed = card(&fx, id, 2, v.case.version, Concern::Routing);
    fx.store.remember_card(&own).await.unwrap();
    fx.store.remember_card(&pressed).await.unwrap();

    let reassign = Command::Reassign {
        units: vec![fx.unit2],
    };
    let meta = CommandMeta::at(t).seeing(Some(v.case.version), Some(pressed.at));
    let after = cases::execute(&fx.store, id, fx.curator, &reassign, meta, &fx.ctx)
        .await
        .unwrap();
    let rows = outbox(&fx, id).await;
    let cards: Vec<_> = rows
        .iter()
        .filter(|(k, _)| k.starts_with("card:"))
        .collect();
    assert_eq!(
        cards,
        [&(
            format!("card:telegram:5001:1:{}", after.case.version),
            Some(NoticeKind::CardLeftBehind {
                message_id: 1,
                moved: Moved::ReassignedAway,
                prompt: false,
            })
        )]
    );
    let told = rows
        .iter()
        .filter(|(_, n)| *n == Some(NoticeKind::ReassignedAway { unit: fx.unit1 }))
        .count();
    assert!(told >= 1, "{rows:?}");

    // The card is forgotten: a later change does not queue it again.
    fx.run(id, fx.exec2, Command::Accept { unit: fx.unit2 }, t)
        .await
        .unwrap();
    let again = outbox(&fx, id).await;
    let own_rows = again
        .iter()
        .filter(|(k, _)| k.starts_with("card:telegram:5001:"));
    assert_eq!(own_rows.count(), 1);
}

/// SQLite keeps a card record for the next write transaction (`card_log`); closing the store
/// writes it, so a stop right after a redraw does not lose it.
async fn p9_a_card_recorded_just_before_a_stop_is_left_behind_after_it(db: &TestDb) {
    let fx = Fx::new(db).await;
    let t = monday_9();
    let v = fx.register("https://vk.com/wall-1_73", t).await;
    let id = v.case.id;
    let own = card(&fx, id, 3, v.case.version, Concern::Unit(fx.unit1));
    fx.store.remember_card(&own).await.unwrap();
    fx.store.close().await;

    let fx = Fx {
        store: db.reopen().await,
        ..fx
    };
    let reassign = Command::Reassign {
        units: vec![fx.unit2],
    };
    let after = fx.run(id, fx.curator, reassign, t).await.unwrap();
    let keys: Vec<String> = outbox(&fx, id)
        .await
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("card:"))
        .collect();
    assert_eq!(
        keys,
        [format!("card:telegram:5003:3:{}", after.case.version)]
    );
}
