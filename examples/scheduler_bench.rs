//! Benchmark of the scheduler at scale: 1,000,000 cases of which 100,000 are open (with
//! their events and timers), then
//! - the median of scheduler timer passes, each with a handful of due timers, and
//! - delivery throughput against an in-process courier that enforces Telegram's limits
//!   (30 messages in any second overall; per chat 1 message per second after a burst of 3,
//!   as Telegram allows in private chats) and counts 429s.
//!
//! ```text
//! cargo run --release --example scheduler_bench -- [sqlite | postgres://USER@HOST:PORT/DB]
//! ```
//! Without an argument both run: SQLite in a temporary file, and PostgreSQL at
//! `postgres://postgres@127.0.0.1:5432/test`. For PostgreSQL a fresh database is created
//! beside the one named in the URL and dropped at the end.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::{Connection, Executor, PgConnection, PgPool, SqlitePool};
use tokio::sync::Notify;

use otklik::clock::{ManualClock, SharedClock, SystemClock};
use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::scheduler::{Courier, Delivery, Scheduler, Shutdown};
use otklik::storage::{OutboxItem, Store};

const CASES: i64 = 1_000_000;
/// Every 10th case is open.
const OPEN_EVERY: i64 = 10;
const UNITS: i64 = 30;
/// Open cases' timers are 30 s apart; a pass every 150 s finds about five due.
const TIMER_SPACING: i64 = 30;
const PASS_STEP: i64 = 150;
const PASSES: usize = 101;
/// Delivery: this many rows over this many chats.
const MESSAGES: i64 = 420;
const CHATS: i64 = 140;
const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Tuesday 10 November 2026, 10:00 in Moscow: timers start here.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 10, 7, 0, 0)
        .single()
        .unwrap_or_default()
}

enum Db {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

impl Db {
    async fn exec(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                p.execute(sql).await?;
            }
            Db::Pg(p) => {
                p.execute(sql).await?;
            }
        }
        Ok(())
    }

    /// Where `SELECT … FROM {seq}` draws i = 1..=n.
    async fn sequence(&self, n: i64) -> Result<String> {
        match self {
            Db::Sqlite(_) => {
                self.exec("CREATE TEMP TABLE seq (i INTEGER PRIMARY KEY)")
                    .await?;
                self.exec(&format!(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
                     INSERT INTO seq SELECT i FROM n"
                ))
                .await?;
                Ok("seq".into())
            }
            Db::Pg(_) => Ok(format!("generate_series(1, {n}) AS seq(i)")),
        }
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let arg = std::env::args().nth(1);
    match arg.as_deref() {
        Some("sqlite") => bench_sqlite().await,
        Some(url) if url.starts_with("postgres") => bench_postgres(url).await,
        Some(other) => anyhow::bail!("expected `sqlite` or a postgres:// URL, got {other}"),
        None => {
            bench_sqlite().await?;
            bench_postgres(DEFAULT_PG).await
        }
    }
}

async fn bench_sqlite() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite:{}?mode=rwc", dir.path().join("bench.db").display());
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let opts: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
    let fill_pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts.foreign_keys(false))
        .await?;
    let db = Db::Sqlite(fill_pool);
    measure("SQLite", &store, &db).await
}

async fn bench_postgres(admin_url: &str) -> Result<()> {
    let name = format!("otklik_sched_bench_{}", std::process::id());
    let mut admin = PgConnection::connect(admin_url)
        .await
        .with_context(|| format!("connecting to {admin_url}"))?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    let mut url = url::Url::parse(admin_url)?;
    url.set_path(&format!("/{name}"));
    let result = async {
        let store = Store::connect(url.as_str()).await?;
        store.migrate().await?;
        let db = Db::Pg(PgPool::connect(url.as_str()).await?);
        let r = measure("PostgreSQL", &store, &db).await;
        store.close().await;
        if let Db::Pg(p) = db {
            p.close().await;
        }
        r
    }
    .await;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await?;
    result
}

async fn measure(label: &str, store: &Store, db: &Db) -> Result<()> {
    let t = Instant::now();
    fill(db).await?;
    println!(
        "[{label}] filled {CASES} cases ({} open), their events and timers in {:.1} s",
        CASES / OPEN_EVERY,
        t.elapsed().as_secs_f64()
    );
    passes(label, store).await?;
    // Many chats: the global pace binds. Few chats with many messages: the per-chat pace.
    delivery(label, store, db, MESSAGES, CHATS).await?;
    delivery(label, store, db, 12, 2).await
}

