//! Telegram's webhook side for the fake: takes the updates the test pushed (through the
//! fake's own getUpdates) and posts each to one of the webhook replicas in turn, with the
//! secret token header, moving on to the other replica if one does not answer 200.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::fake_telegram::{FakeTelegram, TOKEN};
use crate::helpers::binary::WEBHOOK_SECRET;

pub struct Relay {
    stop: Arc<AtomicBool>,
    task: JoinHandle<()>,
    /// How many updates each target accepted.
    served: Arc<Mutex<Vec<usize>>>,
}

impl Relay {
    pub fn start(tg: &FakeTelegram, targets: Vec<String>) -> Relay {
        Self::start_with_secret(tg, targets, WEBHOOK_SECRET.to_owned())
    }

    /// Sends `secret` in the secret-token header, as Telegram does after `setWebhook`.
    pub fn start_with_secret(tg: &FakeTelegram, targets: Vec<String>, secret: String) -> Relay {
        let stop = Arc::new(AtomicBool::new(false));
        let served = Arc::new(Mutex::new(vec![0; targets.len()]));
        let api = format!("{}bot{TOKEN}/getUpdates", tg.url());
        let task = tokio::spawn(run(api, targets, secret, stop.clone(), served.clone()));
        Relay { stop, task, served }
    }

    pub fn served(&self) -> Vec<usize> {
        self.served
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub async fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.task.await;
    }
}

async fn run(
    api: String,
    targets: Vec<String>,
    secret: String,
    stop: Arc<AtomicBool>,
    served: Arc<Mutex<Vec<usize>>>,
) {
    let client = reqwest::Client::new();
    let (mut offset, mut turn) = (0_i64, 0_usize);
    while !stop.load(Ordering::Relaxed) {
        // The fake caps long polls at 1 s, so `stop` is seen soon.
        let body = json!({ "offset": offset, "timeout": 1 });
        let updates = match client.post(&api).json(&body).send().await {
            Ok(r) => r.json::<Value>().await.ok(),
            Err(_) => None,
        };
        let Some(updates) = updates.and_then(|v| v["result"].as_array().cloned()) else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        for update in updates {
            let Some(id) = update["update_id"].as_i64() else {
                continue;
            };
            if let Some(i) = post(&client, &targets, &secret, turn, &update, &stop).await {
                served.lock().unwrap_or_else(|e| e.into_inner())[i] += 1;
            }
            turn += 1;
            offset = offset.max(id + 1);
        }
    }
}

/// Posts to the replica whose turn it is, or the next one that answers; Telegram keeps
/// retrying an update until some endpoint takes it.
async fn post(
    client: &reqwest::Client,
    targets: &[String],
    secret: &str,
    turn: usize,
    update: &Value,
    stop: &AtomicBool,
) -> Option<usize> {
    for attempt in 0.. {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        let i = (turn + attempt) % targets.len();
        let sent = client
            .post(&targets[i])
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(update)
            .send()
            .await;
        if sent.is_ok_and(|r| r.status().is_success()) {
            return Some(i);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}
