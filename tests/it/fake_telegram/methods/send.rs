//! Methods that create bot messages: send*, sendMediaGroup, copy, forward.

use serde_json::{json, Value};

use super::{int_field, obj_field, render, str_field};
use crate::fake_telegram::failures::ApiError;
use crate::fake_telegram::server::{chat_id_of, Incoming};
use crate::fake_telegram::state::{unix_now, Media, MediaKind, NewSent, State};

pub fn send(state: &mut State, method: &str, incoming: &Incoming) -> Result<Value, ApiError> {
    let body = &incoming.body;
    let chat_id = target_chat(body)?;
    let kind = match method.to_ascii_lowercase().as_str() {
        "sendphoto" => Some(MediaKind::Photo),
        "sendvideo" => Some(MediaKind::Video),
        "senddocument" => Some(MediaKind::Document),
        _ => None,
    };
    let media = kind
        .map(|k| resolve_media(state, k, body, incoming))
        .transpose()?;
    let text = match media {
        Some(_) => str_field(body, "caption").unwrap_or_default(),
        None => {
            str_field(body, "text").ok_or_else(|| ApiError::bad_request("message text is empty"))?
        }
    };
    let markup = obj_field(body, "reply_markup");
    let new = NewSent {
        chat_id,
        text,
        parse_mode: str_field(body, "parse_mode"),
        reply_markup: markup.as_ref(),
        media,
        reply_to: reply_to(body),
        method: canonical(method),
    };
    Ok(store(state, new, None))
}

pub fn media_group(state: &mut State, incoming: &Incoming) -> Result<Value, ApiError> {
    let body = &incoming.body;
    let chat_id = target_chat(body)?;
    let items = obj_field(body, "media")
        .and_then(|m| m.as_array().cloned())
        .unwrap_or_default();
    if !(2..=10).contains(&items.len()) {
        return Err(ApiError::bad_request("media group must include 2-10 items"));
    }
    let mut resolved = Vec::new();
    for item in &items {
        let kind = item["type"].as_str().and_then(MediaKind::from_field);
        let kind =
            kind.ok_or_else(|| ApiError::bad_request("unsupported media type in a media group"))?;
        resolved.push(resolve_file(state, kind, &item["media"], incoming)?);
    }
    // Documents may only be grouped with documents (Bot API, sendMediaGroup).
    let documents = resolved
        .iter()
        .filter(|m| m.kind == MediaKind::Document)
        .count();
    if documents != 0 && documents != resolved.len() {
        return Err(ApiError::bad_request(
            "documents can't be mixed with other media types in a media group",
        ));
    }
    let group = format!("mg-{}", state.next_message_id);
    let messages = items.iter().zip(resolved).map(|(item, media)| {
        let new = NewSent {
            chat_id,
            text: item["caption"].as_str().unwrap_or_default(),
            parse_mode: item["parse_mode"].as_str(),
            reply_markup: None,
            media: Some(media),
            reply_to: reply_to(body),
            method: "sendMediaGroup",
        };
        store(state, new, Some(&group))
    });
    Ok(Value::Array(messages.collect()))
}

pub fn copy(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let chat_id = target_chat(body)?;
    let source = source_message(state, body, "message to copy not found")?;
    let (text, media) = content_of(&source);
    let caption = str_field(body, "caption");
    let markup = obj_field(body, "reply_markup");
    let new = NewSent {
        chat_id,
        text: caption.unwrap_or(&text),
        parse_mode: caption.and(str_field(body, "parse_mode")),
        reply_markup: markup.as_ref(),
        media,
        reply_to: reply_to(body),
        method: "copyMessage",
    };
    let message = store(state, new, None);
    Ok(json!({ "message_id": message["message_id"] }))
}

pub fn forward(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let chat_id = target_chat(body)?;
    let source = source_message(state, body, "message to forward not found")?;
    let (text, media) = content_of(&source);
    let new = NewSent {
        chat_id,
        text: &text,
        parse_mode: None,
        reply_markup: None,
        media,
        reply_to: None,
        method: "forwardMessage",
    };
    let mut message = store(state, new, None);
    message["forward_origin"] = match source.get("from") {
        Some(from) => json!({ "type": "user", "sender_user": from, "date": source["date"] }),
        None => {
            json!({ "type": "hidden_user", "sender_user_name": "Hidden", "date": source["date"] })
        }
    };
    let key = (
        chat_id,
        message["message_id"].as_i64().unwrap_or_default() as i32,
    );
    state.raw_messages.insert(key, message.clone());
    Ok(message)
}

