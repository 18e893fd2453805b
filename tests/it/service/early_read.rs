//! A command reads its case before it waits for the write lock (SQLite, issue 15), and
//! takes its history ids from the last commit: what that must not break. Run against both
//! backends, as the guarantees are the same.

use otklik::domain::case::Command;
use otklik::domain::messenger::Messenger;
use otklik::storage::{CardRef, CaseCard, CaseView, CommandMeta, StoreError};

use crate::helpers::db::TestDb;
use crate::storage::fixture::{monday_9, Fx};
use otklik::service::cases;

contract!(
    a_case_changed_after_the_read_is_not_written_over,
    history_written_by_another_process_between_commands_keeps_every_row,
    a_card_still_queued_for_the_case_is_seen_by_its_next_command,
);

fn accept(fx: &Fx) -> Command {
    Command::Accept { unit: fx.unit1 }
}

/// The read does not hold the lock (another command commits meanwhile), and the write that
/// follows it is refused as a conflict instead of replacing what was committed.
async fn a_case_changed_after_the_read_is_not_written_over(db: &TestDb) {
    let fx = Fx::new(db).await;
    let v = fx.register("https://vk.com/wall-9_1", monday_9()).await;
    let id = v.case.id;
    let mut tx = fx.store.begin_write().await.unwrap();
    let (number, version, history) = tx.case_with_history(id).await.unwrap().unwrap();

    let meta = CommandMeta::at(monday_9());
    cases::execute(&fx.store, id, fx.exec1, &accept(&fx), meta, &fx.ctx)
        .await
        .expect("another command commits while the first has only read");
    let committed = fx.view(id).await;
    assert!(committed.events().any(|e| e.kind.tag() == "accepted"));

    // PostgreSQL refuses the row's write at once, SQLite with the commit it goes with.
    let read = CaseView::from_history(id, number, history, &fx.ctx).unwrap();
    let written = match tx
        .write_case_row(&read.case, Some(version), None, None)
        .await
    {
        Ok(()) => tx.commit().await,
        Err(e) => Err(e),
    };
    assert!(matches!(written, Err(StoreError::Conflict)), "{written:?}");
    assert_eq!(fx.view(id).await, committed);
}

/// Ids taken from this process's last commit are checked in the write's own call: when
/// another process wrote history since, the command runs again, and both histories stay
/// whole, every row with its own id.
async fn history_written_by_another_process_between_commands_keeps_every_row(db: &TestDb) {
    let fx = Fx::new(db).await;
    let first = fx.register("https://vk.com/wall-9_2", monday_9()).await;
    let second = fx.register("https://vk.com/wall-9_3", monday_9()).await;
    let other = db.reopen().await;
    let meta = CommandMeta::at(monday_9());
    cases::execute(
        &other,
        second.case.id,
        fx.exec1,
        &accept(&fx),
        meta,
        &fx.ctx,
    )
    .await
    .expect("the other process's command");
    cases::execute(
        &fx.store,
        first.case.id,
        fx.exec1,
        &accept(&fx),
        meta,
        &fx.ctx,
    )
    .await
    .expect("this process's command after it");

    let mut ids = Vec::new();
    for case in [first.case.id, second.case.id] {
        let view = fx.view(case).await;
        assert!(view.events().any(|e| e.kind.tag() == "accepted"));
        ids.extend(view.history.iter().map(|(id, _)| *id));
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "history ids are unique");
    other.close().await;
}

/// A card recorded just before a command (still queued on SQLite) is among the cards that
/// command reads for its case, so it is redrawn or forgotten with the others.
async fn a_card_still_queued_for_the_case_is_seen_by_its_next_command(db: &TestDb) {
    let fx = Fx::new(db).await;
    let v = fx.register("https://vk.com/wall-9_4", monday_9()).await;
    let card = CaseCard {
        at: CardRef {
            messenger: Messenger::Telegram,
            chat_id: 9004,
            message_id: 4,
        },
        case: v.case.id,
        person: fx.exec1,
        version: v.case.version,
        concerns: Vec::new(),
        prompt: false,
    };
    fx.store.remember_card(&card).await.unwrap();
    let mut tx = fx.store.begin_write().await.unwrap();
    tx.case_with_history(v.case.id).await.unwrap().unwrap();
    let cards = tx.case_cards(v.case.id).await.unwrap();
    assert_eq!(cards, vec![card]);
}