async fn fill(db: &Db) -> Result<()> {
    if let Db::Pg(_) = db {
        db.exec("SET synchronous_commit = off").await?;
    }
    directory(db).await?;
    let seq = db.sequence(CASES).await?;
    let t0 = t0().timestamp();
    let open = format!("i % {OPEN_EVERY} = 0");
    // History: one case every 30 s before t0; closed ones answered three hours later.
    db.exec(&format!(
        "INSERT INTO cases (id, number, link, network, topic, location, importance, repeat_of, \
         state, registered_at, registered_by, closed_at, responsible_unit, holder_id, next_due_at, version) \
         SELECT i, i, 'https://vk.com/wall-1_' || i, 'vk', 'ЖКХ', 'г. Алатырь', 'Средняя', NULL, \
         CASE WHEN {open} THEN 'in_work' ELSE 'answered' END, \
         CAST({t0} AS BIGINT) - ({CASES} - i) * 30, 1, \
         CASE WHEN {open} THEN NULL ELSE CAST({t0} AS BIGINT) - ({CASES} - i) * 30 + 10800 END, \
         1 + i % {UNITS}, NULL, NULL, 0 FROM {seq}"
    ))
    .await?;
    for sql in EVENTS {
        db.exec(sql).await?;
    }
    // Timers of the open cases: the п.11 draft and the п.10 answer, spread into the future.
    for (kind, offset) in [("draft_to_curator", 0), ("answer", 3 * 3600)] {
        let fire =
            format!("CAST({t0} AS BIGINT) + (id / {OPEN_EVERY}) * {TIMER_SPACING} + {offset}");
        db.exec(&format!(
            "INSERT INTO case_deadlines (case_id, kind, party, starts_at, due_at, remind_at, \
             remind_done, breach_done, next_fire_at) \
             SELECT id, '{kind}', 'unit:' || responsible_unit, registered_at, {fire} + 3600, {fire}, \
             FALSE, FALSE, {fire} FROM cases WHERE closed_at IS NULL ORDER BY id"
        ))
        .await?;
    }
    db.exec("ANALYZE").await
}

/// One statement per event kind, in time order, so each case's events are in id order.
const EVENTS: [&str; 3] = [
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at, 1, 'registered', '{\"kind\":\"registered\",\"link\":\"' || link \
     || '\",\"network\":\"vk\",\"topic\":\"ЖКХ\",\"location\":\"г. Алатырь\",\"importance\":\"Средняя\",\"repeat_of\":null}' \
     FROM cases ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at + 300, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":' || responsible_unit \
     || ',\"responsible\":true,\"order\":0}' FROM cases ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, closed_at, 1, 'published', '{\"kind\":\"published\",\"draft_kind\":\"final\",\"url\":null}' \
     FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
];

/// A curator, a controller, per unit a deputy and an executor, and people for the
/// delivery test (one chat each).
async fn directory(db: &Db) -> Result<()> {
    let units: Vec<String> = (1..=UNITS)
        .map(|u| format!("({u}, 'Отдел №{u}')"))
        .collect();
    db.exec(&format!(
        "INSERT INTO units (id, name) VALUES {}",
        units.join(", ")
    ))
    .await?;
    let mut people = vec![
        "(1, 'Куратор', 1, NULL)".to_owned(),
        "(2, 'Контролёр', 2, NULL)".to_owned(),
    ];
    let mut roles = vec!["(1, 'curator')".to_owned(), "(2, 'controller')".to_owned()];
    for u in 1..=UNITS {
        people.push(format!(
            "({}, 'Заместитель {u}', {}, NULL)",
            100 + u,
            100 + u
        ));
        people.push(format!(
            "({}, 'Исполнитель {u}', {}, {u})",
            200 + u,
            200 + u
        ));
        roles.push(format!("({}, 'deputy')", 100 + u));
        roles.push(format!("({}, 'executor')", 200 + u));
    }
    for c in 0..CHATS {
        people.push(format!(
            "({}, 'Получатель {c}', {}, NULL)",
            1000 + c,
            1000 + c
        ));
    }
    db.exec(&format!(
        "INSERT INTO people (id, name, telegram_id, unit_id) VALUES {}",
        people.join(", ")
    ))
    .await?;
    db.exec(&format!(
        "INSERT INTO person_roles (person_id, role) VALUES {}",
        roles.join(", ")
    ))
    .await?;
    db.exec("UPDATE units SET deputy_id = 100 + id").await
}

fn scheduler<C: Courier>(store: &Store, clock: SharedClock, courier: C) -> Scheduler<C> {
    let config = Config::default();
    let calendar = WorkCalendar::new(config.calendar.clone());
    Scheduler::new(
        store.clone(),
        calendar,
        config,
        clock,
        courier,
        Arc::new(Notify::new()),
    )
}

