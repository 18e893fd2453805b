//! `getUpdates`: long polling, offsets, duplicates, and that every update
//! builder deserializes in teloxide.

use std::time::{Duration, Instant};

use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, MediaKind as TgMedia, MessageKind, MessageOrigin, Update, UpdateKind,
};

use super::{alice, bob, checked_server};

fn message_of(update: &Update) -> &teloxide::types::Message {
    match &update.kind {
        UpdateKind::Message(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

#[tokio::test]
async fn long_poll_wakes_on_push() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let poll = tokio::spawn(async move { bot.get_updates().timeout(10).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let id = tg.push_text(&alice(), "/start invite-1");
    let updates = poll.await.expect("join").expect("getUpdates");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "long poll must wake on push"
    );
    let message = message_of(&updates[0]);
    assert_eq!(
        (message.id.0, message.text()),
        (id, Some("/start invite-1"))
    );
    assert_eq!(
        message.from.as_ref().map(|u| u.language_code.as_deref()),
        Some(Some("ru"))
    );
    tg.assert_spec_clean();
}

#[tokio::test]
async fn empty_long_poll_is_capped() {
    let tg = checked_server().await;
    let started = Instant::now();
    let updates = tg
        .bot()
        .get_updates()
        .timeout(30)
        .await
        .expect("getUpdates");
    assert!(updates.is_empty());
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn every_builder_deserializes() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let (a, b) = (alice(), bob());
    let card = bot
        .send_message(ChatId(a.id), "card")
        .await
        .expect("send")
        .id
        .0;
    tg.push_reply(&a, "ответ https://vk.com/wall-1_2", card);
    tg.push_photo(&a, "ph-1", Some("фото"));
    tg.push_document(&a, "doc-1", "act.pdf", None);
    tg.push_video(&a, "vid-1", None);
    tg.push_forwarded_channel_post(&b, "Новости", "news_channel", 77, "пост");
    tg.message_from(&a)
        .photo("ph-2")
        .media_group("album-1")
        .push();
    tg.push_raw(json!({ "edited_message": { "message_id": card, "date": 1, "chat": { "id": a.id, "type": "private", "first_name": "A" }, "text": "x" } }));
    tg.push_text(&a, "/my");

    let updates = bot.get_updates().await.expect("getUpdates");
    assert_eq!(updates.len(), 8);
    assert!(
        updates
            .iter()
            .all(|u| !matches!(u.kind, UpdateKind::Error(_))),
        "{updates:#?}"
    );
    let reply = message_of(&updates[0]);
    assert_eq!(reply.reply_to_message().map(|m| m.id.0), Some(card));
    assert!(
        matches!(message_of(&updates[1]).kind, MessageKind::Common(ref c) if matches!(c.media_kind, TgMedia::Photo(_)))
    );
    assert_eq!(
        message_of(&updates[2])
            .document()
            .and_then(|d| d.file_name.as_deref()),
        Some("act.pdf")
    );
    assert!(
        message_of(&updates[3]).video().is_some(),
        "{:#?}",
        updates[3]
    );
    let origin = message_of(&updates[4]).forward_origin();
    assert!(
        matches!(origin, Some(MessageOrigin::Channel { message_id, .. }) if message_id.0 == 77)
    );
    assert_eq!(
        message_of(&updates[5])
            .media_group_id()
            .map(|g| g.0.as_str()),
        Some("album-1")
    );
    assert!(matches!(updates[6].kind, UpdateKind::EditedMessage(_)));
    let ids: Vec<u32> = updates.iter().map(|u| u.id.0).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "update ids increase: {ids:?}"
    );
    tg.assert_spec_clean();
}

#[tokio::test]
#[should_panic(expected = "has no button")]
async fn press_requires_an_existing_button() {
    let tg = checked_server().await;
    let card = tg
        .bot()
        .send_message(ChatId(alice().id), "no buttons")
        .await
        .expect("send")
        .id
        .0;
    tg.press(&alice(), card, "nope");
}

#[tokio::test]
async fn callback_offsets_and_duplicates() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let a = alice();
    let keyboard = teloxide::types::InlineKeyboardMarkup::new(vec![vec![
        teloxide::types::InlineKeyboardButton::callback("Да", "yes"),
    ]]);
    let card = bot
        .send_message(ChatId(a.id), "?")
        .reply_markup(keyboard)
        .await
        .expect("send")
        .id
        .0;
    let query_id = tg.press(&a, card, "yes");
    let first = bot.get_updates().await.expect("poll");
    let UpdateKind::CallbackQuery(query) = &first[0].kind else {
        panic!("{first:?}")
    };
    assert_eq!(
        (query.id.0.as_str(), query.data.as_deref()),
        (query_id.as_str(), Some("yes"))
    );
    assert_eq!(query.message.as_ref().map(|m| m.id().0), Some(card));

    let next = first[0].id.as_offset();
    tg.push_text(&a, "later");
    let second = bot.get_updates().offset(next).await.expect("poll");
    assert_eq!(second.len(), 1, "the offset confirmed the callback");
    tg.push_duplicate(first[0].id.0 as i64);
    let offset = second[0].id.as_offset();
    let third = bot.get_updates().offset(offset).await.expect("poll");
    assert_eq!(
        third.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![first[0].id]
    );
    assert_eq!(tg.pending_updates(), 0);
}

#[tokio::test]
async fn allowed_updates_filter() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let reaction = || json!({ "message_reaction_count": { "chat": { "id": 1, "type": "private", "first_name": "A" }, "message_id": 1, "date": 1, "reactions": [] } });
    let poll = |allowed: Vec<AllowedUpdate>, offset: i32| {
        bot.get_updates().offset(offset).allowed_updates(allowed)
    };
    let none = poll(vec![AllowedUpdate::Message], 0).await.expect("poll");
    assert!(none.is_empty());
    tg.push_raw(reaction());
    tg.push_text(&alice(), "hi");
    let updates = poll(vec![AllowedUpdate::Message], 0).await.expect("poll");
    assert_eq!(updates.len(), 1);
    assert!(matches!(updates[0].kind, UpdateKind::Message(_)));
    // The Bot API: a new list does not affect updates created before the call.
    let next = updates[0].id.as_offset();
    tg.push_raw(reaction());
    let updates = poll(vec![AllowedUpdate::CallbackQuery], next)
        .await
        .expect("poll");
    assert_eq!(updates.len(), 1, "created before the change: still served");
    tg.assert_spec_clean();
}
