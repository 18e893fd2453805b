//! Telegram refusing sends (SPEC §7): flood control and a server error delay a notification
//! but neither loses nor doubles it; a person who blocked the bot is marked unreachable and
//! the curator is told, once.

use std::time::Duration;

use otklik::storage::OutboxStatus;

use crate::fake_telegram::Failure;
use crate::helpers::app::*;

use super::world::headline;

/// 429 (2 s), then 500 (teloxide itself waits 10 s after a 5xx), then the backoff.
const RECOVERY: Duration = Duration::from_secs(40);

/// Messages in `chat` whose headline contains `needle`.
fn notices(app: &TestApp, chat: u64, needle: &str) -> usize {
    let messages = app.tg.messages(chat as i64);
    messages
        .iter()
        .filter(|m| headline(&m.raw_text).is_some_and(|h| h.contains(needle)))
        .count()
}

/// Waits until no notice about `case` is pending any more.
async fn settled(app: &TestApp, case: otklik::domain::CaseId) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows = app.store.outbox_for_case(case).await.expect("outbox");
        if rows.iter().all(|r| r.status != OutboxStatus::Pending) {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "pending: {rows:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn flood_control_and_a_server_error_delay_a_notice_but_it_arrives_once() {
    let app = TestApp::start().await;
    let chat = EXECUTOR as i64;
    let flood = Failure::TooManyRequests { retry_after: 2 };
    app.tg.fail_next_in_chat("sendMessage", chat, 1, flood);
    app.tg
        .fail_next_in_chat("sendMessage", chat, 1, Failure::Server(500));
    let view = app
        .register("https://vk.com/wall-4_1", &["Отдел ЖКХ"])
        .await;
    // The deputy's card is not held up by the executor's chat.
    app.expect_message(DEPUTY, "Дело №1").await;
    app.tg
        .wait_for_message(chat, |m| m.text.contains("Дело №1"), RECOVERY)
        .await
        .expect("the card arrives after the failures");
    settled(&app, view.case.id).await;
    let rows = app
        .store
        .outbox_for_case(view.case.id)
        .await
        .expect("outbox");
    let row = rows
        .iter()
        .find(|r| r.chat_id == chat)
        .expect("the executor's row");
    assert_eq!(row.status, OutboxStatus::Sent, "{row:?}");
    app.tg
        .settle(Duration::from_millis(500), RECOVERY)
        .await
        .expect("quiet");
    assert_eq!(notices(&app, EXECUTOR, "Новое сообщение"), 1);
    assert_eq!(notices(&app, DEPUTY, "Новое сообщение"), 1);

    // Three attempts, the second no sooner than Telegram's retry_after allowed.
    let tries: Vec<_> = app
        .tg
        .requests_for("sendMessage")
        .into_iter()
        .filter(|r| super::world::chat_of(&r.body) == Some(chat))
        .collect();
    assert_eq!(tries.len(), 3, "{:?}", app.tg.api_errors());
    let waited = tries[1].at.duration_since(tries[0].at);
    // The fake records arrivals; the bot's retry moment is rounded up to a whole second.
    assert!(
        waited >= Duration::from_millis(1900),
        "retried after {waited:?}, Telegram asked for 2 s"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_person_who_blocked_the_bot_is_marked_unreachable_and_the_curator_told_once() {
    let app = TestApp::start().await;
    app.tg.set_blocked(EXECUTOR as i64, true);
    let first = app
        .register("https://vk.com/wall-4_2", &["Отдел ЖКХ"])
        .await;
    let notice = app.expect_message(CURATOR, "недоступен для бота").await;
    assert!(notice.text.contains("Петров П.П."), "{}", notice.text);
    app.expect_message(DEPUTY, "Дело №1").await;
    let executor = app.person(EXECUTOR).await;
    let settings = app.store.person_settings(executor).await.expect("read");
    assert!(
        settings.is_some_and(|s| s.unreachable),
        "marked unreachable"
    );
    let rows = app
        .store
        .outbox_for_case(first.case.id)
        .await
        .expect("outbox");
    let to_executor = rows.iter().find(|r| r.person == executor).expect("row");
    assert_eq!(to_executor.status, OutboxStatus::Dead, "{to_executor:?}");

    // A second case to the same person: not announced again.
    let second = app
        .register("https://vk.com/wall-4_3", &["Отдел ЖКХ"])
        .await;
    app.expect_message(DEPUTY, "Дело №2").await;
    settled(&app, second.case.id).await;
    app.tg
        .settle(Duration::from_secs(1), WAIT)
        .await
        .expect("quiet");
    assert_eq!(notices(&app, CURATOR, "недоступен для бота"), 1);
    assert!(app.tg.messages(EXECUTOR as i64).is_empty());
    app.stop().await;
}

/// Telegram's answer for a person who never pressed Start is «Forbidden: bot can't initiate
/// conversation with a user»: the person is marked unreachable and the curator warned; when
/// the person starts the bot, the card they missed arrives.
#[tokio::test]
async fn never_started_is_unreachable_and_start_brings_the_missed_card() {
    let app = TestApp::start().await;
    let never_started = "Forbidden: bot can't initiate conversation with a user";
    app.tg.fail_next_in_chat(
        "sendMessage",
        EXECUTOR as i64,
        1,
        Failure::ForbiddenAs(never_started.into()),
    );
    let view = app
        .register("https://vk.com/wall-4_9", &["Отдел ЖКХ"])
        .await;
    let warning = app.expect_message(CURATOR, "недоступен для бота").await;
    assert!(warning.text.contains("Петров П.П."), "{}", warning.text);
    let executor = app.person(EXECUTOR).await;
    let settings = app.store.person_settings(executor).await.expect("read");
    assert!(
        settings.is_some_and(|s| s.unreachable),
        "marked unreachable"
    );
    assert!(app.tg.messages(EXECUTOR as i64).is_empty());

    app.tg.push_text(&app.user(EXECUTOR), "/start");
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    assert!(card.has_button("Принять"), "{:?}", card.keyboard);
    let settings = app.store.person_settings(executor).await.expect("read");
    assert!(!settings.is_some_and(|s| s.unreachable), "reachable again");
    settled(&app, view.case.id).await;
    let rows = app
        .store
        .outbox_for_case(view.case.id)
        .await
        .expect("outbox");
    assert!(
        rows.iter().all(|r| r.status == OutboxStatus::Sent),
        "{rows:?}"
    );
    app.stop().await;
}

/// A notice of several messages (a draft's card, then its photo) refused on a later part is
/// retried whole by `bot/courier.rs`, so the parts that already went out arrive again: the
/// deputy gets the draft for approval twice. Nothing crashed, so SPEC §7's "nothing is sent
/// twice" should hold; the courier should resume after the parts already sent.
#[tokio::test]
async fn a_notice_refused_on_its_photo_is_not_sent_twice() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = app
        .register("https://vk.com/wall-4_4", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    // (A 429 would not do: teloxide's throttle retries those itself, part by part.)
    app.tg
        .fail_next_in_chat("sendPhoto", DEPUTY as i64, 1, Failure::Server(500));
    app.tg
        .push_photo(&executor, "photo-roof", Some("Крыша отремонтирована."));
    app.tg
        .wait_for_message(
            DEPUTY as i64,
            |m| m.media.as_ref().is_some_and(|x| x.file_id == "photo-roof"),
            RECOVERY,
        )
        .await
        .expect("the photo reaches the deputy after the 500");
    settled(&app, view.case.id).await;
    assert_eq!(
        notices(&app, DEPUTY, "Проект ответа на согласование"),
        1,
        "{}",
        app.tg.dump_chat(DEPUTY as i64)
    );
    app.stop().await;
}
