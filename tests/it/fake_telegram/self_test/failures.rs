//! Injected failures reach teloxide as the errors real Telegram causes.

use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

use super::{alice, bob, checked_server};
use crate::fake_telegram::Failure;

#[tokio::test]
async fn too_many_requests_becomes_retry_after() {
    let tg = checked_server().await;
    let bot = tg.bot();
    tg.fail_next(
        "sendMessage",
        1,
        Failure::TooManyRequests { retry_after: 7 },
    );
    let err = bot
        .send_message(ChatId(alice().id), "x")
        .await
        .expect_err("429");
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 7),
        "{err:?}"
    );
    bot.send_message(ChatId(alice().id), "x")
        .await
        .expect("only the next one fails");
    assert_eq!(tg.sent_count(), 1);
    assert_eq!(
        tg.requests_for("sendmessage").len(),
        2,
        "failed calls are recorded too"
    );
}

#[tokio::test]
async fn forbidden_and_chat_scoped_failures() {
    let tg = checked_server().await;
    let bot = tg.bot();
    tg.fail_next_in_chat("*", bob().id, 1, Failure::Forbidden);
    bot.send_message(ChatId(alice().id), "to alice")
        .await
        .expect("other chats are fine");
    let err = bot
        .send_message(ChatId(bob().id), "to bob")
        .await
        .expect_err("403");
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );

    tg.set_blocked(alice().id, true);
    let err = bot
        .send_message(ChatId(alice().id), "again")
        .await
        .expect_err("blocked");
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    tg.set_blocked(alice().id, false);
    bot.send_message(ChatId(alice().id), "back")
        .await
        .expect("unblocked");
}

#[tokio::test]
async fn hang_delays_then_delivers() {
    let tg = checked_server().await;
    tg.fail_next("SendMessage", 1, Failure::Hang(Duration::from_millis(300)));
    let started = Instant::now();
    tg.bot()
        .send_message(ChatId(alice().id), "slow")
        .await
        .expect("delivered");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        tg.last_message(alice().id).map(|m| m.text).as_deref(),
        Some("slow")
    );
}

#[tokio::test]
async fn bad_request_failure() {
    let tg = checked_server().await;
    tg.fail_next(
        "editMessageText",
        1,
        Failure::BadRequest("message can't be edited".to_owned()),
    );
    let bot = tg.bot();
    let sent = bot
        .send_message(ChatId(alice().id), "a")
        .await
        .expect("send");
    let err = bot
        .edit_message_text(ChatId(alice().id), sent.id, "b")
        .await
        .expect_err("400");
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageCantBeEdited)),
        "{err:?}"
    );
}

#[tokio::test]
async fn flood_limits_per_chat_and_overall() {
    let tg = checked_server().await;
    let bot = tg.bot();
    tg.enforce_rate_limits(true);
    for n in 1..=3 {
        bot.send_message(ChatId(alice().id), n.to_string())
            .await
            .expect("a short burst");
    }
    let err = bot
        .send_message(ChatId(alice().id), "4")
        .await
        .expect_err("about 1/s per chat");
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() >= 1),
        "{err:?}"
    );
    assert_eq!(tg.too_many_requests_count(), 1);
    bot.edit_message_text(
        ChatId(alice().id),
        teloxide::types::MessageId(1),
        "edits are not throttled",
    )
    .await
    .expect("edit");

    for chat in 0..27 {
        bot.send_message(ChatId(5000 + chat), "burst")
            .await
            .expect("within 30/s");
    }
    let err = bot
        .send_message(ChatId(9999), "31st")
        .await
        .expect_err("30/s overall");
    assert!(matches!(err, RequestError::RetryAfter(_)), "{err:?}");
    assert_eq!(tg.too_many_requests_count(), 2);
    assert_eq!(tg.sent_count(), 30);
}

#[tokio::test]
async fn throttled_bot_is_never_refused() {
    use teloxide::adaptors::throttle::Limits;
    use teloxide::requests::RequesterExt;

    let tg = checked_server().await;
    tg.enforce_rate_limits(true);
    let bot = tg.bot().throttle(Limits::default());
    let sends = (0..3).map(|i| {
        let bot = bot.clone();
        async move { bot.send_message(ChatId(alice().id), format!("m{i}")).await }
    });
    for result in futures::future::join_all(sends).await {
        result.expect("Throttle keeps to 1 message/s per chat");
    }
    assert_eq!(tg.too_many_requests_count(), 0);
}
