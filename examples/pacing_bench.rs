//! Benchmark of pacing to Telegram's real limits (issue 10, "Nobody waits").
//!
//! ```text
//! cargo run --release --example pacing_bench -- [--spacing-ms 2000] [--replies 30] [--no-throttle]
//! ```
//! 1. Replies: a person sends `--replies` messages, one every `--spacing-ms` (30 in a minute
//!    by default), and each is answered through `bot::reply::send` (the path of every direct
//!    reply) by a bot talking HTTP to a local imitation of Telegram that enforces its flood
//!    limits (`support/flood.rs`). Printed: how long each answer took after the message,
//!    max and p95 (target: each within 2 s). For comparison the same through teloxide's
//!    `Throttle` (the old pacing), unless `--no-throttle`.
//! 2. Restart with a queue: 130 notices are queued (a deputy with 10, 30 executors with 4)
//!    before the real scheduler starts, as after a restart; a courier imitating Telegram
//!    (30 ms a message, the same flood limits, 429 answered as Telegram does) records when
//!    each went. Printed: latency from the start, p50/p95/max (target: p95 < 10 s), 429s.

#[path = "support/flood.rs"]
mod flood;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use teloxide::prelude::*;
use teloxide::types::ChatId;
use tokio::sync::Notify;

use otklik::clock::{SharedClock, SystemClock};
use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::domain::notice::Audience;
use otklik::scheduler::{Courier, Delivery, Scheduler, Shutdown};
use otklik::storage::{OutboxItem, Store};

use flood::Flood;

const CHAT: i64 = 5001;
const DEPUTY_NOTICES: usize = 10;
const EXECUTORS: i64 = 30;
const EXECUTOR_NOTICES: usize = 4;
const NETWORK: Duration = Duration::from_millis(30);

struct Args {
    spacing: Duration,
    replies: usize,
    throttle: bool,
}

