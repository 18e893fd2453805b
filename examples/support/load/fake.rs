//! A fast in-process fake of the Bot API for the load benchmark: it queues the driver's
//! updates for `getUpdates` (with Telegram's offset semantics) and answers every other
//! method at once, telling the driver when an action it injected was answered.
//!
//! An action counts as answered when the bot does what the person waits for: a press when
//! its card is edited (`editMessageText`), a command when the reply arrives (`sendMessage`).
//! The first such call to the person's chat after the injection completes it.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::{oneshot, Notify};

/// What the person waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waits {
    Edit,
    Reply,
}

struct Pending {
    waits: Waits,
    done: oneshot::Sender<Instant>,
}

/// One bot's view of the fake: its update queue and who waits for what.
#[derive(Default)]
struct Queue {
    updates: VecDeque<(i64, Value)>,
    next_id: i64,
    waiting: HashMap<i64, VecDeque<Pending>>,
}

#[derive(Clone, Default)]
pub struct Fake {
    bots: Arc<Mutex<HashMap<String, Queue>>>,
    arrived: Arc<Notify>,
    polled: Arc<Mutex<HashMap<String, Instant>>>,
}

impl Fake {
    /// Serves on an ephemeral local port; returns the base URL for `TELOXIDE_API_URL`.
    pub async fn serve(&self) -> anyhow::Result<String> {
        let app = Router::new()
            .route("/{bot}/{method}", post(call))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(format!("http://{addr}/"))
    }

    /// Queues `update` (without its id) for `token`'s bot; the receiver fires when the bot
    /// answers it as `waits` says.
    pub fn inject(
        &self,
        token: &str,
        chat: i64,
        waits: Waits,
        update: Value,
    ) -> oneshot::Receiver<Instant> {
        let (done, rx) = oneshot::channel();
        let mut bots = self.bots.lock().expect("fake state");
        let q = bots.entry(format!("bot{token}")).or_default();
        q.next_id += 1;
        let mut update = update;
        update["update_id"] = json!(q.next_id);
        q.updates.push_back((q.next_id, update));
        q.waiting
            .entry(chat)
            .or_default()
            .push_back(Pending { waits, done });
        drop(bots);
        self.arrived.notify_waiters();
        rx
    }

    /// When `token`'s bot first asked for updates, if it has.
    pub fn first_poll(&self, token: &str) -> Option<Instant> {
        self.polled
            .lock()
            .expect("fake state")
            .get(&format!("bot{token}"))
            .copied()
    }

    /// Forgets whatever a previous phase left waiting (an unanswered action).
    pub fn clear_waiting(&self, token: &str) -> usize {
        let mut bots = self.bots.lock().expect("fake state");
        let q = bots.entry(format!("bot{token}")).or_default();
        let left = q.waiting.values().map(VecDeque::len).sum();
        q.waiting.clear();
        left
    }

    fn take(&self, bot: &str, offset: i64, limit: usize) -> Vec<Value> {
        let mut bots = self.bots.lock().expect("fake state");
        let q = bots.entry(bot.to_owned()).or_default();
        while q.updates.front().is_some_and(|(id, _)| *id < offset) {
            q.updates.pop_front();
        }
        q.updates
            .iter()
            .take(limit)
            .map(|(_, u)| u.clone())
            .collect()
    }

    fn answered(&self, bot: &str, chat: i64, what: Waits) {
        let mut bots = self.bots.lock().expect("fake state");
        let Some(list) = bots.get_mut(bot).and_then(|q| q.waiting.get_mut(&chat)) else {
            return;
        };
        if list.front().is_some_and(|p| p.waits == what) {
            let p = list.pop_front().expect("checked");
            let _ = p.done.send(Instant::now());
        }
    }

    async fn updates(&self, bot: &str, body: &Value) -> Value {
        self.polled
            .lock()
            .expect("fake state")
            .entry(bot.to_owned())
            .or_insert_with(Instant::now);
        let offset = body["offset"].as_i64().unwrap_or(0);
        let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
        let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(5));
        let until = Instant::now() + timeout;
        loop {
            let arrived = self.arrived.notified();
            let found = self.take(bot, offset, limit);
            let left = until.saturating_duration_since(Instant::now());
            if !found.is_empty() || left.is_zero() {
                return json!(found);
            }
            let _ = tokio::time::timeout(left, arrived).await;
        }
    }
}

/// Message ids of sent messages, above those the driver gives its cards.
static NEXT_MESSAGE: AtomicI64 = AtomicI64::new(10_000_000);

async fn call(
    State(fake): State<Fake>,
    Path((bot, method)): Path<(String, String)>,
    body: Option<Json<Value>>,
) -> Json<Value> {
    let body = body.map(|Json(v)| v).unwrap_or(Value::Null);
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    // teloxide names methods as its payload types do ("GetMe"); Telegram ignores case.
    let result = match method.to_ascii_lowercase().as_str() {
        "getupdates" => fake.updates(&bot, &body).await,
        "getme" => json!({"id": 1, "is_bot": true, "first_name": "Bot", "username": "load_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false}),
        "sendmessage" => {
            fake.answered(&bot, chat, Waits::Reply);
            message(chat, NEXT_MESSAGE.fetch_add(1, Ordering::Relaxed), &body)
        }
        "editmessagetext" => {
            fake.answered(&bot, chat, Waits::Edit);
            message(chat, body["message_id"].as_i64().unwrap_or(1), &body)
        }
        "getwebhookinfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        "editmessagereplymarkup" => message(chat, body["message_id"].as_i64().unwrap_or(1), &body),
        _ => json!(true),
    };
    Json(json!({"ok": true, "result": result}))
}

/// The message Telegram would return for a send or edit.
fn message(chat: i64, id: i64, body: &Value) -> Value {
    json!({
        "message_id": id,
        "date": 1_780_000_000,
        "chat": {"id": chat, "type": "private", "first_name": "U"},
        "from": {"id": 1, "is_bot": true, "first_name": "Bot", "username": "load_bot"},
        "text": body["text"].as_str().unwrap_or(""),
    })
}
