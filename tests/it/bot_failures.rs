//! A storage failure never changes the route: the person is told «Не получилось из-за сбоя…»,
//! nothing is half-stored, and neither a stranger's greeting nor a new intake follows.

use otklik::clock::Clock;
use otklik::domain::case::CaseState;
use otklik::storage::Store;

use crate::helpers::app::*;
use crate::helpers::look::*;

const FAILED: &str = "Не получилось из-за сбоя";

#[tokio::test]
async fn storage_failure_during_a_press_gets_the_failure_reply_and_changes_nothing() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = app
        .register("https://vk.com/wall-1_300", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    let before = app.case(view.case.id).await;

    // The command gets as far as its history rows, then a later write in the same
    // transaction breaks.
    exec(
        &app,
        "CREATE TRIGGER broken BEFORE INSERT ON case_units \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    )
    .await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    let alert = app.expect_toast(FAILED).await;
    assert!(alert.starts_with(FAILED), "{alert}");

    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Assigned);
    assert_eq!(tags(&after), tags(&before));
    assert_eq!(tags(&after), ["registered", "assigned"]);
    let shown = app
        .tg
        .message(EXECUTOR as i64, card.message_id)
        .expect("card");
    assert!(!shown.text.contains("В работе"), "{}", shown.text);

    // Repaired, the same button works: the failure left nothing in the way.
    exec(&app, "DROP TRIGGER broken").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    assert_eq!(
        tags(&app.case(view.case.id).await),
        ["registered", "assigned", "accepted"]
    );
    app.stop().await;
}

#[tokio::test]
async fn a_failed_sender_lookup_is_not_a_stranger() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = app
        .register("https://vk.com/wall-1_301", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;

    // Every query fails from now on, the sender's lookup first.
    app.store.close().await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_toast(FAILED).await;
    app.tg.push_text(&executor, "https://vk.com/wall-1_302");
    app.expect_message(EXECUTOR, FAILED).await;

    let answers = app.tg.callback_answers();
    assert!(
        answers
            .iter()
            .all(|(_, t, _)| t.as_deref() != Some("Нет доступа.")),
        "{answers:?}"
    );
    let chat = app.tg.dump_chat(EXECUTOR as i64);
    assert!(!chat.contains("Здравствуйте!"), "{chat}");

    let reopened = Store::connect(&app.db_url).await.expect("reopen");
    let stored = reopened
        .case(view.case.id, &app.store_ctx())
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(tags(&stored), ["registered", "assigned"]);
    assert!(reopened
        .find_by_link("https://vk.com/wall-1_302", &app.store_ctx())
        .await
        .expect("read")
        .is_none());
    reopened.close().await;
    app.stop().await;
}

#[tokio::test]
async fn an_unreadable_dialog_is_reported_not_dropped() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let chat = EXECUTOR as i64;
    let odd = serde_json::json!({"await": "from_a_future_release", "case": 1});
    app.store
        .dialog_put(chat, &odd, app.clock.now())
        .await
        .expect("stored");

    app.tg.push_text(&executor, "Текст ответа");
    app.expect_message(EXECUTOR, FAILED).await;
    assert_eq!(app.store.dialog_get(chat).await.expect("read"), Some(odd));

    // /cancel still clears it, and the chat works again.
    app.tg.push_text(&executor, "/cancel");
    app.expect_message(EXECUTOR, "Отменено").await;
    assert_eq!(app.store.dialog_get(chat).await.expect("read"), None);
    app.stop().await;
}