fn args() -> Result<Args> {
    let mut a = Args {
        spacing: Duration::from_millis(2_000),
        replies: 30,
        throttle: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--spacing-ms" => a.spacing = Duration::from_millis(it.next().context("ms")?.parse()?),
            "--replies" => a.replies = it.next().context("count")?.parse()?,
            "--no-throttle" => a.throttle = false,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() -> Result<()> {
    let a = args()?;
    println!("| what | p50 | p95 | max | 429s |");
    println!("|---|---|---|---|---|");
    let url = fake_telegram().await?;
    let bot = Bot::new("1:bench").set_api_url(url.clone());
    let (waits, refused) = replies(&a, &bot, false).await?;
    row(
        &format!(
            "{} replies to one private chat, one per {:?}",
            a.replies, a.spacing
        ),
        waits,
        refused,
    );
    if a.throttle {
        let (waits, refused) = replies(&a, &bot, true).await?;
        row(
            "the same through teloxide's Throttle (before)",
            waits,
            refused,
        );
    }
    let (waits, refused) = restart_queue().await?;
    row(
        &format!(
            "{} notices queued at a restart, latency from the start",
            waits.len()
        ),
        waits,
        refused,
    );
    Ok(())
}

fn row(what: &str, mut waits: Vec<f64>, refused: usize) {
    waits.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let i = ((waits.len() as f64 - 1.0) * q).round() as usize;
        waits.get(i).copied().unwrap_or(0.0)
    };
    println!(
        "| {what} | {:.2} s | {:.2} s | {:.2} s | {refused} |",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

/// Shared state of the imitation: the flood limits and a message counter.
#[derive(Default)]
struct Fake {
    flood: Flood,
    messages: i32,
}

type FakeState = Arc<Mutex<Fake>>;

static FAKE: std::sync::OnceLock<FakeState> = std::sync::OnceLock::new();

/// A local Bot API answering `sendMessage` within Telegram's flood limits.
async fn fake_telegram() -> Result<reqwest::Url> {
    let state = FAKE.get_or_init(FakeState::default).clone();
    let app = Router::new()
        .route("/{*rest}", post(answer))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(reqwest::Url::parse(&format!("http://{addr}"))?)
}

async fn answer(
    State(state): State<FakeState>,
    Path(_rest): Path<String>,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(secs) = s.flood.admit(chat, Instant::now()) {
        let refusal = json!({ "ok": false, "error_code": 429,
            "description": format!("Too Many Requests: retry after {secs}"),
            "parameters": { "retry_after": secs } });
        return (StatusCode::TOO_MANY_REQUESTS, Json(refusal));
    }
    s.messages += 1;
    let message = json!({ "message_id": s.messages, "date": 0,
        "chat": { "id": chat, "type": "private", "first_name": "Bench" },
        "text": body["text"] });
    (
        StatusCode::OK,
        Json(json!({ "ok": true, "result": message })),
    )
}

/// A person's messages arrive on schedule; the chat's answers go one after another (as the
/// dispatcher handles one chat). Returns each answer's delay after its message, seconds.
async fn replies(a: &Args, bot: &Bot, throttle: bool) -> Result<(Vec<f64>, usize)> {
    let chat = CHAT + i64::from(throttle);
    let throttled = bot
        .clone()
        .throttle(teloxide::adaptors::throttle::Limits::default());
    let refused_before = refused();
    let t0 = Instant::now();
    let mut waits = Vec::new();
    for i in 0..a.replies {
        let asked = t0 + a.spacing * i as u32;
        tokio::time::sleep_until(asked.into()).await;
        let text = "Принято.";
        if throttle {
            throttled.send_message(ChatId(chat), text).await?;
        } else {
            otklik::bot::reply::send(bot, ChatId(chat), text, None).await?;
        }
        waits.push(asked.elapsed().as_secs_f64());
    }
    Ok((waits, refused() - refused_before))
}

fn refused() -> usize {
    FAKE.get().map_or(0, |s| {
        s.lock().unwrap_or_else(|p| p.into_inner()).flood.refused
    })
}

/// Imitates Telegram for the scheduler: 30 ms a message, its flood limits.
#[derive(Clone, Default)]
struct FloodCourier {
    flood: Arc<Mutex<Flood>>,
    sent: Arc<Mutex<Vec<Instant>>>,
}

impl Courier for FloodCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        tokio::time::sleep(NETWORK).await;
        let verdict = self
            .flood
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .admit(item.chat_id, Instant::now());
        match verdict {
            Ok(()) => {
                self.sent
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(Instant::now());
                Delivery::Sent
            }
            Err(secs) => Delivery::RetryAfter(Duration::from_secs(secs)),
        }
    }
}

async fn restart_queue() -> Result<(Vec<f64>, usize)> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite:{}?mode=rwc", dir.path().join("pacing.db").display());
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let config = Config::parse(&config_text(), "bench.toml").context("bench config")?;
    otklik::service::directory::apply(&store, &config).await?;
    let clock: SharedClock = Arc::new(SystemClock);
    let mut queue = vec![(7001, DEPUTY_NOTICES)];
    queue.extend((1..=EXECUTORS).map(|i| (8000 + i, EXECUTOR_NOTICES)));
    let mut total = 0;
    for (telegram, n) in queue {
        let person = store
            .person_by_telegram(telegram)
            .await?
            .context("a person")?;
        for k in 0..n {
            let key = format!("bench:{telegram}:{k}");
            let payload = json!({ "bench": key });
            let audience = Audience::Person { id: person.id };
            store
                .enqueue_extra(audience, None, &payload, &key, clock.now())
                .await?;
            total += 1;
        }
    }
    let courier = FloodCourier::default();
    let (sent, flood) = (courier.sent.clone(), courier.flood.clone());
    let calendar = WorkCalendar::new(config.calendar.clone());
    let wake = Arc::new(Notify::new());
    let scheduler = Scheduler::new(store, calendar, config, clock, courier, wake);
    let stop = Shutdown::new();
    let t0 = Instant::now();
    let task = tokio::spawn(scheduler.run(stop.clone()));
    while sent.lock().unwrap_or_else(|p| p.into_inner()).len() < total {
        anyhow::ensure!(
            t0.elapsed() < Duration::from_secs(300),
            "the queue did not drain"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.cancel();
    let _ = task.await;
    let waits = sent
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .map(|t| t.duration_since(t0).as_secs_f64())
        .collect();
    let refused = flood.lock().unwrap_or_else(|p| p.into_inner()).refused;
    Ok((waits, refused))
}

fn config_text() -> String {
    let mut text = String::from(
        "[organization]\nname = \"Бенчмарк\"\ntimezone = \"Europe/Moscow\"\n\n\
         [[people]]\nname = \"Заместитель\"\ntelegram_id = 7001\nroles = [\"deputy\"]\n\n",
    );
    for i in 1..=EXECUTORS {
        text += &format!(
            "[[people]]\nname = \"Исполнитель {i}\"\ntelegram_id = {}\nroles = [\"executor\"]\nunit = \"Отдел\"\n\n",
            8000 + i
        );
    }
    text + "[[units]]\nname = \"Отдел\"\ndeputy = \"Заместитель\"\n"
}
