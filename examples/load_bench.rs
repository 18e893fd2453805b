//! End-to-end load: the real bot against a fast in-process fake Bot API, side by side with
//! a bare teloxide 0.17 bot that answers a press with `answerCallbackQuery` +
//! `editMessageText` and a command with `sendMessage` (issue 15).
//!
//! ```text
//! cargo run --release --example load_bench -- [--users 200] [--secs 10] [--per-user 60] [--archive N] [--no-sqlite] [--keep-db]
//! ```
//! Both bots run as child processes of this one (CPU and memory read from `/proc`). Phases,
//! for each bot: a closed loop of «Принять» presses (every user presses again as soon as the
//! card is edited), presses arriving 50 and 200 a second, and `/my` arriving 20 a second
//! (replies are paced to Telegram's ~30 messages a second). Each press accepts a different
//! case assigned to the user's unit. SQLite always; PostgreSQL too when `OTKLIK_TEST_PG_URL`
//! is set. `--archive N` first fills each database with N cases of history (one in ten open).

#[path = "support/load/archive.rs"]
mod archive;
#[path = "support/load/drive.rs"]
mod drive;
#[path = "support/load/fake.rs"]
mod fake;
#[path = "support/load/proc.rs"]
mod proc;
#[path = "support/load/world.rs"]
mod world;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::Parser;

use drive::{Outcome, Script};
use fake::{Fake, Waits};
use otklik::bot::callback::Action;
use otklik::storage::Store;

const BARE_TOKEN: &str = "2:bare";
/// How long each bot is watched idle before its phases, for its idle CPU.
const IDLE_WINDOW: Duration = Duration::from_secs(3);

#[derive(Parser)]
struct Args {
    /// Run as one of the bots under load (internal).
    #[arg(long, hide = true)]
    child: Option<String>,
    #[arg(long, default_value_t = 200)]
    users: usize,
    /// Length of each phase, in seconds.
    #[arg(long, default_value_t = 10)]
    secs: u64,
    /// Cases registered for each user's presses.
    #[arg(long, default_value_t = 60)]
    per_user: usize,
    /// Cases of history filled in first.
    #[arg(long, default_value_t = 0)]
    archive: i64,
    /// Skip the SQLite run (PostgreSQL only, when `OTKLIK_TEST_PG_URL` is set).
    #[arg(long)]
    no_sqlite: bool,
    /// Keep the PostgreSQL database afterwards (its name is printed), to look at plans.
    #[arg(long)]
    keep_db: bool,
}

/// One row of the table.
struct Row {
    bot: String,
    phase: &'static str,
    outcome: Outcome,
    cpu_per_action: Duration,
    peak_mb: f64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Runtime::new()?;
    match args.child.as_deref() {
        Some("otklik") => runtime.block_on(run_otklik()),
        Some("bare") => runtime.block_on(run_bare()),
        Some(other) => bail!("unknown child {other}"),
        None => runtime.block_on(drive_all(args)),
    }
}

async fn run_otklik() -> Result<()> {
    otklik::telemetry::init();
    let cli = <otklik::cli::Cli as Parser>::parse_from(["otklik", "run"]);
    otklik::cli::main(cli).await;
    Ok(())
}

async fn run_bare() -> Result<()> {
    use teloxide::prelude::*;
    let bot = Bot::from_env();
    let handler = dptree::entry()
        .branch(
            Update::filter_callback_query().endpoint(|bot: Bot, q: CallbackQuery| async move {
                bot.answer_callback_query(q.id.clone()).await?;
                if let Some(m) = q.regular_message() {
                    bot.edit_message_text(m.chat.id, m.id, "Принято").await?;
                }
                respond(())
            }),
        )
        .branch(
            Update::filter_message().endpoint(|bot: Bot, m: Message| async move {
                bot.send_message(m.chat.id, "Ваши обращения: нет").await?;
                respond(())
            }),
        );
    Dispatcher::builder(bot, handler).build().dispatch().await;
    Ok(())
}

