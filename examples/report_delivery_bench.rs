//! Benchmark of the first working day's delivery of the monthly summary (п.20) to ten
//! recipients, on a database like `report_bench`'s (1,000,000 cases, 50,000 in November 2026;
//! its own file, built once in about 10 s),
//! while other chats' messages keep arriving: 20 a second for 50 other people.
//!
//! ```text
//! cargo run --release --example report_delivery_bench -- [--db PATH] [--cases N] [--month-cases M]
//! ```
//! The real scheduler runs against the database with a clock starting just before
//! 1 December 2026, 09:00 Moscow; the courier imitates Telegram (30 ms a message, 300 ms an
//! upload) and records when each message went. Printed: how many times the summary was
//! built, how many uploads and file-id sends it took, and how long the other messages
//! waited from being queued to being sent (target: at most 1 s, also while it builds).

#[path = "support/report_db.rs"]
mod report_db;
#[path = "support/sim_courier.rs"]
mod sim_courier;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::TimeZone;
use sqlx::Executor;
use tokio::sync::Notify;

use otklik::clock::{SharedClock, ShiftedClock};
use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::domain::notice::Audience;
use otklik::scheduler::{Scheduler, Shutdown};
use otklik::service::report::ReportService;
use otklik::storage::Store;

use sim_courier::{Sent, SimCourier};

const RECIPIENTS: i64 = 10;
const OTHERS: i64 = 50;
const OTHER_EVERY: Duration = Duration::from_millis(50);

#[tokio::main]
async fn main() -> Result<()> {
    let a = args()?;
    let url = format!("sqlite:{}?mode=rwc", a.db);
    if !std::path::Path::new(&a.db).exists() {
        let t = Instant::now();
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        store.close().await;
        report_db::fill(&url, a.cases, a.month_cases).await?;
        println!("filled the database in {:.1} s", t.elapsed().as_secs_f64());
    }
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    reset(&url).await?;
    let config = Config::parse(&config_text(), "bench.toml").context("bench config")?;
    otklik::service::directory::apply(&store, &config).await?;
    let others = other_people(&store).await?;

    let start = chrono_tz::Europe::Moscow
        .with_ymd_and_hms(2026, 12, 1, 8, 59, 59)
        .single()
        .context("start moment")?
        .with_timezone(&chrono::Utc);
    let clock: SharedClock = Arc::new(ShiftedClock::starting_at(start));
    let reports = ReportService::new(store.clone(), Arc::new(config.clone()), clock.clone());
    let courier = SimCourier::new(reports.clone());
    let log = courier.log();
    let wake = Arc::new(Notify::new());
    let calendar = WorkCalendar::new(config.calendar.clone());
    let scheduler = Scheduler::new(
        store.clone(),
        calendar,
        config,
        clock.clone(),
        courier,
        wake.clone(),
    )
    .with_reports(reports.clone());
    let shutdown = Shutdown::new();
    let running = tokio::spawn(scheduler.run(shutdown.clone()));

    println!(
        "the summary of {} is due at 09:00 on 1 December 2026",
        report_db::MONTH
    );
    let t0 = Instant::now();
    let queued = produce(&store, &clock, &wake, &others, &log, t0).await?;
    shutdown.cancel();
    let _ = running.await;
    print_results(&reports, &log.lock().expect("log"), &queued, t0);
    Ok(())
}

struct Args {
    db: String,
    cases: i64,
    month_cases: i64,
}

fn args() -> Result<Args> {
    let mut a = Args {
        db: "/tmp/otklik-delivery-bench.db".into(),
        cases: 1_000_000,
        month_cases: 50_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--db" => a.db = value,
            "--cases" => a.cases = value.parse()?,
            "--month-cases" => a.month_cases = value.parse()?,
            _ => anyhow::bail!("unknown flag {flag}"),
        }
    }
    Ok(a)
}

/// Forgets a previous run's summary, outbox and file ids, so each run starts the same.
async fn reset(url: &str) -> Result<()> {
    let pool = sqlx::SqlitePool::connect(url).await?;
    for table in ["outbox", "report_artifacts", "report_uploads"] {
        pool.execute(format!("DELETE FROM {table}").as_str())
            .await?;
    }
    pool.execute("DELETE FROM meta WHERE key LIKE 'report:%'")
        .await?;
    pool.close().await;
    Ok(())
}

