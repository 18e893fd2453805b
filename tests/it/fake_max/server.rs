//! The HTTP side: every request is recorded and checked against the reference, then
//! answered the way MAX answers it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::state::{read_body, Request, Sent};
use super::{Inner, TOKEN};

type Reply = (StatusCode, HeaderMap, Json<Value>);

fn ok(v: Value) -> Reply {
    (StatusCode::OK, HeaderMap::new(), Json(v))
}

fn err(status: u16, code: &str, message: &str) -> Reply {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        HeaderMap::new(),
        Json(json!({"code": code, "message": message})),
    )
}

pub async fn handle(
    AxState(inner): AxState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches('/').to_owned();
    let query: BTreeMap<String, String> = uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    if let Some(n) = path.strip_prefix("upload/") {
        // The upload URL MAX hands out is not part of the Bot API: only the form is checked.
        return upload(&inner, n, &headers, &body).into_response();
    }
    if let Some(token) = path.strip_prefix("files/") {
        return super::files::download(&inner, token);
    }
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(TOKEN) {
        return err(401, "verify.token", "Invalid access_token").into_response();
    }
    let json_body: Option<Value> = if body.is_empty() {
        None
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => Some(v),
            Err(e) => {
                inner.violation(format!("{method} /{path}: body is not JSON: {e}"));
                return err(400, "proto.payload", "bad json").into_response();
            }
        }
    };
    let problems = inner
        .checker
        .request(method.as_str(), &path, &query, json_body.as_ref());
    for p in problems {
        inner.violation(p);
    }
    inner.state().requests.push(Request {
        method: method.to_string(),
        path: path.clone(),
        query: query.clone(),
        body: json_body.clone(),
    });
    let body = json_body.unwrap_or(Value::Null);
    let reply = match (method.as_str(), path.as_str()) {
        ("GET", "me") => ok(
            json!({"user_id": super::BOT_ID, "name": "Отклик", "first_name": "Отклик",
            "username": super::BOT_USERNAME, "is_bot": true, "last_activity_time": 0}),
        ),
        ("GET", "updates") => updates(&inner, &query).await,
        ("POST", "messages") => send(&inner, &query, &body),
        ("PUT", "messages") => edit(&inner, &query, &body),
        ("POST", "answers") => answer(&inner, &query, &body),
        ("PATCH", "me/commands") => {
            inner.state().commands = body.get("commands").cloned();
            ok(json!({"commands": body.get("commands").cloned().unwrap_or(json!([]))}))
        }
        ("POST", "uploads") => {
            let mut st = inner.state();
            let n = st.next();
            let kind = query.get("type").cloned().unwrap_or_default();
            let url = format!("{}/upload/{kind}-{n}", inner.url());
            // Video and audio tokens come with the URL; files and images after the upload.
            let token = (kind == "video").then(|| format!("video-{n}"));
            ok(json!({"url": url, "token": token}))
        }
        _ => err(404, "not.found", "no such method"),
    };
    inner.changed.notify_waiters();
    reply.into_response()
}

