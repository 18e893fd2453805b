//! The load's phases: a closed loop (each of the users acts again as soon as answered) and
//! an open loop (actions arrive at a fixed rate whoever is still waiting).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::fake::{Fake, Waits};

/// How long an action may go unanswered before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(10);

/// One person's next actions, in order.
pub struct Script {
    pub chat: i64,
    pub waits: Waits,
    pub updates: VecDeque<Value>,
}

#[derive(Default)]
pub struct Outcome {
    pub latencies: Vec<Duration>,
    pub lost: usize,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn percentile(&self, p: f64) -> Duration {
        let mut v = self.latencies.clone();
        v.sort();
        v.get(((v.len() as f64 * p) as usize).min(v.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    }
}

/// Every script acts, waits for its answer and acts again, for `length` at most.
pub async fn closed(fake: &Fake, token: &str, scripts: Vec<Script>, length: Duration) -> Outcome {
    let start = Instant::now();
    let end = start + length;
    let shared = Arc::new(Mutex::new(Outcome::default()));
    let mut tasks = Vec::new();
    for mut s in scripts {
        let (fake, token, shared) = (fake.clone(), token.to_owned(), shared.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < end {
                let Some(update) = s.updates.pop_front() else {
                    break;
                };
                let sent = Instant::now();
                let rx = fake.inject(&token, s.chat, s.waits, update);
                match tokio::time::timeout(PATIENCE, rx).await {
                    Ok(Ok(at)) => shared.lock().expect("outcome").latencies.push(at - sent),
                    _ => {
                        shared.lock().expect("outcome").lost += 1;
                        break;
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    finish(shared, start)
}

/// Actions arrive `rate` a second, round the scripts, for `length`.
pub async fn open(
    fake: &Fake,
    token: &str,
    mut scripts: Vec<Script>,
    rate: f64,
    length: Duration,
) -> Outcome {
    let start = Instant::now();
    let shared = Arc::new(Mutex::new(Outcome::default()));
    let total = (rate * length.as_secs_f64()) as usize;
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(due.into()).await;
        let n = scripts.len();
        let s = &mut scripts[i % n];
        let Some(update) = s.updates.pop_front() else {
            continue;
        };
        let sent = Instant::now();
        let rx = fake.inject(token, s.chat, s.waits, update);
        let shared = shared.clone();
        tasks.push(tokio::spawn(async move {
            match tokio::time::timeout(PATIENCE, rx).await {
                Ok(Ok(at)) => shared.lock().expect("outcome").latencies.push(at - sent),
                _ => shared.lock().expect("outcome").lost += 1,
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    finish(shared, start)
}

fn finish(shared: Arc<Mutex<Outcome>>, start: Instant) -> Outcome {
    let mut o = std::mem::take(&mut *shared.lock().expect("outcome"));
    o.elapsed = start.elapsed();
    o
}

fn person(chat: i64) -> Value {
    json!({"id": chat, "is_bot": false, "first_name": "U", "language_code": "ru"})
}

fn chat_of(chat: i64) -> Value {
    json!({"id": chat, "type": "private", "first_name": "U"})
}

/// A press of the button `data` on card message `card` in `chat`.
pub fn press(chat: i64, card: i64, data: &str, n: usize) -> Value {
    json!({"callback_query": {
        "id": format!("{chat}-{n}"),
        "from": person(chat),
        "chat_instance": chat.to_string(),
        "data": data,
        "message": {
            "message_id": card, "date": 1_780_000_000, "chat": chat_of(chat),
            "from": {"id": 1, "is_bot": true, "first_name": "Bot", "username": "load_bot"},
            "text": "card"
        }
    }})
}

/// A command typed in `chat`.
pub fn command(chat: i64, text: &str, n: usize) -> Value {
    json!({"message": {
        "message_id": n as i64 + 1, "date": 1_780_000_000, "chat": chat_of(chat), "from": person(chat),
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": text.chars().count()}]
    }})
}