async fn passes(label: &str, store: &Store) -> Result<()> {
    let clock = ManualClock::new(t0() - chrono::Duration::seconds(1));
    let sched = scheduler(store, Arc::new(clock.clone()), Strict::default());
    let mut times = Vec::with_capacity(PASSES);
    let mut reads = Vec::with_capacity(PASSES);
    let mut fired = 0;
    for _ in 0..PASSES {
        clock.advance(chrono::Duration::seconds(PASS_STEP));
        // The read alone, to tell the index lookup from the firing transactions.
        let t = Instant::now();
        store
            .due_timers(otklik::clock::Clock::now(&clock), 500)
            .await?;
        reads.push(t.elapsed());
        let t = Instant::now();
        let stats = sched.pass().await?;
        times.push(t.elapsed());
        fired += stats.fired;
    }
    times.sort();
    reads.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "[{label}] due-timer read alone: median {:.2} ms",
        ms(reads[PASSES / 2])
    );
    println!(
        "[{label}] timer pass: median {:.2} ms, p90 {:.2} ms, max {:.2} ms over {PASSES} passes \
         ({:.1} timers fired per pass)",
        ms(times[PASSES / 2]),
        ms(times[PASSES * 9 / 10]),
        ms(times[PASSES - 1]),
        fired as f64 / PASSES as f64
    );
    Ok(())
}

async fn delivery(label: &str, store: &Store, db: &Db, messages: i64, chats: i64) -> Result<()> {
    // Only the rows queued here count: what the passes queued is set aside.
    db.exec("UPDATE outbox SET status = 'sent' WHERE status = 'pending'")
        .await?;
    let now = Utc::now().timestamp();
    let rows: Vec<String> = (0..messages)
        .map(|j| {
            let p = 1000 + j % chats;
            format!("({p}, {p}, NULL, '{{\"bench\":{j}}}', 'bench:{now}:{j}', {now}, {now})")
        })
        .collect();
    db.exec(&format!(
        "INSERT INTO outbox (recipient_id, chat_id, case_id, payload, idempotency_key, created_at, \
         not_before) VALUES {}",
        rows.join(", ")
    ))
    .await?;
    let courier = Strict::default();
    let sched = scheduler(store, Arc::new(SystemClock), courier.clone());
    let shutdown = Shutdown::new();
    let started = Instant::now();
    let task = tokio::spawn(sched.run(shutdown.clone()));
    while courier.stats().accepted < messages as usize
        && started.elapsed() < Duration::from_secs(300)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    shutdown.cancel();
    task.await?;
    let s = courier.stats();
    println!(
        "[{label}] delivery: {} messages to {chats} chats in {elapsed:.2} s = {:.1} msg/s; \
         429s: {} (global {}, per chat {}); busiest second {} msgs; closest per-chat gap {} ms",
        s.accepted,
        s.accepted as f64 / elapsed,
        s.global_429 + s.chat_429,
        s.global_429,
        s.chat_429,
        s.busiest_second,
        s.min_chat_gap.map_or(0, |d| d.as_millis())
    );
    Ok(())
}

/// Telegram's limits, enforced strictly: more than 30 messages in any second, or a chat
/// going faster than 1 message a second beyond a burst of 3, are refused with 429.
#[derive(Clone, Default)]
struct Strict {
    state: Arc<Mutex<StrictState>>,
}

#[derive(Clone, Default)]
struct StrictState {
    window: VecDeque<Instant>,
    last: HashMap<i64, Instant>,
    /// Each chat's theoretical next send (GCRA, burst 3).
    next: HashMap<i64, Instant>,
    accepted: usize,
    global_429: usize,
    chat_429: usize,
    busiest_second: usize,
    min_chat_gap: Option<Duration>,
}

impl Strict {
    fn stats(&self) -> StrictState {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn check(&self, chat: i64) -> Delivery {
        let now = Instant::now();
        let Ok(mut s) = self.state.lock() else {
            return Delivery::Transient("poisoned".into());
        };
        while s
            .window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            s.window.pop_front();
        }
        let gap = s.last.get(&chat).map(|t| now.duration_since(*t));
        if s.window.len() >= 30 {
            s.global_429 += 1;
            return Delivery::RetryAfter(Duration::from_secs(1));
        }
        let next = s.next.get(&chat).copied().unwrap_or(now).max(now);
        if next
            .checked_sub(Duration::from_secs(2))
            .is_some_and(|from| from > now)
        {
            s.chat_429 += 1;
            return Delivery::RetryAfter(Duration::from_secs(1));
        }
        s.window.push_back(now);
        s.busiest_second = s.busiest_second.max(s.window.len());
        s.last.insert(chat, now);
        s.next.insert(chat, next + Duration::from_secs(1));
        s.min_chat_gap = match (s.min_chat_gap, gap) {
            (Some(m), Some(g)) => Some(m.min(g)),
            (m, g) => m.or(g),
        };
        s.accepted += 1;
        Delivery::Sent
    }
}

impl Courier for Strict {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let outcome = self.check(item.chat_id);
        // A Bot API round trip.
        tokio::time::sleep(Duration::from_millis(30)).await;
        outcome
    }
}
