//! A fake VK API for tests: `POST /method/{name}` with a form, answered from the fixtures in
//! `tests/fixtures/vk/` (`wall.get`, `wall.getComments`); `wall.createComment` records the
//! comment. Every call is recorded with its parameters and the moment it came.

#![allow(dead_code)]

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
    calls: Vec<VkCall>,
    next_comment: i64,
}

#[derive(Clone)]
pub struct FakeVk {
    addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
}

pub const TOKEN: &str = "vk-service-token";

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
    Json(match name.as_str() {
        "wall.get" | "wall.getComments" => fixture(&name),
        "wall.createComment" => {
            state.next_comment += 1;
            json!({"response": {"comment_id": 900 + state.next_comment}})
        }
        _ => json!({"error": {"error_code": 3, "error_msg": "Unknown method passed"}}),
    })
}

impl FakeVk {
    pub async fn start() -> FakeVk {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new()
            .route("/method/{name}", post(method))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeVk { addr, inner }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
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
