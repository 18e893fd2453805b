//! Edits and deletions, applied in place to the stored chat.

use serde_json::{json, Value};

use super::{int_field, obj_field, render, str_field};
use crate::fake_telegram::failures::ApiError;
use crate::fake_telegram::html;
use crate::fake_telegram::server::chat_id_of;
use crate::fake_telegram::state::{keyboard_rows, SentMessage, State};

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup \
                            are exactly the same as a current content and reply markup of the message";

/// What an edit changes; `None` text keeps the current one.
struct Change {
    text: Option<(String, Option<String>)>,
    /// Always replaced: an edit without `reply_markup` removes the keyboard.
    markup: Option<Value>,
}

pub fn text(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let text =
        str_field(body, "text").ok_or_else(|| ApiError::bad_request("text must be non-empty"))?;
    let change = Change {
        text: Some((
            text.to_owned(),
            str_field(body, "parse_mode").map(str::to_owned),
        )),
        markup: obj_field(body, "reply_markup"),
    };
    apply(state, body, change, |m| {
        m.media
            .is_none()
            .then_some(())
            .ok_or("there is no text in the message to edit")
    })
}

pub fn caption(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let caption = str_field(body, "caption").unwrap_or_default();
    let change = Change {
        text: Some((
            caption.to_owned(),
            str_field(body, "parse_mode").map(str::to_owned),
        )),
        markup: obj_field(body, "reply_markup"),
    };
    apply(state, body, change, |m| {
        m.media
            .is_some()
            .then_some(())
            .ok_or("there is no caption in the message to edit")
    })
}

pub fn reply_markup(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let change = Change {
        text: None,
        markup: obj_field(body, "reply_markup"),
    };
    apply(state, body, change, |_| Ok(()))
}

pub fn delete(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let (chat_id, id) = target(body)?;
    let before = state.chats.get(&chat_id).map_or(0, Vec::len);
    if let Some(messages) = state.chats.get_mut(&chat_id) {
        messages.retain(|m| m.message_id != id);
    }
    let removed_sent = state.chats.get(&chat_id).map_or(0, Vec::len) < before;
    let removed_raw = state.raw_messages.remove(&(chat_id, id)).is_some();
    if !removed_sent && !removed_raw {
        return Err(ApiError::bad_request("message to delete not found"));
    }
    state.deleted.push((chat_id, id));
    Ok(json!(true))
}

fn target(body: &Value) -> Result<(i64, i32), ApiError> {
    let chat = chat_id_of(body);
    let id = int_field(body, "message_id");
    chat.zip(id)
        .map(|(c, id)| (c, id as i32))
        .ok_or_else(|| ApiError::bad_request("message to edit not found"))
}

fn apply(
    state: &mut State,
    body: &Value,
    change: Change,
    applicable: impl Fn(&SentMessage) -> Result<(), &'static str>,
) -> Result<Value, ApiError> {
    if str_field(body, "inline_message_id").is_some() {
        return Ok(json!(true)); // inline messages are not modelled
    }
    let (chat_id, id) = target(body)?;
    let message = state.find_sent_mut(chat_id, id);
    let message = message.ok_or_else(|| ApiError::bad_request("message to edit not found"))?;
    applicable(message).map_err(ApiError::bad_request)?;
    if !changes_anything(message, &change) {
        return Err(ApiError::bad_request(NOT_MODIFIED));
    }
    if let Some((text, parse_mode)) = change.text {
        message.text = html::visible_text(&text, parse_mode.as_deref());
        message.raw_text = text;
        message.parse_mode = parse_mode;
    }
    message.keyboard = keyboard_rows(change.markup.as_ref());
    message.reply_markup = change.markup;
    message.edits += 1;
    let updated = message.clone();
    let json = render(state, &updated);
    state.raw_messages.insert((chat_id, id), json.clone());
    Ok(json)
}

fn changes_anything(message: &SentMessage, change: &Change) -> bool {
    let text_changed = change.text.as_ref().is_some_and(|(text, parse_mode)| {
        *text != message.raw_text || *parse_mode != message.parse_mode
    });
    text_changed || change.markup != message.reply_markup
}
