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

use std::time::Instant;

use anyhow::{Context, Result};

use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::i18n::Lang;
use otklik::report::{render_chart_png, render_message, render_xlsx};
use otklik::storage::Store;

#[path = "support/report_db.rs"]
mod report_db;

use report_db::{fill, MONTH};

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
    // Right after the month, as the summary is made: the whole month counts.
    let now = MONTH.end(tz);
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
