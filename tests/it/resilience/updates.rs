//! Telegram redelivers an update when the bot did not confirm it (e.g. it crashed right after
//! committing): a redelivered press or reply must change nothing a second time.

use chrono::Utc;
use otklik::domain::CaseId;
use otklik::storage::OutboxStatus;
use serde_json::{json, Value};

use crate::fake_telegram::{SentMessage, BOT_ID, BOT_USERNAME};
use crate::helpers::app::*;

fn person(id: u64) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": "Сотрудник", "language_code": "ru" })
}

fn chat(id: u64) -> Value {
    json!({ "id": id, "type": "private", "first_name": "Сотрудник" })
}

/// Presses `label` on `card` through a raw update, so the test knows its update id.
fn press_raw(app: &TestApp, who: u64, card: &SentMessage, label: &str) -> i64 {
    let (_, data) = card.button(label).expect("the button is on the card");
    let bot =
        json!({ "id": BOT_ID, "is_bot": true, "first_name": "Otklik", "username": BOT_USERNAME });
    let message = json!({
        "message_id": card.message_id, "from": bot, "chat": chat(who),
        "date": Utc::now().timestamp(), "text": card.text, "reply_markup": card.reply_markup,
    });
    let query = json!({
        "id": format!("raw-{}-{}", who, card.message_id), "from": person(who),
        "message": message, "chat_instance": format!("ci-{who}"), "data": data,
    });
    app.tg.push_raw(json!({ "callback_query": query }))
}

/// Sends `text` from `who` through a raw update; returns its update id.
fn text_raw(app: &TestApp, who: u64, message_id: i64, text: &str) -> i64 {
    let message = json!({
        "message_id": message_id, "from": person(who), "chat": chat(who),
        "date": Utc::now().timestamp(), "text": text,
    });
    app.tg.push_raw(json!({ "message": message }))
}

/// What a redelivery must not change: the history and every outbox row.
async fn snapshot(
    app: &TestApp,
    case: CaseId,
) -> (Vec<&'static str>, Vec<(i64, String, OutboxStatus)>) {
    let view = app.case(case).await;
    let tags = view.events().map(|e| e.kind.tag()).collect();
    let rows = app.store.outbox_for_case(case).await.expect("outbox");
    (
        tags,
        rows.into_iter().map(|r| (r.id, r.key, r.status)).collect(),
    )
}

/// Every notice about `case` delivered, so later snapshots differ only by what changed.
async fn delivered(app: &TestApp, case: CaseId) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows = app.store.outbox_for_case(case).await.expect("outbox");
        if rows.iter().all(|r| r.status == OutboxStatus::Sent) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "undelivered: {rows:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Updates of one chat are handled in order: once the answer to `/help` is there, the
/// redelivered update before it has been handled too.
async fn handled_up_to_here(app: &TestApp, who: u64) {
    let last = app.tg.last_message(who as i64).map_or(0, |m| m.message_id);
    app.tg.push_text(&app.user(who), "/help");
    app.tg
        .wait_for_new_message(
            who as i64,
            last,
            |m| m.text.contains("Что вы можете сделать"),
            WAIT,
        )
        .await
        .expect("the help answer");
}

#[tokio::test]
async fn a_redelivered_press_and_a_redelivered_reply_change_nothing_twice() {
    let app = TestApp::start().await;
    let view = app
        .register("https://vk.com/wall-3_1", &["Отдел ЖКХ"])
        .await;
    let id = view.case.id;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.expect_message(DEPUTY, "Дело №1").await;

    let press = press_raw(&app, EXECUTOR, &card, "Принять");
    let card = app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    delivered(&app, id).await;
    let before = snapshot(&app, id).await;
    app.tg.push_duplicate(press);
    handled_up_to_here(&app, EXECUTOR).await;
    assert_eq!(snapshot(&app, id).await, before, "a redelivered «Принять»");

    app.tg
        .press_button(&app.user(EXECUTOR), card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    let reply = text_raw(&app, EXECUTOR, 900_001, "Крышу отремонтируют до 1 декабря.");
    app.expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    delivered(&app, id).await;
    let before = snapshot(&app, id).await;
    let deputy_sees = app.tg.messages(DEPUTY as i64).len();
    app.tg.push_duplicate(reply);
    handled_up_to_here(&app, EXECUTOR).await;
    assert_eq!(snapshot(&app, id).await, before, "a redelivered draft");
    assert_eq!(
        app.tg.messages(DEPUTY as i64).len(),
        deputy_sees,
        "the deputy got nothing new:\n{}",
        app.tg.dump_chat(DEPUTY as i64)
    );
    assert_eq!(
        before.0,
        ["registered", "assigned", "accepted", "draft_submitted"]
    );
    app.stop().await;
}
