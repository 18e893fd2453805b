//! A fake MAX Bot API for end-to-end tests, like `fake_telegram` for Telegram.
//!
//! Every request is checked against the reference's TypeScript declarations (vendored in
//! `tests/maxapi/types`, read by [`dts`]): an unknown method, parameter or field, a missing
//! required one or a wrong kind of value is recorded as a violation, and tests end with
//! [`FakeMax::assert_spec_clean`].
//!
//! ```ignore
//! let max = FakeMax::start().await;
//! let anna = MaxUser::new(501, "Анна");
//! max.push_text(&anna, "/start");
//! let card = max.wait_for(anna.id, |m| m.text.contains("Здравствуйте")).await;
//! max.press(&anna, &card.mid, "c:1:accept");
//! max.assert_spec_clean();
//! ```

// A support library: each test uses only part of its API.
#![allow(dead_code)]

mod check;
pub mod dts;
pub mod files;
mod server;
mod state;

mod self_test;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::Notify;

pub use files::InFile;
pub use state::{Failure, MaxUser, Sent};

use check::Checker;
use state::State;

/// The token the fake accepts (any other gets 401).
pub const TOKEN: &str = "max-test-token";
pub const BOT_ID: i64 = 777;
pub const BOT_USERNAME: &str = "otklik_max_bot";

/// The vendored reference types.
pub fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/maxapi/types")
}

/// The reference, read once per test binary.
fn checker() -> Arc<Checker> {
    static CHECKER: OnceLock<Arc<Checker>> = OnceLock::new();
    CHECKER
        .get_or_init(|| {
            let decls = dts::Decls::load(&reference_dir())
                .unwrap_or_else(|e| panic!("the MAX reference cannot be read: {e}"));
            Arc::new(Checker::new(decls))
        })
        .clone()
}

pub struct Inner {
    state: Mutex<State>,
    checker: Arc<Checker>,
    /// New updates were pushed (wakes long polls).
    pushed: Notify,
    /// The bot made a request (wakes waiting tests).
    changed: Notify,
    addr: OnceLock<SocketAddr>,
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn violation(&self, v: String) {
        self.state().violations.push(v);
    }

    fn url(&self) -> String {
        format!(
            "http://{}",
            self.addr
                .get()
                .copied()
                .unwrap_or(([127, 0, 0, 1], 0).into())
        )
    }
}