/// Stores a new bot message and returns its `Message` JSON.
fn store(state: &mut State, new: NewSent, media_group: Option<&str>) -> Value {
    let id = state.take_message_id();
    let mut sent = new.build(id, unix_now());
    sent.media_group_id = media_group.map(str::to_owned);
    let json = render(state, &sent);
    state.raw_messages.insert((sent.chat_id, id), json.clone());
    state.chats.entry(sent.chat_id).or_default().push(sent);
    state.sent_count += 1;
    json
}

fn target_chat(body: &Value) -> Result<i64, ApiError> {
    chat_id_of(body).ok_or_else(|| ApiError::bad_request("chat not found"))
}

fn reply_to(body: &Value) -> Option<i32> {
    let params = obj_field(body, "reply_parameters");
    let id = params
        .and_then(|p| p["message_id"].as_i64())
        .or_else(|| int_field(body, "reply_to_message_id"));
    id.map(|id| id as i32)
}

/// `SendMessage` → `sendMessage`, matching the Bot API's spelling.
fn canonical(method: &str) -> &'static str {
    match method.to_ascii_lowercase().as_str() {
        "sendphoto" => "sendPhoto",
        "sendvideo" => "sendVideo",
        "senddocument" => "sendDocument",
        _ => "sendMessage",
    }
}

fn resolve_media(
    state: &mut State,
    kind: MediaKind,
    body: &Value,
    incoming: &Incoming,
) -> Result<Media, ApiError> {
    let field = kind.field();
    match &body[field] {
        // A file part uploaded directly under the field's own name.
        Value::Object(_) => upload(state, kind, field, incoming),
        value => resolve_file(state, kind, value, incoming),
    }
}

/// A file id, URL, or `attach://name` reference to an uploaded part.
fn resolve_file(
    state: &mut State,
    kind: MediaKind,
    value: &Value,
    incoming: &Incoming,
) -> Result<Media, ApiError> {
    let Some(reference) = value.as_str().filter(|s| !s.is_empty()) else {
        return Err(ApiError::bad_request(&format!(
            "there is no {} in the request",
            kind.field()
        )));
    };
    match reference.strip_prefix("attach://") {
        Some(part) => upload(state, kind, part, incoming),
        None => Ok(Media {
            kind,
            file_id: reference.to_owned(),
            file_name: state.upload_names.get(reference).cloned(),
        }),
    }
}

fn upload(
    state: &mut State,
    kind: MediaKind,
    part: &str,
    incoming: &Incoming,
) -> Result<Media, ApiError> {
    let found = incoming.uploads.iter().find(|p| p.name == part);
    let found =
        found.ok_or_else(|| ApiError::bad_request(&format!("file attach://{part} is missing")))?;
    let file_id = state.take_file_id();
    state.uploads.insert(file_id.clone(), found.data.clone());
    if let Some(name) = &found.file_name {
        state.upload_names.insert(file_id.clone(), name.clone());
    }
    Ok(Media {
        kind,
        file_id,
        file_name: found.file_name.clone(),
    })
}

fn source_message(state: &State, body: &Value, missing: &str) -> Result<Value, ApiError> {
    let from = chat_id_of(&json!({ "chat_id": body["from_chat_id"] }));
    let id = int_field(body, "message_id");
    let key = from.zip(id).map(|(chat, id)| (chat, id as i32));
    key.and_then(|k| state.raw_messages.get(&k).cloned())
        .ok_or_else(|| ApiError::bad_request(missing))
}

/// Text (or caption) and media of a stored message JSON.
fn content_of(message: &Value) -> (String, Option<Media>) {
    let text = message["text"]
        .as_str()
        .or(message["caption"].as_str())
        .unwrap_or_default();
    let media = [MediaKind::Photo, MediaKind::Video, MediaKind::Document]
        .into_iter()
        .find_map(|kind| {
            let field = &message[kind.field()];
            let file = if kind == MediaKind::Photo {
                field.as_array()?.last()?
            } else {
                field
            };
            let file_id = file["file_id"].as_str()?.to_owned();
            let file_name = file["file_name"].as_str().map(str::to_owned);
            Some(Media {
                kind,
                file_id,
                file_name,
            })
        });
    (text.to_owned(), media)
}
