//! HTTP side: routes `/bot<token>/<method>` and `/file/bot<token>/<path>`,
//! decodes bodies, and runs each call through recording, spec checks,
//! failure injection, flood limits and the method handlers.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use tokio::sync::Notify;

use super::failures::{is_throttled, ApiError, Failure};
use super::spec::Spec;
use super::spec_check::{self, Checked};
use super::state::{RecordedRequest, State};
use super::{methods, multipart, polling, TOKEN};

/// Shared by the handle and the server task.
pub struct Inner {
    pub state: Mutex<State>,
    /// Wakes long polls when an update is pushed.
    pub notify: Notify,
    pub spec: Option<Arc<Spec>>,
    /// Upper bound for a `getUpdates` long poll, whatever `timeout` says.
    pub long_poll_cap: Duration,
}

impl Inner {
    /// Locks the state; a panicked test thread must not poison the server.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A decoded request body.
pub struct Incoming {
    pub body: Value,
    pub uploads: Vec<multipart::Part>,
    pub multipart: bool,
}

pub fn router(inner: Arc<Inner>) -> Router {
    Router::new().fallback(handle).with_state(inner)
}

async fn handle(
    AxumState(inner): AxumState<Arc<Inner>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(rest) = path.strip_prefix("file/bot") {
        return download(&inner, rest);
    }
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return reply(Err(ApiError::not_found()));
    };
    if token != TOKEN {
        return reply(Err(ApiError::unauthorized()));
    }
    match decode(&uri, &headers, &body) {
        Ok(incoming) => reply(call(&inner, method, incoming).await),
        Err(problem) => bad_body(&inner, method, problem),
    }
}

fn reply(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(value) => Json(json!({ "ok": true, "result": value })).into_response(),
        Err(err) => {
            let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::BAD_REQUEST);
            (status, Json(err.to_json())).into_response()
        }
    }
}

fn bad_body(inner: &Inner, method: &str, problem: String) -> Response {
    let mut state = inner.lock();
    state.requests.push(RecordedRequest {
        method: method.to_owned(),
        body: Value::String(problem.clone()),
        multipart: false,
        at: Instant::now(),
    });
    state
        .violations
        .push(format!("{method}: malformed request body: {problem}"));
    reply(Err(ApiError::bad_request(&problem)))
}