#[derive(Clone)]
pub struct FakeMax {
    inner: Arc<Inner>,
    task: Arc<AbortOnDrop>,
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl FakeMax {
    pub async fn start() -> Self {
        let inner = Arc::new(Inner {
            state: Mutex::new(State::default()),
            checker: checker(),
            pushed: Notify::new(),
            changed: Notify::new(),
            addr: OnceLock::new(),
        });
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("FakeMax binds a local port");
        let addr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let _ = inner.addr.set(addr);
        let app = axum::Router::new()
            .fallback(server::handle)
            .with_state(inner.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            inner,
            task: Arc::new(AbortOnDrop(task)),
        }
    }

    /// The base URL for `OTKLIK_MAX_API_URL`.
    pub fn url(&self) -> String {
        self.inner.url()
    }

    pub fn client(&self) -> otklik::max::client::MaxClient {
        otklik::max::client::MaxClient::new(TOKEN, &self.url()).expect("a valid client")
    }

    fn push(&self, update: Value) {
        let problems = self.inner.checker.value(&update, "Update");
        assert!(
            problems.is_empty(),
            "the fake built an update the reference refuses: {problems:?}"
        );
        self.inner.state().updates.push(update);
        self.inner.pushed.notify_waiters();
    }

    /// The person writes `text` to the bot.
    pub fn push_text(&self, user: &MaxUser, text: &str) {
        let n = self.inner.state().next();
        self.push(json!({"update_type": "message_created", "timestamp": n,
            "message": {"sender": user.json(), "timestamp": n,
                "recipient": {"chat_id": user.dialog(), "chat_type": "dialog", "user_id": null, "post_id": null},
                "body": {"mid": format!("in.{n}"), "seq": n, "text": text}}}));
    }

    /// The person opens the bot (a deep link's `payload`, if any).
    pub fn push_started(&self, user: &MaxUser, payload: Option<&str>) {
        let n = self.inner.state().next();
        self.push(json!({"update_type": "bot_started", "timestamp": n,
            "chat_id": user.dialog(), "user": user.json(), "payload": payload}));
    }

    /// The person presses a button carrying `payload` under message `mid`; returns the
    /// callback id the bot must answer.
    pub fn press(&self, user: &MaxUser, mid: &str, payload: &str) -> String {
        let (n, message) = {
            let mut st = self.inner.state();
            let n = st.next();
            let msg = st
                .sent
                .iter()
                .find(|s| s.mid == mid)
                .map(|s| st.message_json(s));
            st.callbacks.insert(format!("cb.{n}"), mid.to_owned());
            (n, msg)
        };
        let id = format!("cb.{n}");
        self.push(json!({"update_type": "message_callback", "timestamp": n,
            "callback": {"timestamp": n, "callback_id": id, "payload": payload, "user": user.json()},
            "message": message}));
        id
    }

    /// Messages the bot sent to a person, oldest first, as they stand now.
    pub fn sent_to(&self, user: i64) -> Vec<Sent> {
        self.inner
            .state()
            .sent
            .iter()
            .filter(|s| s.user == Some(user))
            .cloned()
            .collect()
    }

    pub fn message(&self, mid: &str) -> Option<Sent> {
        self.inner
            .state()
            .sent
            .iter()
            .find(|s| s.mid == mid)
            .cloned()
    }

    /// Waits (up to 10 s) for a message to `user` that `pred` accepts, new or edited.
    pub async fn wait_for(&self, user: i64, pred: impl Fn(&Sent) -> bool) -> Sent {
        self.wait_for_within(user, Duration::from_secs(10), pred)
            .await
    }

    /// As [`FakeMax::wait_for`], for what may take longer on a loaded machine (a summary
    /// whose chart and workbook are built first).
    pub async fn wait_for_within(
        &self,
        user: i64,
        within: Duration,
        pred: impl Fn(&Sent) -> bool,
    ) -> Sent {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let changed = self.inner.changed.notified();
            if let Some(s) = self.sent_to(user).into_iter().rev().find(|s| pred(s)) {
                return s;
            }
            if tokio::time::Instant::now() >= deadline {
                let seen: Vec<String> = self.sent_to(user).into_iter().map(|s| s.text).collect();
                panic!("no matching MAX message to {user} within {within:?}; sent: {seen:#?}");
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), changed).await;
        }
    }

    /// Answers to presses: (callback id, the message it replaced the pressed one with).
    pub fn answers(&self) -> Vec<(String, Option<Value>)> {
        self.inner.state().answers.clone()
    }

    pub fn requests(&self) -> Vec<state::Request> {
        self.inner.state().requests.clone()
    }

    pub fn uploads(&self) -> Vec<(String, usize)> {
        self.inner.state().uploads.clone()
    }

    pub fn commands(&self) -> Option<Value> {
        self.inner.state().commands.clone()
    }

    /// The next `POST /messages` to `user` fails like this (queued, one per send).
    pub fn fail_send(&self, user: i64, failure: Failure) {
        self.inner
            .state()
            .fail_sends
            .entry(user)
            .or_default()
            .push_back(failure);
    }

    pub fn violations(&self) -> Vec<String> {
        self.inner.state().violations.clone()
    }

    #[track_caller]
    pub fn assert_spec_clean(&self) {
        let v = self.violations();
        assert!(
            v.is_empty(),
            "requests the MAX reference refuses:\n{}",
            v.join("\n")
        );
    }
}
