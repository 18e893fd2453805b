//! Poison updates: one that teloxide-core cannot parse (a `message_reaction` without `user`
//! and `actor_chat` panics inside its parser) used to kill the process, and since it was
//! never confirmed, every restart fetched it and died again. Now it is logged and skipped
//! in both modes, and only the kinds the bot handles are asked for.

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::app::EXECUTOR;
use crate::helpers::binary::{Binary, Mode};

use super::driver::{user, STEP};
use super::relay::Relay;
use super::world::World;

/// Created before the bot asked for its kinds, so Telegram still serves it (the Bot API:
/// `allowed_updates` does not affect updates created before the call).
pub(crate) fn poison() -> Value {
    json!({ "message_reaction": {
        "chat": { "id": EXECUTOR, "type": "private", "first_name": "Пётр" },
        "message_id": 1, "date": 1_764_000_000,
        "old_reaction": [], "new_reaction": [{ "type": "emoji", "emoji": "👍" }]
    }})
}

/// The bot answers `/help` sent after the poison, and is still running.
async fn still_serves(w: &World, bin: &mut Binary) {
    w.tg.push_text(&user(EXECUTOR), "/help");
    let answer =
        w.tg.wait_for_message(EXECUTOR as i64, |m| m.text.contains("Что вы можете"), STEP)
            .await;
    assert!(answer.is_ok(), "no answer after the poison:\n{}", bin.log());
    assert!(
        bin.wait_exit(Duration::from_millis(200)).await.is_none(),
        "the process died:\n{}",
        bin.log()
    );
}

#[tokio::test]
async fn poison_update_in_polling_mode_is_skipped_and_confirmed() {
    let w = World::sqlite().await;
    w.tg.push_raw(poison());
    let mut bin = Binary::start(&w.tg, &w.db_url, &w.config).await;
    still_serves(&w, &mut bin).await;
    let deadline = tokio::time::Instant::now() + STEP;
    while w.tg.pending_updates() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "not confirmed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let polls = w.tg.requests_for("getUpdates");
    assert!(!polls.is_empty());
    for p in polls {
        assert_eq!(
            p.body["allowed_updates"],
            json!(["message", "channel_post", "callback_query"]),
            "{}",
            p.body
        );
    }
}

#[tokio::test]
async fn poison_update_in_webhook_mode_is_answered_200_and_skipped() {
    let w = World::sqlite().await;
    w.tg.push_raw(poison());
    let mode = Mode::webhook();
    let Mode::Webhook { url, .. } = mode.clone() else {
        unreachable!("webhook mode")
    };
    let mut bin = Binary::start_in(&w.tg, &w.db_url, &w.config, mode)
        .await
        .expect("serves");
    let set = w.tg.requests_for("setWebhook");
    // Sent as multipart, where a list is a JSON text.
    let allowed = set.last().map(|r| match &r.body["allowed_updates"] {
        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
        other => other.clone(),
    });
    assert_eq!(
        allowed,
        Some(json!(["message", "channel_post", "callback_query"]))
    );
    // The relay (Telegram) retries an update until it gets a 200: a poison answered with
    // anything else would hold back everything behind it.
    let relay = Relay::start(&w.tg, vec![url]);
    still_serves(&w, &mut bin).await;
    assert_eq!(relay.served(), vec![2], "the poison and /help, each once");
    relay.stop().await;
}