async fn drive_all(args: Args) -> Result<()> {
    let fake = Fake::default();
    let api = fake.serve().await?;
    let mut rows = Vec::new();
    let mut starts = Vec::new();
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite:{}?mode=rwc", dir.path().join("load.db").display());
    let mut backends = vec![("SQLite", sqlite)];
    if args.no_sqlite {
        backends.clear();
    }
    if let Ok(pg) = std::env::var("OTKLIK_TEST_PG_URL") {
        backends.push(("PostgreSQL", fresh_pg(&pg).await?));
    }
    // A token per run: the fake keeps each bot's updates and first poll apart.
    for (n, (name, url)) in backends.into_iter().enumerate() {
        let token = format!("{}:otklik", 10 + n);
        let t = Instant::now();
        let users = prepare(&url, &args).await?;
        println!(
            "{name}: prepared {} users in {:.1} s",
            users.len(),
            t.elapsed().as_secs_f64()
        );
        let config = dir.path().join("load.toml");
        std::fs::write(&config, world::config_text(args.users))?;
        let env = vec![
            ("TELOXIDE_TOKEN", token.clone()),
            ("TELOXIDE_API_URL", api.clone()),
            ("DATABASE_URL", url.clone()),
            ("OTKLIK_CONFIG", config.display().to_string()),
        ];
        let spawned = Instant::now();
        let bot = proc::Bot::spawn("otklik", "otklik", &env)?;
        let started = polling(&fake, &token, spawned).await?;
        starts.push((name, started));
        rows.extend(
            phases(
                &fake,
                &bot,
                &format!("Otklik ({name})"),
                &token,
                presses(users),
                &args,
            )
            .await?,
        );
    }
    let env = vec![
        ("TELOXIDE_TOKEN", BARE_TOKEN.to_owned()),
        ("TELOXIDE_API_URL", api.clone()),
    ];
    let spawned = Instant::now();
    let bare = proc::Bot::spawn("bare", "bare", &env)?;
    polling(&fake, BARE_TOKEN, spawned).await?;
    let scripts = bare_presses(&args);
    rows.extend(phases(&fake, &bare, "bare teloxide", BARE_TOKEN, scripts, &args).await?);
    print_table(&rows, &starts);
    if let Ok(pg) = std::env::var("OTKLIK_TEST_PG_URL") {
        if args.keep_db {
            println!("kept the database otklik_load_{}", std::process::id());
        } else {
            drop_pg(&pg).await?;
        }
    }
    Ok(())
}

async fn prepare(url: &str, args: &Args) -> Result<Vec<world::User>> {
    if args.archive > 0 {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        store.close().await;
        let t = Instant::now();
        archive::fill(url, args.archive).await?;
        println!(
            "filled {} cases of history in {:.1} s",
            args.archive,
            t.elapsed().as_secs_f64()
        );
    }
    let store = Store::connect(url).await?;
    store.migrate().await?;
    let config = world::parse_config(args.users)?;
    let users = world::prepare(&store, &config, args.users, args.per_user).await?;
    store.close().await;
    world::settle_outbox(url).await?;
    Ok(users)
}

/// A fresh database on the PostgreSQL server for this run.
async fn fresh_pg(base: &str) -> Result<String> {
    use sqlx::Connection;
    let name = format!("otklik_load_{}", std::process::id());
    let mut c = sqlx::PgConnection::connect(base).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut c)
        .await?;
    let mut url = url::Url::parse(base)?;
    url.set_path(&name);
    Ok(url.to_string())
}

async fn drop_pg(base: &str) -> Result<()> {
    use sqlx::Connection;
    let name = format!("otklik_load_{}", std::process::id());
    let mut c = sqlx::PgConnection::connect(base).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut c)
        .await?;
    Ok(())
}

