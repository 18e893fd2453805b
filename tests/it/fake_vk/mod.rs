//! A fake VK API for tests: `POST /method/{name}` with a form, answered from the fixtures in
//! `tests/fixtures/vk/` (`wall.get`, `wall.getComments`); `wall.createComment` checks its
//! parameters as VK documents them, needs a community token (`vk-group-…`), and answers a
//! repeated `guid` with the comment it already made. Wall photos and documents go through
//! the upload flow in [`upload`]. Every call is recorded with its parameters and the moment
//! it came.

#![allow(dead_code)]

mod upload;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Form, Json, Router};
use serde_json::{json, Value};

#[derive(Debug, Clone)]
pub struct VkCall {
    pub method: String,
    pub params: HashMap<String, String>,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    /// `http://host:port`, for the upload addresses it hands out.
    base: String,
    calls: Vec<VkCall>,
    next_comment: i64,
    /// Comments made, by `guid`.
    comments: HashMap<String, i64>,
    /// Calls of a method still to fail with "Access denied" (code 15).
    failing: HashMap<String, usize>,
    uploads: upload::Uploads,
}

#[derive(Clone)]
pub struct FakeVk {
    addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
}

pub const TOKEN: &str = "vk-service-token";
/// A community token: only it may comment as the community.
pub const GROUP_TOKEN: &str = "vk-group-token";

fn fixture(method: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/vk/{method}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("a JSON fixture")
}

async fn method(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(name): Path<String>,
    Form(params): Form<HashMap<String, String>>,
) -> Json<Value> {
    let mut state = inner.lock().unwrap();
    state.calls.push(VkCall {
        method: name.clone(),
        params: params.clone(),
        at: Instant::now(),
    });
    let bad_token = !params
        .get("access_token")
        .is_some_and(|t| t.starts_with("vk-"));
    if bad_token || params.get("v").map(String::as_str) != Some("5.199") {
        return Json(json!({"error": {"error_code": 5, "error_msg": "User authorization failed"}}));
    }
    if let Some(n) = state.failing.get_mut(&name).filter(|n| **n > 0) {
        *n -= 1;
        return Json(json!({"error": {"error_code": 15, "error_msg": "Access denied"}}));
    }
    Json(match name.as_str() {
        "wall.get" | "wall.getComments" => fixture(&name),
        "wall.createComment" => create_comment(&mut state, &params),
        "photos.getWallUploadServer" | "docs.getWallUploadServer" => {
            upload::server(&state.base, &name, &params)
        }
        "photos.saveWallPhoto" => upload::save_wall_photo(&mut state.uploads, &params),
        "docs.save" => upload::save_doc(&mut state.uploads, &params),
        _ => json!({"error": {"error_code": 3, "error_msg": "Unknown method passed"}}),
    })
}

fn error(code: i64, msg: &str) -> Value {
    json!({"error": {"error_code": code, "error_msg": msg}})
}

/// `wall.createComment` as documented: `owner_id` (negative for a community), `post_id`,
/// `message`, `from_group` (the community's id), optional `reply_to_comment` and `guid`.
fn create_comment(state: &mut Inner, params: &HashMap<String, String>) -> Value {
    let int = |k: &str| params.get(k).and_then(|v| v.parse::<i64>().ok());
    if params.get("access_token").map(String::as_str) != Some(GROUP_TOKEN) {
        return error(
            27,
            "Group authorization failed: method is unavailable with service token",
        );
    }
    let (Some(owner), Some(post)) = (int("owner_id"), int("post_id")) else {
        return error(
            100,
            "One of the parameters specified was missing or invalid: post_id",
        );
    };
    if owner >= 0 || post <= 0 || int("from_group") != Some(-owner) {
        return error(
            100,
            "One of the parameters specified was missing or invalid",
        );
    }
    if let Some(bad) = params
        .get("attachments")
        .and_then(|a| upload::unknown_attachment(&state.uploads, a))
    {
        return error(
            100,
            &format!("One of the parameters specified was missing or invalid: attachments ({bad})"),
        );
    }
    if params.get("message").is_none_or(|m| m.trim().is_empty()) {
        return error(
            100,
            "One of the parameters specified was missing or invalid: message",
        );
    }
    if params.contains_key("reply_to_comment") && int("reply_to_comment").is_none_or(|c| c <= 0) {
        return error(
            100,
            "One of the parameters specified was missing or invalid: reply_to_comment",
        );
    }
    if let Some(id) = params.get("guid").and_then(|g| state.comments.get(g)) {
        return json!({"response": {"comment_id": id}});
    }
    state.next_comment += 1;
    let id = 900 + state.next_comment;
    if let Some(guid) = params.get("guid") {
        state.comments.insert(guid.clone(), id);
    }
    json!({"response": {"comment_id": id}})
}

impl FakeVk {
    /// The next `n` calls of `method` fail with VK's "Access denied".
    pub fn fail_next(&self, method: &str, n: usize) {
        self.inner
            .lock()
            .unwrap()
            .failing
            .insert(method.to_owned(), n);
    }

    /// Comments actually made (a repeated `guid` makes none).
    pub fn comments_made(&self) -> usize {
        self.inner.lock().unwrap().next_comment as usize
    }

    pub async fn start() -> FakeVk {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new()
            .route("/method/{name}", post(method))
            .route("/upload/{kind}", post(upload::receive))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        inner.lock().unwrap().base = format!("http://{addr}");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeVk { addr, inner }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The files upload servers received: (field, file name, bytes).
    pub fn uploaded(&self) -> Vec<(String, String, Vec<u8>)> {
        self.inner.lock().unwrap().uploads.received.clone()
    }

    /// The next `n` uploads to an upload server are refused (`{"error": …}`).
    pub fn refuse_uploads(&self, n: usize) {
        self.inner.lock().unwrap().uploads.refuse = n;
    }

    pub fn calls(&self) -> Vec<VkCall> {
        self.inner.lock().unwrap().calls.clone()
    }

    pub fn calls_of(&self, method: &str) -> Vec<VkCall> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }
}