/// Serves uploaded bytes back (or a stub), so `download_file` works.
fn download(inner: &Inner, rest: &str) -> Response {
    let Some((token, file_path)) = rest.split_once('/') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if token != TOKEN {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    // teloxide sends the file path percent-encoded (`files%2Fid`), as Telegram accepts.
    let file_path = file_path.replace("%2F", "/").replace("%2f", "/");
    let file_id = file_path.rsplit('/').next().unwrap_or_default();
    let bytes = inner.lock().uploads.get(file_id).cloned();
    bytes
        .unwrap_or_else(|| b"fake file content".to_vec())
        .into_response()
}

fn decode(uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Incoming, String> {
    let mut map = Map::new();
    if let Some(query) = uri.query() {
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            map.insert(k.into_owned(), Value::String(v.into_owned()));
        }
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut uploads = Vec::new();
    let multipart = content_type.starts_with("multipart/");
    if multipart {
        let boundary = multipart::boundary(content_type).ok_or("multipart without boundary")?;
        for part in multipart::parse(body, &boundary)? {
            map.insert(part.name.clone(), part_value(&part));
            if part.file_name.is_some() {
                uploads.push(part);
            }
        }
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        for (k, v) in url::form_urlencoded::parse(body) {
            map.insert(k.into_owned(), Value::String(v.into_owned()));
        }
    } else if !body.iter().all(u8::is_ascii_whitespace) {
        let parsed: Value =
            serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
        let Value::Object(obj) = parsed else {
            return Err("the JSON body must be an object".to_owned());
        };
        map.extend(obj);
    }
    Ok(Incoming {
        body: Value::Object(map),
        uploads,
        multipart,
    })
}

fn part_value(part: &multipart::Part) -> Value {
    match &part.file_name {
        Some(name) => json!({ "file_name": name, "size": part.data.len() }),
        None => Value::String(String::from_utf8_lossy(&part.data).into_owned()),
    }
}

/// The chat a request addresses, if any (`@username` maps to a channel).
pub fn chat_id_of(body: &Value) -> Option<i64> {
    match &body["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => match s.strip_prefix('@') {
            Some(name) => Some(super::updates::channel_id(name)),
            None => s.trim().parse().ok(),
        },
        _ => None,
    }
}

async fn call(inner: &Arc<Inner>, method: &str, incoming: Incoming) -> Result<Value, ApiError> {
    let chat_id = chat_id_of(&incoming.body);
    let failure = admit(inner, method, &incoming, chat_id);
    let result = match failure {
        Some(Failure::Hang(delay)) => {
            tokio::time::sleep(delay).await;
            execute(inner, method, &incoming, chat_id).await
        }
        Some(other) => Err(ApiError::from_failure(&other).unwrap_or_else(ApiError::not_found)),
        None => execute(inner, method, &incoming, chat_id).await,
    };
    if let Err(err) = &result {
        inner
            .lock()
            .api_errors
            .push((method.to_owned(), err.description.clone()));
    }
    result
}

/// Records and checks the request; returns an injected failure to apply.
fn admit(
    inner: &Inner,
    method: &str,
    incoming: &Incoming,
    chat_id: Option<i64>,
) -> Option<Failure> {
    let violations = inner.spec.as_ref().map(|spec| {
        let file_parts: Vec<String> = incoming.uploads.iter().map(|p| p.name.clone()).collect();
        let req = Checked {
            method,
            body: &incoming.body,
            file_parts: &file_parts,
            multipart: incoming.multipart,
        };
        spec_check::check(spec, &req)
    });
    let mut state = inner.lock();
    let index = state.requests.len();
    state.requests.push(RecordedRequest {
        method: method.to_owned(),
        body: incoming.body.clone(),
        multipart: incoming.multipart,
        at: Instant::now(),
    });
    if let Some(found) = violations {
        state.checked += 1;
        state
            .violations
            .extend(found.into_iter().map(|v| format!("request #{index}: {v}")));
    }
    let rule = state
        .fail_rules
        .iter_mut()
        .find(|r| r.matches(method, chat_id))?;
    rule.remaining -= 1;
    Some(rule.failure.clone())
}

async fn execute(
    inner: &Arc<Inner>,
    method: &str,
    incoming: &Incoming,
    chat_id: Option<i64>,
) -> Result<Value, ApiError> {
    if method.eq_ignore_ascii_case("getUpdates") {
        return polling::get_updates(inner, &incoming.body).await;
    }
    let mut state = inner.lock();
    if is_throttled(method) {
        flood_control(&mut state, chat_id)?;
    }
    let result = methods::dispatch(&mut state, method, incoming);
    // The spec check already reports methods missing from the Bot API.
    let known = inner
        .spec
        .as_ref()
        .is_none_or(|s| s.method(method).is_some());
    if known && result.as_ref().is_err_and(|e| e.status == 404) {
        state.violations.push(format!(
            "{method}: method is not implemented by FakeTelegram"
        ));
    }
    result
}

fn flood_control(state: &mut State, chat_id: Option<i64>) -> Result<(), ApiError> {
    if chat_id.is_some_and(|c| state.blocked.contains(&c)) {
        return Err(ApiError::blocked());
    }
    let Some(limiter) = state.limiter.as_mut() else {
        return Ok(());
    };
    let admitted = limiter.admit(chat_id, Instant::now());
    admitted.map_err(|secs| {
        state.too_many_requests += 1;
        ApiError::too_many(secs)
    })
}
