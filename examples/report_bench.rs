//! Benchmark of the monthly summary (п.20) at scale: a SQLite database of 1,000,000 cases,
//! 50,000 of them registered in the report month (November 2026), then the whole report as
//! the bot makes it — read from storage, figures, message, PNG, XLSX — timed, with the peak
//! resident memory of the report alone.
//!
//! ```text
//! cargo run --release --example report_bench -- [--db PATH] [--cases N] [--month-cases M]
//! ```
//! The database is built once (about a minute, plus the summaries of the eleven months
//! before, which keep their figures for the 12-month dynamics) and reused while its file
//! exists.

use std::str::FromStr;
use std::time::Instant;

use anyhow::{Context, Result};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, SqlitePool};

use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::domain::report::YearMonth;
use otklik::i18n::Lang;
use otklik::report::{render_chart_png, render_message, render_xlsx};
use otklik::storage::Store;

const MONTH: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};
/// Cases before the report month are spread from here on (22 months of history).
const HISTORY_FROM: YearMonth = YearMonth {
    year: 2025,
    month: 1,
};
const UNITS: i64 = 30;

struct Args {
    db: String,
    cases: i64,
    month_cases: i64,
}

fn args() -> Result<Args> {
    let mut a = Args {
        db: "/tmp/otklik-report-bench-12m.db".into(),
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

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let a = args()?;
    let url = format!("sqlite:{}?mode=rwc", a.db);
    if !std::path::Path::new(&a.db).exists() {
        let t = Instant::now();
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        store.close().await;
        fill(&url, a.cases, a.month_cases).await?;
        println!(
            "filled {} cases ({} in {MONTH}) in {:.1} s",
            a.cases,
            a.month_cases,
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        close_earlier_months(&url).await?;
        println!(
            "summarized the 11 months before {MONTH} (their figures kept) in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    // Only the report counts towards the peak: forget the filling's (Linux ≥ 4.0).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let rss_before = status_kb("VmRSS");
    run(&url).await?;
    println!(
        "peak RSS {:.1} MB (VmHWM{}; RSS before the report {:.1} MB)",
        status_kb("VmHWM") as f64 / 1024.0,
        if reset {
            ", reset before the report"
        } else {
            ", NOT reset: includes filling"
        },
        rss_before as f64 / 1024.0
    );
    Ok(())
}

/// Makes the figures of the months before the report month, as the monthly summary
/// would have as each closed, so they are stored for the dynamics.
async fn close_earlier_months(url: &str) -> Result<()> {
    let store = Store::connect(url).await?;
    let config = Config::default();
    let tz = WorkCalendar::default().timezone();
    for back in 1..12 {
        let month = MONTH.back(back);
        otklik::service::report::read_month(&store, &config, month, month.end(tz)).await?;
    }
    store.close().await;
    Ok(())
}

/// The report exactly as the bot makes it: `service::report::read_month` (the streaming
/// storage read, the 12-month dynamics from stored counts, the figures), then the three
/// renderings.
async fn run(url: &str) -> Result<()> {
    let total = Instant::now();
    let store = Store::connect(url).await?;
    let config = Config::default();
    let tz = WorkCalendar::default().timezone();

    // The dynamics' read on its own (it is also inside `read_month` below).
    let t = Instant::now();
    let trends = store.month_trends(MONTH, tz).await?;
    println!(
        "12-month dynamics read {:.4} s: {} earlier months, {} with stored figures",
        t.elapsed().as_secs_f64(),
        trends.len(),
        trends.iter().filter(|m| m.timeliness.is_some()).count()
    );

    let t = Instant::now();
    // Before the month's end, as on demand: the figures are read, not stored.
    let now = MONTH.start(tz);
    let (figures, rows) = otklik::service::report::read_month(&store, &config, MONTH, now).await?;
    let load_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let message = render_message(&figures, Lang::Ru);
    let message_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let png = render_chart_png(&figures, Lang::Ru)?;
    let png_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let xlsx = render_xlsx(&figures, &rows, Lang::Ru)?;
    let xlsx_s = t.elapsed().as_secs_f64();
    if let Ok(dir) = std::env::var("OTKLIK_BENCH_OUT") {
        // For inspecting the output (e.g. opening the workbook in LibreOffice), not timed.
        std::fs::write(format!("{dir}/bench.xlsx"), &xlsx)?;
        std::fs::write(format!("{dir}/bench.png"), &png)?;
        std::fs::write(format!("{dir}/bench.txt"), &message)?;
    }
    println!(
        "cases in the month's list {}, worked on {}",
        rows.len(),
        figures.totals.cases
    );
    println!(
        "load+figures {load_s:.3} s, message {message_s:.4} s ({} chars), png {png_s:.3} s ({} KB), xlsx {xlsx_s:.3} s ({} KB)",
        message.chars().count(),
        png.len() / 1024,
        xlsx.len() / 1024
    );
    println!("total wall time {:.3} s", total.elapsed().as_secs_f64());
    Ok(())
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Bulk insert with `INSERT … SELECT` over a generated sequence: no per-row round trips.
async fn fill(url: &str, cases: i64, month_cases: i64) -> Result<()> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Delete)
        .synchronous(SqliteSynchronous::Off)
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let tz = WorkCalendar::default().timezone();
    let (old_from, start, end) = (
        HISTORY_FROM.start(tz).timestamp(),
        MONTH.start(tz).timestamp(),
        MONTH.end(tz).timestamp(),
    );
    directory(&pool).await?;
    let mut tx = pool.begin().await?;
    tx.execute("CREATE TEMP TABLE seq (i INTEGER PRIMARY KEY)")
        .await?;
    sqlx::query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO seq SELECT i FROM n")
        .bind(cases)
        .execute(&mut *tx)
        .await?;
    let old = cases - month_cases;
    sqlx::query(CASES_SQL)
        .bind(old)
        .bind(old_from)
        .bind(start)
        .bind(end)
        .bind(month_cases)
        .execute(&mut *tx)
        .await?;
    for sql in EVENT_SQL {
        sqlx::query(sql).bind(DRAFT).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    pool.execute("ANALYZE").await?;
    pool.close().await;
    Ok(())
}

async fn directory(pool: &SqlitePool) -> Result<()> {
    pool.execute("INSERT INTO people (id, name) VALUES (1, 'Куратор'), (2, 'Исполнитель')")
        .await?;
    for u in 1..=UNITS {
        sqlx::query("INSERT INTO units (id, name) VALUES (?1, ?2)")
            .bind(u)
            .bind(format!("Отдел №{u}"))
            .execute(pool)
            .await?;
    }
    Ok(())
}

const DRAFT: &str = "Здравствуйте! Информация передана в профильный отдел, работы будут выполнены в течение недели. Спасибо за обращение.";

/// Case `i`: before the month for `i ≤ old` (spread evenly from `HISTORY_FROM`), else in
/// the month. Of the month's cases every 20th is open, every 20th (+2) answered three days
/// late, every 20th (+3) returned once; of the older ones one in a thousand is still open.
const CASES_SQL: &str = "
INSERT INTO cases (id, number, link, network, topic, location, importance, repeat_of, state,
                   registered_at, registered_by, closed_at, responsible_unit, holder_id, next_due_at, version)
SELECT i, i, 'https://vk.com/wall-1_' || i,
       CASE i % 3 WHEN 0 THEN 'vk' WHEN 1 THEN 'ok' ELSE 'telegram' END,
       CASE i % 7 WHEN 0 THEN 'ЖКХ' WHEN 1 THEN 'Дороги' WHEN 2 THEN 'Благоустройство' WHEN 3 THEN 'Образование'
                  WHEN 4 THEN 'Здравоохранение' WHEN 5 THEN 'Транспорт' ELSE 'Другое' END,
       CASE i % 5 WHEN 0 THEN 'г. Алатырь' WHEN 1 THEN 'с. Алтышево' WHEN 2 THEN 'с. Кувакино'
                  WHEN 3 THEN 'с. Чуварлеи' ELSE 'Другое' END,
       CASE i % 3 WHEN 0 THEN 'Высокая' WHEN 1 THEN 'Средняя' ELSE 'Низкая' END,
       NULL, CASE WHEN open THEN 'in_work' ELSE 'answered' END,
       reg, 1, CASE WHEN open THEN NULL ELSE reg + CASE WHEN i % 20 = 2 THEN 259200 ELSE 10800 END END,
       1 + i % 30, NULL, NULL, 0
FROM (SELECT i,
             CASE WHEN i <= ?1 THEN ?2 + (i - 1) * (?3 - ?2) / ?1
                  ELSE ?3 + (i - ?1 - 1) * (?4 - ?3) / ?5 END AS reg,
             CASE WHEN i <= ?1 THEN i % 1000 = 7 ELSE i % 20 = 0 END AS open
      FROM seq)";

/// One statement per event kind, in time order, so each case's events are in id order.
const EVENT_SQL: [&str; 8] = [
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at, 1, 'registered', '{\"kind\":\"registered\",\"link\":\"' || link || '\",\"network\":\"' || network
        || '\",\"topic\":\"' || topic || '\",\"location\":\"' || location || '\",\"importance\":\"' || importance
        || '\",\"repeat_of\":null}' FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 300, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":'
        || CASE WHEN id % 20 = 3 THEN 1 + (id + 7) % 30 ELSE responsible_unit END
        || ',\"responsible\":true,\"order\":0}' FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 900, 2, 'returned', '{\"kind\":\"returned\",\"unit\":' || (1 + (id + 7) % 30)
        || ',\"reason\":\"не наша компетенция\"}' FROM cases WHERE id % 20 = 3 AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 1800, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":' || responsible_unit
        || ',\"responsible\":true,\"order\":0}' FROM cases WHERE id % 20 = 3 AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 2400, 2, 'accepted', '{\"kind\":\"accepted\",\"unit\":' || responsible_unit || '}'
     FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 7200, 2, 'draft_submitted', '{\"kind\":\"draft_submitted\",\"draft_kind\":\"final\",\"text\":\"'
        || ?1 || '\",\"attachments\":[]}' FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, closed_at - 1800, 1, 'draft_approved', '{\"kind\":\"draft_approved\"}'
     FROM cases WHERE closed_at IS NOT NULL AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, closed_at, 1, 'published', '{\"kind\":\"published\",\"draft_kind\":\"final\",\"url\":null}'
     FROM cases WHERE closed_at IS NOT NULL AND ?1 IS NOT NULL ORDER BY id",
];
