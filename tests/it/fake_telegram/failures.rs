//! Failure injection and Telegram's flood limits.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A failure the fake answers with instead of handling a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// 429 with `parameters.retry_after` (teloxide: `RequestError::RetryAfter`).
    TooManyRequests { retry_after: u64 },
    /// An HTTP 5xx. Note: teloxide sleeps 10 s after any 5xx before returning.
    Server(u16),
    /// 403 "bot was blocked by the user" (teloxide: `ApiError::BotBlocked`).
    Forbidden,
    /// 403 with this description (Telegram has several: never started, deactivated, ...).
    ForbiddenAs(String),
    /// 400 with this description.
    BadRequest(String),
    /// Delay the response, then handle the request normally (the bot may
    /// time out although the message was delivered, as in real life).
    Hang(Duration),
}

/// `n` next requests of `method` (case-insensitive; `*` = any method but
/// getUpdates), optionally only those addressed to `chat_id`.
#[derive(Debug, Clone)]
pub struct FailRule {
    pub method: String,
    pub chat_id: Option<i64>,
    pub remaining: usize,
    pub failure: Failure,
}

impl FailRule {
    pub fn matches(&self, method: &str, chat_id: Option<i64>) -> bool {
        let method_ok = if self.method == "*" {
            !method.eq_ignore_ascii_case("getupdates")
        } else {
            self.method.eq_ignore_ascii_case(method)
        };
        let chat_ok = self.chat_id.is_none() || self.chat_id == chat_id;
        self.remaining > 0 && method_ok && chat_ok
    }
}

/// An error answer in Telegram's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub description: String,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn bad_request(what: &str) -> Self {
        Self {
            status: 400,
            description: format!("Bad Request: {what}"),
            retry_after: None,
        }
    }

    pub fn not_found() -> Self {
        let description = "Not Found: method not found".to_owned();
        Self {
            status: 404,
            description,
            retry_after: None,
        }
    }

    pub fn unauthorized() -> Self {
        Self {
            status: 401,
            description: "Unauthorized".to_owned(),
            retry_after: None,
        }
    }

    pub fn blocked() -> Self {
        let description = "Forbidden: bot was blocked by the user".to_owned();
        Self {
            status: 403,
            description,
            retry_after: None,
        }
    }

    pub fn too_many(retry_after: u64) -> Self {
        let description = format!("Too Many Requests: retry after {retry_after}");
        Self {
            status: 429,
            description,
            retry_after: Some(retry_after),
        }
    }

    /// The error a [`Failure`] stands for (`Hang` has none).
    pub fn from_failure(failure: &Failure) -> Option<Self> {
        match failure {
            Failure::TooManyRequests { retry_after } => Some(Self::too_many(*retry_after)),
            Failure::Server(code) => Some(Self {
                status: *code,
                description: "Internal Server Error".to_owned(),
                retry_after: None,
            }),
            Failure::Forbidden => Some(Self::blocked()),
            Failure::ForbiddenAs(description) => Some(Self {
                status: 403,
                description: description.clone(),
                retry_after: None,
            }),
            Failure::BadRequest(what) => Some(Self::bad_request(what)),
            Failure::Hang(_) => None,
        }
    }

    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "ok": false,
            "error_code": self.status,
            "description": self.description,
        });
        if let Some(secs) = self.retry_after {
            v["parameters"] = json!({ "retry_after": secs });
        }
        v
    }
}

/// Methods Telegram's flood control counts (the same set teloxide's
/// `Throttle` adaptor delays).
pub fn is_throttled(method: &str) -> bool {
    let m = method.to_ascii_lowercase();
    (m.starts_with("send") && m != "sendchataction")
        || m.starts_with("forward")
        || m.starts_with("copy")
}

/// Telegram's flood limits as its FAQ states them: 30 messages/s overall (a sliding
/// one-second window); in a private chat about one per second, short bursts allowed (a
/// token bucket of `per_chat_burst`); in a group or channel (negative id) 20 a minute.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    pub overall_per_sec: usize,
    pub per_chat_per_sec: usize,
    /// Messages a quiet private chat may get at once.
    pub per_chat_burst: usize,
    pub per_group_per_min: usize,
    /// Slack for network jitter: the window is `1 s - jitter` long, so a
    /// client that keeps exactly to the limits is never refused.
    pub jitter: Duration,
    overall: VecDeque<Instant>,
    /// Each private chat's theoretical next send (GCRA).
    private: HashMap<i64, Instant>,
    groups: HashMap<i64, VecDeque<Instant>>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self {
            overall_per_sec: 30,
            per_chat_per_sec: 1,
            per_chat_burst: 3,
            per_group_per_min: 20,
            jitter: Duration::from_millis(100),
            overall: VecDeque::new(),
            private: HashMap::new(),
            groups: HashMap::new(),
        }
    }
}

impl RateLimiter {
    /// Admits one message now, or says how many seconds to wait.
    pub fn admit(&mut self, chat_id: Option<i64>, now: Instant) -> Result<(), u64> {
        let window = Duration::from_secs(1).saturating_sub(self.jitter);
        prune(&mut self.overall, now, window);
        if self.overall.len() >= self.overall_per_sec {
            return Err(wait_secs(&self.overall, now, window));
        }
        match chat_id {
            Some(chat) if chat < 0 => self.admit_group(chat, now)?,
            Some(chat) => self.admit_private(chat, now)?,
            None => {}
        }
        self.overall.push_back(now);
        Ok(())
    }

    fn admit_group(&mut self, chat: i64, now: Instant) -> Result<(), u64> {
        let window = Duration::from_secs(60).saturating_sub(self.jitter);
        let sent = self.groups.entry(chat).or_default();
        prune(sent, now, window);
        if sent.len() >= self.per_group_per_min {
            return Err(wait_secs(sent, now, window));
        }
        sent.push_back(now);
        Ok(())
    }

    fn admit_private(&mut self, chat: i64, now: Instant) -> Result<(), u64> {
        let interval = Duration::from_secs(1) / self.per_chat_per_sec.max(1) as u32;
        let tolerance = interval * self.per_chat_burst.saturating_sub(1) as u32 + self.jitter;
        let next = self.private.get(&chat).copied().unwrap_or(now).max(now);
        let allowed_from = next.checked_sub(tolerance).unwrap_or(now);
        if allowed_from > now {
            let left = allowed_from.duration_since(now);
            return Err(left.as_secs_f64().ceil().max(1.0) as u64);
        }
        self.private.insert(chat, next + interval);
        Ok(())
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

/// Whole seconds until the oldest entry leaves the window (at least 1, as
/// Telegram never says `retry_after: 0`).
fn wait_secs(times: &VecDeque<Instant>, now: Instant, window: Duration) -> u64 {
    let oldest = times.front().copied().unwrap_or(now);
    let left = window.saturating_sub(now.duration_since(oldest));
    left.as_secs_f64().ceil().max(1.0) as u64
}
