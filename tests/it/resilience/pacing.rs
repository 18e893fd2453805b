//! Issue 10 "Nobody waits" and issue 9 "Replies are never stuck behind notices": pacing to
//! Telegram's real limits (not the group limit in private chats), a person's reply ahead of
//! the notices queued for their chat, and direct replies that survive one 429 or 500.
//! Ordering and counts only; the latency figures are in `examples/pacing_bench.rs`.

use std::time::Duration;

use crate::fake_telegram::{Failure, SentMessage};
use crate::helpers::app::*;

use super::world::{chat_of, mentions_case};

/// Every card to one chat at about one a second, with room for a loaded machine.
const QUEUE: Duration = Duration::from_secs(60);
/// teloxide itself waits 10 s after a 5xx before the retry can start.
const AFTER_5XX: Duration = Duration::from_secs(25);

/// Index of the first `sendMessage` to `chat` whose text satisfies `f`, in arrival order
/// at the fake.
fn send_index(app: &TestApp, chat: u64, f: impl Fn(&str) -> bool) -> Option<usize> {
    app.tg
        .requests()
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is("sendMessage") && chat_of(&r.body) == Some(chat as i64))
        .find(|(_, r)| r.body["text"].as_str().is_some_and(&f))
        .map(|(i, _)| i)
}

/// Case 1 is accepted by the executor; returns its card.
async fn accepted_card(app: &TestApp) -> SentMessage {
    app.register("https://vk.com/wall-8_1", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg
        .press_button(&app.user(EXECUTOR), card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await
}

#[tokio::test]
async fn a_person_replying_quickly_is_answered_within_a_second() {
    // teloxide's Throttle held every private chat to 20 messages a minute: the 21st
    // answer waited for the minute to pass.
    let app = TestApp::start().await;
    app.tg.enforce_rate_limits(true);
    let executor = app.user(EXECUTOR);
    const ASKED: usize = 24;
    for _ in 0..ASKED {
        app.tg.push_text(&executor, "/help");
        tokio::time::sleep(Duration::from_millis(1_100)).await;
    }
    let answers = app
        .tg
        .wait_for_messages(EXECUTOR as i64, ASKED, WAIT)
        .await
        .unwrap_or_else(|_| panic!("answers held back:\n{}", app.tg.dump_chat(EXECUTOR as i64)));
    assert!(answers.iter().all(|m| m.text.contains("Что вы можете")));
    assert_eq!(app.tg.too_many_requests_count(), 0);
    app.stop().await;
}

#[tokio::test]
async fn reply_to_an_action_goes_ahead_of_queued_notices() {
    // A busy chat: 20 cards arrived this minute and more are queued. The prompt the
    // executor asks for goes out before the queued cards, not after them.
    let app = TestApp::start().await;
    app.tg.enforce_rate_limits(true);
    let card = accepted_card(&app).await;
    const CASES: i64 = 24;
    for n in 2..=CASES {
        app.register(&format!("https://vk.com/wall-8_{n}"), &["Отдел ЖКХ"])
            .await;
    }
    let twentieth = |m: &SentMessage| mentions_case(&m.text, 20);
    app.tg
        .wait_for_message(EXECUTOR as i64, twentieth, QUEUE)
        .await
        .expect("card 20");
    app.tg
        .press_button(&app.user(EXECUTOR), card.message_id, "Подготовить ответ");
    let asked = |m: &SentMessage| m.text.contains("пришлите текст ответа");
    app.tg
        .wait_for_message(EXECUTOR as i64, asked, QUEUE)
        .await
        .expect("the prompt");
    let last = |m: &SentMessage| mentions_case(&m.text, CASES);
    app.tg
        .wait_for_message(EXECUTOR as i64, last, QUEUE)
        .await
        .expect("the last card");
    let prompt = send_index(&app, EXECUTOR, |t| t.contains("пришлите текст ответа"));
    let last_card = send_index(&app, EXECUTOR, |t| mentions_case(t, CASES));
    assert!(
        prompt < last_card,
        "the prompt ({prompt:?}) waited behind the queued cards ({last_card:?})"
    );
    assert_eq!(app.tg.too_many_requests_count(), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_500_on_the_confirmation_is_retried_and_the_executor_sees_it() {
    let app = TestApp::start().await;
    let card = accepted_card(&app).await;
    let executor = app.user(EXECUTOR);
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    app.tg
        .fail_next_in_chat("sendMessage", EXECUTOR as i64, 1, Failure::Server(500));
    app.tg.push_text(
        &executor,
        "Уважаемый житель! Ремонт крыши выполнят до 1 декабря.",
    );
    app.tg
        .wait_for_message(EXECUTOR as i64, |m| m.text.contains("Принято."), AFTER_5XX)
        .await
        .expect("the confirmation after the retry");
    let confirmations = app
        .tg
        .messages(EXECUTOR as i64)
        .iter()
        .filter(|m| m.text.contains("Принято."))
        .count();
    assert_eq!(confirmations, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_429_on_answer_callback_still_redraws_the_card() {
    let app = TestApp::start().await;
    app.register("https://vk.com/wall-8_1", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.fail_next(
        "answerCallbackQuery",
        1,
        Failure::TooManyRequests { retry_after: 1 },
    );
    app.tg
        .press_button(&app.user(EXECUTOR), card.message_id, "Принять");
    let card = app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    assert!(!card.has_button("Принять"), "{:?}", card.keyboard);
    // The press was answered too, once Telegram allowed it.
    app.expect_toast("Готово").await;
    app.stop().await;
}
