//! Bot API method handlers. Each one reads the decoded body (JSON, or
//! multipart text fields) and answers like Telegram does.

mod edit;
mod send;

use serde_json::{json, Value};

use super::failures::ApiError;
use super::server::{chat_id_of, Incoming};
use super::state::{SentMessage, State};
use super::updates;

pub fn dispatch(state: &mut State, method: &str, incoming: &Incoming) -> Result<Value, ApiError> {
    let body = &incoming.body;
    match method.to_ascii_lowercase().as_str() {
        "getme" => Ok(updates::me()),
        "sendmessage" | "sendphoto" | "sendvideo" | "senddocument" => {
            send::send(state, method, incoming)
        }
        "sendmediagroup" => send::media_group(state, incoming),
        "copymessage" => send::copy(state, body),
        "forwardmessage" => send::forward(state, body),
        "editmessagetext" => edit::text(state, body),
        "editmessagecaption" => edit::caption(state, body),
        "editmessagereplymarkup" => edit::reply_markup(state, body),
        "deletemessage" => edit::delete(state, body),
        "answercallbackquery" => answer_callback(state, body),
        "getchat" => get_chat(state, body),
        "getfile" => get_file(state, body),
        "getupdates" => Err(ApiError::bad_request("getUpdates is served by the poller")),
        _ => settings(state, method, body),
    }
}

/// Webhook, command and menu settings: remembered, otherwise no effect.
fn settings(state: &mut State, method: &str, body: &Value) -> Result<Value, ApiError> {
    match method.to_ascii_lowercase().as_str() {
        "deletewebhook" => {
            state.webhook_url.clear();
            if bool_field(body, "drop_pending_updates") {
                state.queue.clear();
            }
        }
        "setwebhook" => {
            state.webhook_url = str_field(body, "url").unwrap_or_default().to_owned();
            if let Some(allowed) = super::polling::allowed_updates(body) {
                state.set_allowed_updates(allowed);
            }
        }
        "getwebhookinfo" => return Ok(webhook_info(state)),
        "setmycommands" => {
            let commands = obj_field(body, "commands").unwrap_or_else(|| json!([]));
            state.commands.insert(commands_key(body), commands);
        }
        "deletemycommands" => {
            state.commands.remove(&commands_key(body));
        }
        "getmycommands" => {
            return Ok(state
                .commands
                .get(&commands_key(body))
                .cloned()
                .unwrap_or_else(|| json!([])));
        }
        "setchatmenubutton" => state.menu_button = obj_field(body, "menu_button"),
        "getchatmenubutton" => {
            return Ok(state
                .menu_button
                .clone()
                .unwrap_or_else(|| json!({ "type": "default" })));
        }
        "sendchataction"
        | "setmydescription"
        | "setmyshortdescription"
        | "setmyname"
        | "logout"
        | "close" => {}
        _ => return Err(ApiError::not_found()),
    }
    Ok(json!(true))
}

fn webhook_info(state: &State) -> Value {
    json!({
        "url": state.webhook_url,
        "has_custom_certificate": false,
        "pending_update_count": state.queue.len(),
    })
}

/// Commands are stored per (scope, language), as Telegram does.
pub fn commands_key(body: &Value) -> String {
    let scope = obj_field(body, "scope").unwrap_or_else(|| json!({ "type": "default" }));
    let lang = str_field(body, "language_code").unwrap_or_default();
    format!("{scope}|{lang}")
}

fn answer_callback(state: &mut State, body: &Value) -> Result<Value, ApiError> {
    let id = str_field(body, "callback_query_id").ok_or_else(|| {
        ApiError::bad_request(
            "query is too old and response timeout expired or query ID is invalid",
        )
    })?;
    let text = str_field(body, "text").map(str::to_owned);
    state
        .callback_answers
        .push((id.to_owned(), text, bool_field(body, "show_alert")));
    Ok(json!(true))
}

fn get_chat(state: &State, body: &Value) -> Result<Value, ApiError> {
    let id = chat_id_of(body).ok_or_else(|| ApiError::bad_request("chat not found"))?;
    let mut chat = updates::chat(id, &state.first_name(id));
    chat["accent_color_id"] = json!(0);
    chat["max_reaction_count"] = json!(11);
    chat["accepted_gift_types"] = json!({
        "unlimited_gifts": false, "limited_gifts": false,
        "unique_gifts": false, "premium_subscription": false,
    });
    Ok(chat)
}

fn get_file(state: &State, body: &Value) -> Result<Value, ApiError> {
    let id = str_field(body, "file_id").ok_or_else(|| ApiError::bad_request("invalid file_id"))?;
    if state.too_big.contains(id) {
        return Err(ApiError::bad_request("file is too big"));
    }
    let size = state.uploads.get(id).map_or(1024, Vec::len);
    Ok(json!({
        "file_id": id,
        "file_unique_id": format!("u-{id}"),
        "file_size": size,
        "file_path": format!("files/{id}"),
    }))
}

/// The `Message` JSON of a stored bot message, with its reply target.
pub fn render(state: &State, m: &SentMessage) -> Value {
    let reply = m
        .reply_to
        .and_then(|id| state.raw_messages.get(&(m.chat_id, id)));
    updates::sent_message(m, &state.first_name(m.chat_id), reply)
}

pub fn str_field<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body[key].as_str()
}

/// Integers arrive as numbers (JSON) or decimal strings (multipart).
pub fn int_field(body: &Value, key: &str) -> Option<i64> {
    match &body[key] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn bool_field(body: &Value, key: &str) -> bool {
    matches!(&body[key], Value::Bool(true)) || body[key].as_str() == Some("true")
}

/// Objects arrive as JSON (JSON bodies) or JSON-encoded strings (multipart).
pub fn obj_field(body: &Value, key: &str) -> Option<Value> {
    match &body[key] {
        Value::String(s) => serde_json::from_str(s).ok(),
        Value::Null => None,
        other => Some(other.clone()),
    }
}