fn config_text() -> String {
    let mut text = String::from(
        "[organization]\nname = \"Бенчмарк\"\ntimezone = \"Europe/Moscow\"\n\n\
         [[people]]\nname = \"Заместитель доставки\"\ntelegram_id = 7001\nroles = [\"deputy\"]\n\n",
    );
    for i in 1..=RECIPIENTS {
        text += &format!(
            "[[people]]\nname = \"Куратор {i}\"\ntelegram_id = {}\nroles = [\"curator\"]\n\n",
            9000 + i
        );
    }
    for i in 1..=OTHERS {
        text += &format!(
            "[[people]]\nname = \"Исполнитель {i}\"\ntelegram_id = {}\nroles = [\"executor\"]\nunit = \"Отдел доставки\"\n\n",
            8000 + i
        );
    }
    text + "[[units]]\nname = \"Отдел доставки\"\ndeputy = \"Заместитель доставки\"\n"
}

async fn other_people(store: &Store) -> Result<Vec<otklik::domain::PersonId>> {
    let mut ids = Vec::new();
    for i in 1..=OTHERS {
        let p = store.person_by_telegram(8000 + i).await?;
        ids.push(p.context("an executor of the bench config")?.id);
    }
    Ok(ids)
}

/// Queues a message for another chat every `OTHER_EVERY` until all recipients have the
/// summary and a second more has passed; returns when each was queued, by sequence number.
async fn produce(
    store: &Store,
    clock: &SharedClock,
    wake: &Notify,
    others: &[otklik::domain::PersonId],
    log: &Arc<Mutex<Vec<Sent>>>,
    t0: Instant,
) -> Result<HashMap<u64, Instant>> {
    let mut queued = HashMap::new();
    let mut done_at: Option<Instant> = None;
    for seq in 0u64.. {
        let person = others[seq as usize % others.len()];
        let payload = serde_json::json!({ "bench": seq });
        let key = format!("bench:{seq}");
        queued.insert(seq, Instant::now());
        store
            .enqueue_extra(
                Audience::Person { id: person },
                None,
                &payload,
                &key,
                clock.now(),
            )
            .await?;
        wake.notify_one();
        tokio::time::sleep(OTHER_EVERY).await;
        let served = sim_courier::summaries_sent(&log.lock().expect("log"));
        if served >= RECIPIENTS as usize && done_at.is_none() {
            done_at = Some(Instant::now());
        }
        if done_at.is_some_and(|d| d.elapsed() > Duration::from_secs(1)) {
            break;
        }
        anyhow::ensure!(
            t0.elapsed() < Duration::from_secs(120),
            "the summary did not arrive"
        );
    }
    // Let the last queued messages go.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(queued)
}

fn print_results(
    reports: &ReportService,
    log: &[Sent],
    queued: &HashMap<u64, Instant>,
    t0: Instant,
) {
    let secs = |i: Instant| i.duration_since(t0).as_secs_f64();
    let summaries: Vec<f64> = log
        .iter()
        .filter_map(|s| match s {
            Sent::Summary { at } => Some(secs(*at)),
            _ => None,
        })
        .collect();
    let (uploads, by_id) = log.iter().fold((0, 0), |(u, f), s| match s {
        Sent::Upload => (u + 1, f),
        Sent::ByFileId => (u, f + 1),
        _ => (u, f),
    });
    let first = summaries.iter().copied().fold(f64::MAX, f64::min);
    let last = summaries.iter().copied().fold(0.0, f64::max);
    let mut waits: Vec<(f64, f64)> = log
        .iter()
        .filter_map(|s| match s {
            Sent::Other { seq, at } => {
                let q = queued.get(seq)?;
                Some((secs(*q), at.duration_since(*q).as_secs_f64()))
            }
            _ => None,
        })
        .collect();
    waits.sort_by(|a, b| a.1.total_cmp(&b.1));
    let during: Vec<f64> = waits
        .iter()
        .filter(|(q, _)| *q <= first)
        .map(|(_, w)| *w)
        .collect();
    let max_during = during.iter().copied().fold(0.0, f64::max);
    let max = waits.last().map_or(0.0, |w| w.1);
    let p50 = waits.get(waits.len() / 2).map_or(0.0, |w| w.1);
    println!("summary builds (month × language): {}", reports.rendered());
    println!("summary recipients served: {} (first at {first:.2} s, last at {last:.2} s after start; due at ~1 s)", summaries.len());
    println!("summary files: {uploads} uploads, {by_id} sends by file id");
    println!(
        "other chats: {} messages; wait from queued to sent: p50 {:.3} s, max {max:.3} s; \
         max {max_during:.3} s for the {} queued before the summary's first recipient",
        waits.len(),
        p50,
        during.len()
    );
    let worst: Vec<String> = waits
        .iter()
        .rev()
        .take(3)
        .map(|(q, w)| format!("{w:.3} s (queued at {q:.2} s)"))
        .collect();
    println!("longest waits: {}", worst.join(", "));
    println!(
        "target max wait <= 1 s: {}",
        if max <= 1.0 { "met" } else { "MISSED" }
    );
}
