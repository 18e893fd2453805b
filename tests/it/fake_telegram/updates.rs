//! JSON builders for Bot API objects (users, chats, messages, updates),
//! shaped so that teloxide 0.17 deserializes them.

use serde_json::{json, Map, Value};

use super::state::{Media, MediaKind, SentMessage, User};

/// The bot's own user id: the numeric part of [`super::TOKEN`].
pub const BOT_ID: i64 = 123_456;
pub const BOT_USERNAME: &str = "otklik_test_bot";

pub fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Otklik Test", "username": BOT_USERNAME })
}

/// `getMe` result: a `User` plus the bot-only flags teloxide requires.
pub fn me() -> Value {
    let mut me = bot_user();
    let flags = [
        ("can_join_groups", true),
        ("can_read_all_group_messages", false),
        ("supports_inline_queries", false),
        ("can_connect_to_business", false),
        ("has_main_web_app", false),
    ];
    for (key, value) in flags {
        me[key] = json!(value);
    }
    me
}

pub fn user(u: &User) -> Value {
    let mut v = json!({ "id": u.id, "is_bot": false, "first_name": u.first_name });
    if let Some(lang) = &u.language_code {
        v["language_code"] = json!(lang);
    }
    v
}

/// A chat by id: positive ids are private chats with that user.
pub fn chat(id: i64, first_name: &str) -> Value {
    if id > 0 {
        json!({ "id": id, "type": "private", "first_name": first_name })
    } else if id <= -1_000_000_000_000 {
        json!({ "id": id, "type": "channel", "title": format!("Channel {id}") })
    } else {
        json!({ "id": id, "type": "supergroup", "title": format!("Group {id}") })
    }
}

/// A stable channel id for a username, so forwarded posts look consistent.
pub fn channel_id(username: &str) -> i64 {
    let hash = username
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    -1_000_000_000_000 - (hash % 1_000_000_000) as i64
}

pub fn media_json(media: &Media) -> Value {
    let unique = format!("u-{}", media.file_id);
    let id = &media.file_id;
    match media.kind {
        MediaKind::Photo => json!([
            { "file_id": id, "file_unique_id": unique, "width": 90, "height": 67, "file_size": 1200 },
            { "file_id": id, "file_unique_id": unique, "width": 800, "height": 600, "file_size": 48000 },
        ]),
        MediaKind::Video => json!({
            "file_id": id, "file_unique_id": unique, "width": 640, "height": 480,
            "duration": 5, "file_size": 250000,
            // teloxide 0.17 refuses a video without `mime_type`.
            "mime_type": "video/mp4",
        }),
        MediaKind::Document => {
            let mut doc = json!({
                "file_id": id, "file_unique_id": unique,
                "mime_type": "application/octet-stream", "file_size": 1024,
            });
            if let Some(name) = &media.file_name {
                doc["file_name"] = json!(name);
            }
            doc
        }
    }
}

/// The `Message` JSON of a bot message in its current state.
pub fn sent_message(m: &SentMessage, first_name: &str, reply_to: Option<&Value>) -> Value {
    let mut v = json!({
        "message_id": m.message_id,
        "date": m.date,
        "chat": chat(m.chat_id, first_name),
        "from": bot_user(),
    });
    put_content(&mut v, &m.text, m.media.as_ref());
    if m.edits > 0 {
        v["edit_date"] = json!(super::state::unix_now());
    }
    if m.reply_markup
        .as_ref()
        .is_some_and(|r| r.get("inline_keyboard").is_some())
    {
        v["reply_markup"] = m.reply_markup.clone().unwrap_or_default();
    }
    if let Some(group) = &m.media_group_id {
        v["media_group_id"] = json!(group);
    }
    if let Some(reply) = reply_to {
        v["reply_to_message"] = without_reply(reply);
    }
    v
}

/// Text goes to `text` for plain messages and to `caption` for media.
pub fn put_content(v: &mut Value, text: &str, media: Option<&Media>) {
    match media {
        Some(media) => {
            v[media.kind.field()] = media_json(media);
            if !text.is_empty() {
                v["caption"] = json!(text);
            }
        }
        None => v["text"] = json!(text),
    }
}

/// Telegram never nests `reply_to_message` more than one level deep.
pub fn without_reply(message: &Value) -> Value {
    let mut copy = message.clone();
    if let Some(obj) = copy.as_object_mut() {
        obj.remove("reply_to_message");
    }
    copy
}

/// A user's message in the private chat with the bot.
pub fn user_message(from: &User, message_id: i32, date: i64) -> Value {
    json!({
        "message_id": message_id,
        "date": date,
        "chat": chat(from.id, &from.first_name),
        "from": user(from),
    })
}

/// Entities Telegram would detect in a user's text: a leading bot command
/// and http(s) links. Offsets and lengths are in UTF-16 code units.
pub fn detect_entities(text: &str) -> Vec<Value> {
    let mut entities = Vec::new();
    let mut offset = 0usize;
    for (i, word) in text.split(' ').enumerate() {
        let len = word.encode_utf16().count();
        let kind = if i == 0 && word.starts_with('/') && len > 1 {
            Some("bot_command")
        } else if word.starts_with("http://") || word.starts_with("https://") {
            Some("url")
        } else {
            None
        };
        if let Some(kind) = kind {
            entities.push(json!({ "type": kind, "offset": offset, "length": len }));
        }
        offset += len + 1;
    }
    entities
}

/// Wraps a payload into an update: `{"update_id": id, kind: payload}`.
pub fn update(update_id: i64, kind: &str, payload: Value) -> Value {
    let mut map = Map::new();
    map.insert("update_id".to_owned(), json!(update_id));
    map.insert(kind.to_owned(), payload);
    Value::Object(map)
}

/// The update kind key (`message`, `callback_query`, ...).
pub fn update_kind(update: &Value) -> Option<&str> {
    update
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|k| *k != "update_id")
}
