//! Wiring: configuration → database → directory → bot, scheduler and delivery. The only
//! place that knows all the layers; the command line calls it, nothing else does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use teloxide::prelude::*;
use tokio::sync::Notify;

use crate::bot::{BotCtx, ServeOptions, Tg};
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::report::YearMonth;
use crate::domain::Role;
use crate::service::report::ReportService;
use crate::service::timers;
use crate::storage::Store;

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:otklik.db?mode=rwc";

/// What every database-backed command starts from: a valid configuration, then the database.
pub struct Setup {
    pub config: Config,
    pub database_url: String,
}

impl Setup {
    /// Loads and checks the configuration before anything touches the database.
    pub fn load(config: Option<PathBuf>, database_url: Option<String>) -> anyhow::Result<Setup> {
        let config = match config {
            Some(path) => Config::load(&path)?,
            None => Config::default(),
        };
        let database_url = database_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        Ok(Setup {
            config,
            database_url,
        })
    }
}

/// Opens the database, brings its schema up to date and applies the configuration's
/// directory (idempotent: a second start changes nothing).
pub async fn open(setup: &Setup) -> anyhow::Result<Store> {
    let store = Store::connect(&setup.database_url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(&setup.database_url)))?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    let changes = store
        .apply_directory(&setup.config)
        .await
        .context("cannot apply the configuration's directory")?;
    if !changes.is_empty() {
        tracing::info!(
            added = changes.added.len(),
            updated = changes.updated.len(),
            deactivated = changes.deactivated.len(),
            "directory applied"
        );
    }
    let calendar = WorkCalendar::new(setup.config.calendar.clone());
    // A corrected calendar or changed terms re-time the open cases' reminders and breaches.
    let ctx = crate::storage::StoreCtx::new(calendar.clone(), setup.config.deadlines.clone());
    let refreshed = timers::refresh_open_cases(&store, &ctx)
        .await
        .context("cannot re-time open cases")?;
    tracing::debug!(refreshed, "open cases re-timed");
    let year = chrono::Datelike::year(&SystemClock.now());
    for y in [year, year + 1] {
        if !calendar.year_is_official(y) {
            tracing::warn!(
                year = y,
                "no official production calendar for this year: Labour Code fallback in use"
            );
        }
    }
    Ok(store)
}

/// Hides a password in a database URL before it is shown.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

pub async fn migrate(setup: &Setup) -> anyhow::Result<()> {
    open(setup).await?;
    println!("{}", crate::t!(crate::i18n::cli_lang(), "cli-migrated"));
    Ok(())
}

/// The bot's token from the environment, refused early and clearly when absent.
fn token() -> anyhow::Result<String> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(t),
        _ => bail!(crate::t!(crate::i18n::cli_lang(), "cli-no-token")),
    }
}

/// Runs the bot until stopped: long polling, or a webhook at `webhook` (public URL, listen
/// address).
pub async fn run(
    setup: Setup,
    webhook: Option<(String, std::net::SocketAddr)>,
) -> anyhow::Result<()> {
    let options = ServeOptions { webhook };
    let store = open(&setup).await?;
    token()?;
    // `from_env` reads TELOXIDE_TOKEN and TELOXIDE_API_URL (a local Bot API server).
    let bot = Bot::from_env();
    let me = bot
        .get_me()
        .await
        .context("Telegram refused the token or is unreachable")?;
    let username: Arc<str> = me.username.clone().unwrap_or_default().into();
    let clock: SharedClock = Arc::new(SystemClock);
    let ctx = BotCtx {
        store: store.clone(),
        calendar: WorkCalendar::new(setup.config.calendar.clone()),
        config: Arc::new(setup.config),
        clock,
        wake: Arc::new(Notify::new()),
        username,
    };
    let tg: Tg = bot.throttle(teloxide::adaptors::throttle::Limits::default());
    crate::bot::serve(tg, ctx, options).await
}

/// Prints a one-time invite link for `role` (and `unit`, for an executor).
pub async fn invite(
    setup: &Setup,
    role: &str,
    unit: Option<&str>,
    ttl_hours: u32,
) -> anyhow::Result<()> {
    let store = open(setup).await?;
    let role = Role::parse(role).with_context(|| format!("unknown role \"{role}\""))?;
    let username = std::env::var("OTKLIK_BOT_USERNAME").unwrap_or_else(|_| "otklik_bot".into());
    let ttl = chrono::Duration::hours(i64::from(ttl_hours));
    let link = crate::bot::admin::create_invite_link(
        &store,
        &username,
        role,
        unit,
        ttl,
        SystemClock.now(),
    )
    .await?;
    println!("{link}");
    Ok(())
}

/// Writes the summary files of `month` (ГГГГ-ММ) into `out`.
pub async fn report(setup: &Setup, month: &str, out: &Path) -> anyhow::Result<()> {
    let month = YearMonth::parse(month).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = open(setup).await?;
    let config = Arc::new(setup.config.clone());
    let reports = ReportService::new(store, config, Arc::new(SystemClock));
    let summary = reports.build(month, crate::i18n::cli_lang()).await?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (name, bytes) in summary.files() {
        let path = out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
