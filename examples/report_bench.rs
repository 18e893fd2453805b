//! Benchmark of the monthly summary (п.20) at scale: a SQLite database of 1,000,000 cases,
//! 50,000 of them registered in the report month (November 2026), then the whole report as
//! the bot makes it — read from storage, figures, message, PNG, XLSX — timed, with the peak
//! resident memory of the report alone.
//!
//! ```text
//! cargo run --release --example report_bench -- [--db PATH] [--cases N] [--month-cases M]
//! ```
//! The database is built once (about a minute) and reused while its file exists.
//!

use std::time::Instant;

use anyhow::{Context, Result};

use otklik::config::Config;
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
        db: "/tmp/otklik-report-bench.db".into(),
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

/// The report exactly as the bot makes it: `service::report::read_month` (the streaming storage
/// read and the figures), then the three renderings.
async fn run(url: &str) -> Result<()> {
    let total = Instant::now();
    let store = Store::connect(url).await?;
    let config = Config::default();

    let t = Instant::now();
    let (figures, rows) = otklik::service::report::read_month(&store, &config, MONTH).await?;
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
