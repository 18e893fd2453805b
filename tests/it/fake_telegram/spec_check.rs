//! Checks one request against the Bot API: structure from `api.json`, and
//! the limits that live only in prose (text lengths, callback data, HTML).

use serde_json::{Map, Value};

use super::html;
use super::spec::{Method, Spec};

/// A request as the checker sees it.
pub struct Checked<'a> {
    pub method: &'a str,
    pub body: &'a Value,
    /// Names of multipart parts that carry a file.
    pub file_parts: &'a [String],
    pub multipart: bool,
}

/// All problems with a request; empty when Telegram would accept it.
pub fn check(spec: &Spec, req: &Checked) -> Vec<String> {
    let Some(method) = spec.method(req.method) else {
        return vec![format!(
            "method `{}` does not exist in the Bot API",
            req.method
        )];
    };
    let body = if req.multipart {
        normalize_multipart(method, req)
    } else {
        req.body.clone()
    };
    let mut errors = spec.check_fields(&method.fields, &body, "");
    if req.multipart {
        errors.extend(check_attachments(&body, req.file_parts));
    }
    errors.extend(check_content(&method.name, &body));
    errors
        .into_iter()
        .map(|e| format!("{}: {}", method.name, e.trim_start_matches(": ")))
        .collect()
}

/// Multipart sends every value as text: decode JSON where the field is not
/// a string, and turn direct file uploads into their `attach://` form.
fn normalize_multipart(method: &Method, req: &Checked) -> Value {
    let Some(map) = req.body.as_object() else {
        return req.body.clone();
    };
    let mut out = Map::new();
    for (key, value) in map {
        let field = method.fields.iter().find(|f| &f.name == key);
        let stringy =
            field.is_none_or(|f| f.types.iter().any(|t| t == "String" || t == "InputFile"));
        let normalized = if req.file_parts.contains(key) {
            if field.is_none() {
                continue; // an attachment referenced elsewhere
            }
            Value::String(format!("attach://{key}"))
        } else {
            match value.as_str() {
                Some(s) if !stringy => serde_json::from_str(s).unwrap_or_else(|_| value.clone()),
                _ => value.clone(),
            }
        };
        out.insert(key.clone(), normalized);
    }
    Value::Object(out)
}

fn check_attachments(body: &Value, file_parts: &[String]) -> Vec<String> {
    let mut refs = Vec::new();
    collect_attach_refs(body, &mut refs);
    let mut errors: Vec<String> = refs
        .iter()
        .filter(|r| !file_parts.contains(r))
        .map(|r| format!("attach://{r} has no multipart part with that name"))
        .collect();
    for part in file_parts.iter().filter(|p| !refs.contains(p)) {
        errors.push(format!(
            "multipart file part `{part}` is not referenced by any field"
        ));
    }
    errors
}

fn collect_attach_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("attach://") {
                refs.push(name.to_owned());
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_attach_refs(v, refs)),
        Value::Object(map) => map.values().for_each(|v| collect_attach_refs(v, refs)),
        _ => {}
    }
}

/// The limits documented only in prose.
fn check_content(method: &str, body: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let parse_mode = body["parse_mode"].as_str();
    if let Some(text) = body["text"].as_str() {
        if method.eq_ignore_ascii_case("answerCallbackQuery") {
            errors.extend(check_length("text", text, 0, 200));
        } else {
            errors.extend(check_text("text", text, parse_mode, 1, 4096));
        }
    }
    if let Some(caption) = body["caption"].as_str() {
        errors.extend(check_text("caption", caption, parse_mode, 0, 1024));
    }
    for (i, item) in media_items(&body["media"]).iter().enumerate() {
        if let Some(caption) = item["caption"].as_str() {
            let label = format!("media[{i}].caption");
            errors.extend(check_text(
                &label,
                caption,
                item["parse_mode"].as_str(),
                0,
                1024,
            ));
        }
    }
    errors.extend(check_keyboard(&body["reply_markup"]));
    if method.eq_ignore_ascii_case("setMyCommands") {
        errors.extend(check_commands(&body["commands"]));
    }
    errors
}

fn media_items(media: &Value) -> Vec<Value> {
    match media {
        Value::Array(items) => items.clone(),
        Value::Object(_) => vec![media.clone()],
        _ => Vec::new(),
    }
}

/// Length "after entities parsing", plus HTML well-formedness.
fn check_text(
    label: &str,
    text: &str,
    parse_mode: Option<&str>,
    min: usize,
    max: usize,
) -> Vec<String> {
    if !html::is_html(parse_mode) {
        return check_length(label, text, min, max);
    }
    let parsed = html::parse(text);
    let mut errors: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{label}: invalid HTML: {e}"))
        .collect();
    errors.extend(check_length(label, &parsed.visible, min, max));
    errors
}

/// Telegram trims surrounding whitespace before it counts characters.
fn check_length(label: &str, text: &str, min: usize, max: usize) -> Vec<String> {
    let len = text.trim().chars().count();
    if len < min {
        vec![format!("{label}: must not be empty")]
    } else if len > max {
        vec![format!(
            "{label}: {len} characters after entity parsing (max {max})"
        )]
    } else {
        Vec::new()
    }
}

fn check_keyboard(markup: &Value) -> Vec<String> {
    let Some(rows) = markup["inline_keyboard"].as_array() else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let buttons = row.as_array().map(Vec::as_slice).unwrap_or_default();
        for (c, button) in buttons.iter().enumerate() {
            let at = format!("reply_markup.inline_keyboard[{r}][{c}]");
            errors.extend(check_button(&at, button));
        }
    }
    errors
}

fn check_button(at: &str, button: &Value) -> Vec<String> {
    let Some(map) = button.as_object() else {
        return Vec::new(); // the structural check reports non-objects
    };
    let mut errors = Vec::new();
    let actions: Vec<&String> = map.keys().filter(|k| *k != "text").collect();
    if actions.len() != 1 {
        errors.push(format!(
            "{at}: needs exactly one action field, has {actions:?}"
        ));
    }
    if map
        .get("text")
        .and_then(Value::as_str)
        .is_some_and(|t| t.trim().is_empty())
    {
        errors.push(format!("{at}: empty button text"));
    }
    if let Some(data) = map.get("callback_data").and_then(Value::as_str) {
        if data.is_empty() || data.len() > 64 {
            errors.push(format!(
                "{at}: callback_data is {} bytes (1-64): {data:?}",
                data.len()
            ));
        }
    }
    errors
}

fn check_commands(commands: &Value) -> Vec<String> {
    let items = commands.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut errors = Vec::new();
    for (i, cmd) in items.iter().enumerate() {
        let name = cmd["command"].as_str().unwrap_or_default();
        let valid = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if name.is_empty() || name.chars().count() > 32 || !valid {
            errors.push(format!(
                "commands[{i}].command: {name:?} must be 1-32 of a-z, 0-9, _"
            ));
        }
        let description = cmd["description"].as_str().unwrap_or_default();
        errors.extend(check_length(
            &format!("commands[{i}].description"),
            description,
            1,
            256,
        ));
    }
    errors
}