async fn updates(inner: &Inner, query: &BTreeMap<String, String>) -> Reply {
    let marker = query.get("marker").and_then(|m| m.parse::<usize>().ok());
    let timeout = query
        .get("timeout")
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(30);
    // Long polling, shortened: a test never waits long for an empty answer.
    let deadline = tokio::time::Instant::now() + Duration::from_millis(timeout.min(1) * 500 + 100);
    loop {
        let notified = inner.pushed.notified();
        {
            let mut st = inner.state();
            let from = marker.unwrap_or(st.acked).min(st.updates.len());
            st.acked = st.acked.max(from);
            if from < st.updates.len() || tokio::time::Instant::now() >= deadline {
                let batch: Vec<Value> = st.updates[from..].iter().take(100).cloned().collect();
                let next = from + batch.len();
                return ok(json!({"updates": batch, "marker": next}));
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

fn send(inner: &Inner, query: &BTreeMap<String, String>, body: &Value) -> Reply {
    let user = query.get("user_id").and_then(|v| v.parse::<i64>().ok());
    let chat = query.get("chat_id").and_then(|v| v.parse::<i64>().ok());
    let mut st = inner.state();
    if let Some(f) = user
        .and_then(|u| st.fail_sends.get_mut(&u))
        .and_then(|q| q.pop_front())
    {
        let mut headers = HeaderMap::new();
        if let Some(s) = f.retry_after {
            headers.insert("retry-after", s.into());
        }
        let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::BAD_REQUEST);
        return (status, headers, Json(f.body));
    }
    let (text, buttons, files) = read_body(body);
    if text.is_empty() && files.is_empty() {
        return err(400, "proto.payload", "empty message");
    }
    for t in &files {
        let known = st.uploads.iter().any(|(tok, _)| tok == t) || st.received.contains(t);
        if !known && !t.starts_with("video-") {
            return err(400, "attachment.invalid", "unknown attachment token");
        }
    }
    let n = st.next();
    let sent = Sent {
        mid: format!("mid.{n:016x}"),
        user,
        chat,
        text,
        buttons,
        files,
        edits: 0,
    };
    let message = st.message_json(&sent);
    st.sent.push(sent);
    ok(json!({"message": message}))
}

fn replace(st: &mut super::state::State, mid: &str, body: &Value) -> bool {
    let Some(s) = st.sent.iter_mut().find(|s| s.mid == mid) else {
        return false;
    };
    let (text, buttons, files) = read_body(body);
    if body.get("text").is_some() {
        s.text = text;
    }
    if body.get("attachments").is_some() {
        s.buttons = buttons;
        s.files = files;
    }
    s.edits += 1;
    true
}

fn edit(inner: &Inner, query: &BTreeMap<String, String>, body: &Value) -> Reply {
    let mid = query.get("message_id").cloned().unwrap_or_default();
    if replace(&mut inner.state(), &mid, body) {
        ok(json!({"success": true}))
    } else {
        err(404, "not.found", "message not found")
    }
}

fn answer(inner: &Inner, query: &BTreeMap<String, String>, body: &Value) -> Reply {
    let id = query.get("callback_id").cloned().unwrap_or_default();
    let mut st = inner.state();
    let Some(mid) = st.callbacks.get(&id).cloned() else {
        return err(400, "callback.invalid", "unknown callback_id");
    };
    let message = body.get("message").filter(|m| !m.is_null()).cloned();
    if let Some(m) = &message {
        replace(&mut st, &mid, m);
    }
    st.answers.push((id, message));
    ok(json!({"success": true}))
}

fn upload(inner: &Inner, name: &str, headers: &HeaderMap, body: &Bytes) -> Reply {
    let multipart = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let has_data = body.windows(11).any(|w| w == b"name=\"data\"");
    if !multipart || !has_data {
        inner.violation(format!(
            "upload {name}: not a multipart form with a `data` part"
        ));
        return err(400, "upload.invalid", "bad upload");
    }
    let token = format!("tok-{name}");
    let mut st = inner.state();
    st.uploads.push((token.clone(), body.len()));
    st.upload_data.insert(token.clone(), data_part(body));
    drop(st);
    if name.starts_with("image") {
        ok(json!({"photos": {"p1": {"token": token}}}))
    } else {
        ok(json!({"token": token}))
    }
}

/// The bytes of the `data` part of a multipart upload (between its headers and the next
/// boundary line).
fn data_part(body: &[u8]) -> Vec<u8> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let Some(at) = find(body, b"name=\"data\"") else {
        return Vec::new();
    };
    let Some(start) = find(&body[at..], b"\r\n\r\n").map(|p| at + p + 4) else {
        return Vec::new();
    };
    let end = find(&body[start..], b"\r\n--").map_or(body.len(), |p| start + p);
    body[start..end].to_vec()
}
