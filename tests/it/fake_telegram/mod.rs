//! A fake Telegram Bot API server for end-to-end tests.
//!
//! The real dispatcher (or the `otklik` binary) talks to it over HTTP as it
//! would to Telegram; the test pushes updates as users and asserts on what
//! the users see. See `self_test.rs` for usage.
//!
//! ```ignore
//! let tg = FakeTelegram::start().await;
//! let bot = tg.bot(); // or env TELOXIDE_API_URL = tg.url(), TELOXIDE_TOKEN = TOKEN
//! let alice = User::ru(100, "Алиса");
//! tg.push_text(&alice, "/start");
//! let card = tg.wait_for_message(alice.id, |m| m.text.contains("Привет"), SECS_5).await?;
//! tg.press(&alice, card.message_id, "case:1:accept");
//! tg.assert_spec_clean();
//! ```

// A support library: each test uses only part of its API.
#![allow(dead_code)]

mod failures;
mod html;
mod inject;
mod methods;
pub mod multipart;
mod polling;
mod report;
mod server;
mod spec;
mod spec_check;
mod state;
mod updates;
mod wait;

mod self_test;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

// Re-exported for the test modules; not every test binary uses each.
#[allow(unused_imports)]
pub use failures::{Failure, RateLimiter};
#[allow(unused_imports)]
pub use inject::UserMessage;
#[allow(unused_imports)]
pub use state::{Media, MediaKind, RecordedRequest, SentMessage, User};
#[allow(unused_imports)]
pub use updates::{BOT_ID, BOT_USERNAME};
#[allow(unused_imports)]
pub use wait::WaitTimeout;

use failures::FailRule;
use server::Inner;
use spec::Spec;
use state::State;

/// The bot token the fake accepts (any other gets 401 Unauthorized).
pub const TOKEN: &str = "123456:TEST";

/// Env var with the path to the Bot API `api.json`; enables spec checks.
pub const SPEC_ENV: &str = "OTKLIK_BOTAPI_SPEC";

/// Cheap clonable handle to a running fake server.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Inner>,
    addr: SocketAddr,
    /// Stops the server and writes the report when the last handle drops.
    _guard: Arc<report::Guard>,
}

impl FakeTelegram {
    /// Starts on a free local port; spec checks on iff `OTKLIK_BOTAPI_SPEC` is set.
    /// Only these servers (the project's tests) add to the `OTKLIK_BOTAPI_REPORT` total.
    pub async fn start() -> Self {
        let spec = std::env::var_os(SPEC_ENV).map(PathBuf::from);
        let addr = SocketAddr::from(([127, 0, 0, 1], 0));
        Self::start_inner(addr, spec.as_deref(), true).await
    }