/// Waits until the bot polls for updates: its start-up time.
async fn polling(fake: &Fake, token: &str, spawned: Instant) -> Result<Duration> {
    let deadline = spawned + Duration::from_secs(900);
    loop {
        if let Some(at) = fake.first_poll(token) {
            return Ok(at.saturating_duration_since(spawned));
        }
        if Instant::now() > deadline {
            bail!("the bot did not start polling within 15 minutes");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Each user's «Принять» presses, one per registered case, on a card of its own.
fn presses(users: Vec<world::User>) -> Vec<Script> {
    users
        .into_iter()
        .map(|u| Script {
            chat: u.telegram_id,
            waits: Waits::Edit,
            updates: u
                .cases
                .iter()
                .enumerate()
                .map(|(n, (case, version))| {
                    let data =
                        Action::Accept(*case, otklik::domain::UnitId(u.unit), *version).encode();
                    drive::press(u.telegram_id, case.0, &data, n)
                })
                .collect(),
        })
        .collect()
}

fn bare_presses(args: &Args) -> Vec<Script> {
    (0..args.users)
        .map(|i| {
            let chat = world::USER_BASE + i as i64;
            Script {
                chat,
                waits: Waits::Edit,
                updates: (0..args.per_user)
                    .map(|n| drive::press(chat, n as i64 + 1, "accept", n))
                    .collect(),
            }
        })
        .collect()
}

fn commands(args: &Args, count: usize) -> Vec<Script> {
    (0..args.users)
        .map(|i| {
            let chat = world::USER_BASE + i as i64;
            Script {
                chat,
                waits: Waits::Reply,
                updates: (0..count)
                    .map(|n| drive::command(chat, "/my", n))
                    .collect::<VecDeque<_>>(),
            }
        })
        .collect()
}

/// The phases for one bot; presses are split between them in order.
async fn phases(
    fake: &Fake,
    bot: &proc::Bot,
    name: &str,
    token: &str,
    mut scripts: Vec<Script>,
    args: &Args,
) -> Result<Vec<Row>> {
    let secs = Duration::from_secs(args.secs);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (idle, _) = bot.memory()?;
    let before = bot.cpu()?;
    tokio::time::sleep(IDLE_WINDOW).await;
    let idle_cpu = (bot.cpu()? - before).as_secs_f64() / IDLE_WINDOW.as_secs_f64();
    println!(
        "{name}: idle RSS {idle:.0} MB, idle CPU {:.1} ms/s",
        idle_cpu * 1e3
    );
    let mut rows = Vec::new();
    let measure =
        async |phase: &'static str,
               run: std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + '_>>|
               -> Result<Row> {
            bot.reset_peak();
            let cpu = bot.cpu()?;
            let outcome = run.await;
            let used = bot.cpu()? - cpu;
            let (_, peak_mb) = bot.memory()?;
            fake.clear_waiting(token);
            let n = outcome.latencies.len().max(1) as u32;
            Ok(Row {
                bot: name.to_owned(),
                phase,
                cpu_per_action: used / n,
                outcome,
                peak_mb,
            })
        };
    let later: Vec<Script> = scripts
        .iter_mut()
        .map(|s| Script {
            chat: s.chat,
            waits: s.waits,
            updates: s.updates.split_off(s.updates.len().min(args.per_user / 2)),
        })
        .collect();
    rows.push(
        measure(
            "presses, closed loop",
            Box::pin(drive::closed(fake, token, scripts, secs)),
        )
        .await?,
    );
    let (slow, fast): (Vec<Script>, Vec<Script>) = split_scripts(later, args.per_user / 8);
    rows.push(
        measure(
            "presses at 50/s",
            Box::pin(drive::open(fake, token, slow, 50.0, secs)),
        )
        .await?,
    );
    rows.push(
        measure(
            "presses at 200/s",
            Box::pin(drive::open(fake, token, fast, 200.0, secs)),
        )
        .await?,
    );
    let my = commands(args, 20 * args.secs as usize / args.users + 2);
    rows.push(
        measure(
            "/my at 20/s",
            Box::pin(drive::open(fake, token, my, 20.0, secs)),
        )
        .await?,
    );
    Ok(rows)
}

/// The first `n` actions of every script, and the rest.
fn split_scripts(scripts: Vec<Script>, n: usize) -> (Vec<Script>, Vec<Script>) {
    scripts
        .into_iter()
        .map(|mut s| {
            let rest = s.updates.split_off(s.updates.len().min(n));
            let tail = Script {
                chat: s.chat,
                waits: s.waits,
                updates: rest,
            };
            (s, tail)
        })
        .unzip()
}

fn print_table(rows: &[Row], starts: &[(&str, Duration)]) {
    // Only the closed loop saturates; at a fixed rate both bots keep up or neither does.
    let bare = |phase: &str| {
        rows.iter()
            .find(|r| r.bot == "bare teloxide" && r.phase == phase && phase.contains("closed"))
            .map(|r| r.outcome.rate())
    };
    println!("\n| bot | phase | actions/s | × bare | p50 ms | p99 ms | lost | CPU/action ms | peak RSS MB |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let ratio = bare(r.phase).map_or("–".to_owned(), |b| {
            format!("{:.2}", r.outcome.rate() / b.max(1e-9))
        });
        println!(
            "| {} | {} | {:.0} | {} | {:.1} | {:.1} | {} | {:.2} | {:.0} |",
            r.bot,
            r.phase,
            r.outcome.rate(),
            ratio,
            r.outcome.percentile(0.5).as_secs_f64() * 1e3,
            r.outcome.percentile(0.99).as_secs_f64() * 1e3,
            r.outcome.lost,
            r.cpu_per_action.as_secs_f64() * 1e3,
            r.peak_mb
        );
    }
    for (name, t) in starts {
        println!("start-up to first poll, {name}: {:.2} s", t.as_secs_f64());
    }
}
