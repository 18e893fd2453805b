//! Small readers shared by the end-to-end tests: what a case's history says, and which
//! message a chat got after a given one.

use std::time::Duration;

use otklik::storage::CaseView;
use sqlx::Connection;

use super::app::{TestApp, EXECUTOR, WAIT};
use crate::fake_telegram::SentMessage;

/// The tags of a case's events, oldest first.
pub fn tags(view: &CaseView) -> Vec<&'static str> {
    view.events().map(|e| e.kind.tag()).collect()
}

/// The first message to `chat` after message `after` containing `needle` (earlier ones
/// may have been redrawn since).
pub async fn message_after(app: &TestApp, chat: u64, needle: &str, after: i32) -> SentMessage {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found = app
            .tg
            .messages(chat as i64)
            .into_iter()
            .find(|m| m.message_id > after && m.text.contains(needle));
        if let Some(m) = found {
            return m;
        }
        if tokio::time::Instant::now() > deadline {
            panic!(
                "no message after #{after} with {needle:?}:\n{}",
                app.tg.dump_chat(chat as i64)
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The id of the last message `chat` got (0 when none).
pub fn last_id(app: &TestApp, chat: u64) -> i32 {
    app.tg
        .messages(chat as i64)
        .last()
        .map_or(0, |m| m.message_id)
}

/// Runs `sql` on a second connection to the app's database, as another writer would.
pub async fn exec(app: &TestApp, sql: &str) {
    let mut conn = sqlx::SqliteConnection::connect(&app.db_url)
        .await
        .expect("second connection");
    sqlx::query(sql).execute(&mut conn).await.expect(sql);
}

/// Case 1 registered for ЖКХ, accepted, and the executor asked for the answer's text.
pub async fn writing(app: &TestApp, link: &str) -> CaseView {
    let executor = app.user(EXECUTOR);
    let view = app.register(link, &["Отдел ЖКХ"]).await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    view
}