    /// Starts with spec checks against `spec` (`None`: checks off).
    ///
    /// Panics if the spec file cannot be read: a misconfigured test run
    /// should fail loudly, not silently skip the checks.
    pub async fn start_with_spec(spec: Option<&Path>) -> Self {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), spec).await
    }

    /// Starts on a fixed address (port 0 picks a free one).
    pub async fn start_on(addr: SocketAddr, spec: Option<&Path>) -> Self {
        Self::start_inner(addr, spec, false).await
    }

    async fn start_inner(addr: SocketAddr, spec: Option<&Path>, reports: bool) -> Self {
        let spec = spec.map(|p| Spec::load(p).unwrap_or_else(|e| panic!("{e}")));
        let inner = Arc::new(Inner {
            state: Mutex::new(State::new()),
            notify: Notify::new(),
            spec,
            long_poll_cap: Duration::from_secs(1),
        });
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .unwrap_or_else(|e| panic!("FakeTelegram cannot bind {addr}: {e}"));
        let addr = listener
            .local_addr()
            .expect("bound listener has an address");
        let app = server::router(inner.clone());
        let task = tokio::spawn(async move {
            // Serving only ends when the task is aborted.
            let _ = axum::serve(listener, app).await;
        });
        let guard = Arc::new(report::Guard::new(inner.clone(), task, reports));
        Self {
            inner,
            addr,
            _guard: guard,
        }
    }

    /// Base URL for `TELOXIDE_API_URL` / `Bot::set_api_url`.
    pub fn url(&self) -> reqwest::Url {
        let url = format!("http://{}/", self.addr);
        reqwest::Url::parse(&url).expect("a socket address makes a valid URL")
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A teloxide bot that talks to this server.
    pub fn bot(&self) -> teloxide::Bot {
        teloxide::Bot::new(TOKEN).set_api_url(self.url())
    }

    /// Environment for a child process using `Bot::from_env()`.
    pub fn env_vars(&self) -> Vec<(String, String)> {
        vec![
            ("TELOXIDE_TOKEN".to_owned(), TOKEN.to_owned()),
            ("TELOXIDE_API_URL".to_owned(), self.url().to_string()),
        ]
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.lock()
    }

    /// Bot messages in a chat as the user sees them now, oldest first.
    pub fn messages(&self, chat: i64) -> Vec<SentMessage> {
        self.state().chats.get(&chat).cloned().unwrap_or_default()
    }

    pub fn last_message(&self, chat: i64) -> Option<SentMessage> {
        self.state()
            .chats
            .get(&chat)
            .and_then(|m| m.last().cloned())
    }

    pub fn message(&self, chat: i64, message_id: i32) -> Option<SentMessage> {
        self.state().find_sent(chat, message_id).cloned()
    }

    /// Readable dump of a chat, for assertion messages.
    pub fn dump_chat(&self, chat: i64) -> String {
        self.state().dump_chat(chat)
    }

    /// `(callback_query_id, text, show_alert)` of every answerCallbackQuery.
    pub fn callback_answers(&self) -> Vec<(String, Option<String>, bool)> {
        self.state().callback_answers.clone()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state().requests.clone()
    }

    /// Requests of one method (case-insensitive).
    pub fn requests_for(&self, method: &str) -> Vec<RecordedRequest> {
        self.state()
            .requests
            .iter()
            .filter(|r| r.is(method))
            .cloned()
            .collect()
    }

    /// Number of bot messages created (a media group counts each item).
    pub fn sent_count(&self) -> usize {
        self.state().sent_count
    }

    /// `(chat, message_id)` of every deleted message.
    pub fn deleted(&self) -> Vec<(i64, i32)> {
        self.state().deleted.clone()
    }

    /// `(method, description)` of every error answer, injected or not.
    pub fn api_errors(&self) -> Vec<(String, String)> {
        self.state().api_errors.clone()
    }

    /// Commands set for a scope (`None`: default) and language (`""`: all).
    pub fn commands(
        &self,
        scope: Option<serde_json::Value>,
        language: &str,
    ) -> Vec<(String, String)> {
        let mut body = serde_json::json!({ "language_code": language });
        if let Some(scope) = scope {
            body["scope"] = scope;
        }
        let key = methods::commands_key(&body);
        let list = self.state().commands.get(&key).cloned().unwrap_or_default();
        let items = list.as_array().cloned().unwrap_or_default();
        let field = |c: &serde_json::Value, k: &str| c[k].as_str().unwrap_or_default().to_owned();
        items
            .iter()
            .map(|c| (field(c, "command"), field(c, "description")))
            .collect()
    }

    /// Bytes the bot uploaded under a file id the fake assigned.
    pub fn uploaded(&self, file_id: &str) -> Option<Vec<u8>> {
        self.state().uploads.get(file_id).cloned()
    }

    /// A file people sent, with its content (what `getFile` and the download serve).
    pub fn put_file(&self, file_id: &str, bytes: &[u8]) {
        self.state()
            .uploads
            .insert(file_id.to_owned(), bytes.to_vec());
    }

    /// A file people sent that is over the 20 MB a bot may download.
    pub fn file_too_big(&self, file_id: &str) {
        self.state().too_big.insert(file_id.to_owned());
    }

    /// Fails the next `n` calls of `method` (`*`: any but getUpdates).
    pub fn fail_next(&self, method: &str, n: usize, failure: Failure) {
        self.add_rule(method, None, n, failure);
    }

    /// Like [`Self::fail_next`], for calls addressed to one chat.
    pub fn fail_next_in_chat(&self, method: &str, chat: i64, n: usize, failure: Failure) {
        self.add_rule(method, Some(chat), n, failure);
    }

    fn add_rule(&self, method: &str, chat_id: Option<i64>, remaining: usize, failure: Failure) {
        let rule = FailRule {
            method: method.to_owned(),
            chat_id,
            remaining,
            failure,
        };
        self.state().fail_rules.push(rule);
    }

    /// The user blocks (or unblocks) the bot: sends to the chat get 403.
    pub fn set_blocked(&self, chat: i64, blocked: bool) {
        let mut state = self.state();
        if blocked {
            state.blocked.insert(chat);
        } else {
            state.blocked.remove(&chat);
        }
    }

    /// Telegram's flood limits: 30 messages/s overall, ~1/s per private chat with short
    /// bursts, 20 a minute per group.
    pub fn enforce_rate_limits(&self, on: bool) {
        self.set_rate_limiter(on.then(RateLimiter::default));
    }

    pub fn set_rate_limiter(&self, limiter: Option<RateLimiter>) {
        self.state().limiter = limiter;
    }

    /// How many 429s the flood limiter answered.
    pub fn too_many_requests_count(&self) -> usize {
        self.state().too_many_requests
    }

    pub fn spec_enabled(&self) -> bool {
        self.inner.spec.is_some()
    }

    pub fn spec_violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }

    /// Requests checked against the spec (0 when checks are off).
    pub fn checked_requests(&self) -> usize {
        self.state().checked
    }

    /// Panics listing every Bot API violation seen so far.
    pub fn assert_spec_clean(&self) {
        self._guard.write_report();
        let violations = self.spec_violations();
        assert!(
            violations.is_empty(),
            "{} Bot API violation(s):\n  {}",
            violations.len(),
            violations.join("\n  ")
        );
    }
}
