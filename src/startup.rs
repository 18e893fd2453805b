//! Wiring: configuration → database → directory → bot, scheduler and delivery. The only
//! place that knows all the layers; the command line calls it, nothing else does.

mod connect;
mod invite;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context};

use crate::bot::webhook::{self, WebhookSetup};
use crate::bot::{BotCtx, ServeOptions, Tg};
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::report::YearMonth;
use crate::domain::Role;
use crate::front::Ctx;
use crate::i18n::cli_lang;
use crate::max::client::MaxClient;
use crate::max::courier::MaxCourier;
use crate::max::serve::MaxFront;
use crate::ops::check::{Line, Subject};
use crate::ops::retry::Backoff;
use crate::service::report::ReportService;
use crate::service::timers;
use crate::storage::Store;
use crate::t;

pub use connect::open_store;
pub use invite::invite;

/// How `run` receives updates and where it serves metrics (the command line fills it).
#[derive(Debug, Default)]
pub struct RunOptions {
    pub webhook_url: Option<url::Url>,
    pub listen: Option<std::net::SocketAddr>,
    pub metrics: Option<std::net::SocketAddr>,
}

/// A one-time invite: for whom, and how long it lasts.
#[derive(Debug)]
pub struct InviteOptions {
    pub role: Role,
    pub unit: Option<String>,
    pub ttl_hours: u32,
}

/// The summary of `month` (ГГГГ-ММ) written into `out`.
#[derive(Debug)]
pub struct ReportOptions {
    pub month: String,
    pub out: PathBuf,
}

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:otklik.db?mode=rwc";

/// What every database-backed command starts from: a valid configuration, then the database.
pub struct Setup {
    pub config: Config,
    /// The configuration file, if one was given; without one the directory is left alone.
    pub origin: Option<String>,
    pub database_url: String,
    /// `--confirm-removals`: apply a file that removes many people or the last curator/admin.
    pub confirm_removals: bool,
}

/// Loads and checks the configuration; a file that cannot be read is named with its cause
/// in the command line's language.
pub fn load_config(path: &std::path::Path) -> anyhow::Result<Config> {
    Config::load(path).map_err(|e| match e {
        crate::config::ConfigError::Read { path, source } => anyhow!(t!(
            cli_lang(),
            "cli-config-unreadable",
            path = path.display().to_string(),
            cause = crate::i18n::cause(cli_lang(), &source)
        )),
        invalid => invalid.into(),
    })
}

impl Setup {
    /// Loads and checks the configuration before anything touches the database.
    pub fn load(config: Option<PathBuf>, database_url: Option<String>) -> anyhow::Result<Setup> {
        let (config, origin) = match config {
            Some(path) => (load_config(&path)?, Some(path.display().to_string())),
            None => (Config::default(), None),
        };
        let database_url = database_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        Ok(Setup {
            config,
            origin,
            database_url,
            confirm_removals: false,
        })
    }

    /// Whether the directory comes from a file this time.
    pub fn has_file(&self) -> bool {
        self.origin.is_some()
    }
}

/// Opens the database (once), brings its schema up to date and applies the configuration's
/// directory (idempotent: a second start changes nothing).
pub async fn open(setup: &Setup) -> anyhow::Result<Store> {
    match prepare(setup, Backoff::ONCE).await? {
        Some(store) => Ok(store),
        None => bail!(t!(cli_lang(), "cli-stopped-while-waiting")),
    }
}

/// [`open`], waiting for the database as `backoff` allows; `None` if stopped meanwhile.
async fn prepare(setup: &Setup, backoff: Backoff) -> anyhow::Result<Option<Store>> {
    let Some(store) = open_store(&setup.database_url, backoff).await? else {
        return Ok(None);
    };
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    store.mark_serving_since(SystemClock.now()).await?;
    apply_directory(&store, setup).await?;
    let calendar = WorkCalendar::new(setup.config.calendar.clone());
    retime_in_background(&store, &setup.config);
    let year = chrono::Datelike::year(&SystemClock.now());
    for y in [year, year + 1] {
        if !calendar.year_is_official(y) {
            tracing::warn!(
                year = y,
                "no official production calendar for this year: Labour Code fallback in use"
            );
        }
    }
    Ok(Some(store))
}

/// A corrected calendar or changed terms re-time the open cases' reminders and breaches.
/// Only then, and beside serving rather than before it: commands meanwhile are safe (each
/// case is re-timed in its own transaction, and one a command changed is skipped), and the
/// scheduler picks the new moments up within its capped sleep (a minute).
fn retime_in_background(store: &Store, config: &Config) {
    let ctx = crate::storage::StoreCtx::new(
        WorkCalendar::new(config.calendar.clone()),
        config.deadlines.clone(),
    );
    let store = store.clone();
    tokio::spawn(async move {
        match timers::retime_if_changed(&store, &ctx, SystemClock.now()).await {
            Ok(timers::Retimed::Unchanged) => tracing::debug!("open cases keep their timing"),
            Ok(timers::Retimed::Cases(n)) => tracing::info!(cases = n, "open cases re-timed"),
            Err(e) => tracing::error!(error = %e, "re-timing open cases failed"),
        }
    });
}

/// The file's directory, unless there is no file (then the stored one stays) or it would
/// remove many people or the last curator/admin without `--confirm-removals`.
async fn apply_directory(store: &Store, setup: &Setup) -> anyhow::Result<()> {
    let Some(origin) = &setup.origin else {
        tracing::info!("{}", t!(cli_lang(), "cli-no-config"));
        return Ok(());
    };
    if !setup.confirm_removals {
        let managed = store.managed_people().await?;
        let people = store.people().await?;
        if let Some(r) = crate::ops::guard::removals(&managed, &people, &setup.config) {
            bail!(r.message(origin, cli_lang()));
        }
    }
    let changes = crate::service::directory::apply(store, &setup.config)
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
    Ok(())
}

pub async fn migrate(setup: &Setup) -> anyhow::Result<()> {
    open(setup).await?;
    println!("{}", t!(cli_lang(), "cli-migrated"));
    Ok(())
}

/// The bot's token from the environment, refused early and clearly when absent.
fn token() -> anyhow::Result<String> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(t) if !t.trim().is_empty() => Ok(t),
        _ => bail!(t!(cli_lang(), "cli-no-token")),
    }
}

/// Takes an address before anything talks to Telegram; a taken port is one clear line.
fn bind(addr: std::net::SocketAddr) -> anyhow::Result<std::net::TcpListener> {
    webhook::bind(addr).map_err(|e| {
        let cause = crate::i18n::cause(cli_lang(), e.root_cause());
        anyhow!(t!(
            cli_lang(),
            "cli-listen-taken",
            addr = addr.to_string(),
            cause = cause
        ))
    })
}

/// The Telegram token from the environment, if set.
fn telegram_token() -> Option<String> {
    std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
}

/// Runs until stopped: Telegram (`TELOXIDE_TOKEN`; long polling, or a webhook), MAX
/// (`OTKLIK_MAX_TOKEN`) or both from one process; refuses early and clearly when neither
/// token is set.
pub async fn run(setup: Setup, args: RunOptions) -> anyhow::Result<()> {
    let hook = match (args.webhook_url, args.listen) {
        (Some(url), Some(addr)) => Some((url, bind(addr)?)),
        _ => None,
    };
    let metrics = args.metrics.map(bind).transpose()?;
    let max = MaxClient::from_env().context("the MAX client cannot be set up")?;
    let telegram = telegram_token();
    if telegram.is_none() && max.is_none() {
        bail!(t!(cli_lang(), "cli-no-token"));
    }
    let Some(store) = prepare(&setup, Backoff::at_start()).await? else {
        return stopped_early();
    };
    let mut max_username = String::new();
    if let Some(client) = &max {
        let me = client
            .me()
            .await
            .context("MAX refused the token or is unreachable")?;
        max_username = me.username.unwrap_or_default();
        tracing::info!(bot = %max_username, "MAX front end on");
    }
    let clock: SharedClock = Arc::new(SystemClock);
    if let Some(listener) = metrics {
        crate::ops::metrics::serve(listener, store.clone(), clock.clone())?;
    }
    let config = Arc::new(setup.config);
    let mut ctx = BotCtx {
        front: Ctx::new(store.clone(), config, clock),
        username: max_username.as_str().into(),
        vk_group: None,
        albums: Default::default(),
    }
    .with_vk_group(crate::bot::handlers::publish::vk_group_from_env());
    // Invites made in either messenger link into each one that runs.
    ctx.front.bots.max = max.as_ref().map(|_| Arc::from(max_username.as_str()));
    let Some(token) = telegram else {
        // MAX alone: `max` is set, or the check above bailed.
        let client = max.context("no messenger token")?;
        return crate::max::serve::serve_alone(client, ctx.front, ctx.vk_group).await;
    };
    let tg: Tg = crate::bot::connect::from_env();
    let Some(username) = crate::bot::connect::username(&tg, Backoff::at_start()).await? else {
        return stopped_early();
    };
    ctx.username = username.into();
    ctx.front.bots.telegram = Some(ctx.username.clone());
    let hook = match hook {
        Some((url, listener)) => Some(WebhookSetup {
            listener,
            url,
            secret: webhook::secret(&token)?,
        }),
        None => None,
    };
    let polling = max.clone().map(|client| {
        MaxFront {
            client,
            ctx: ctx.front.clone(),
            vk_group: ctx.vk_group.clone(),
        }
        .spawn()
    });
    let files = std::sync::Arc::new(crate::bot::media::TelegramFiles::new(tg.clone()));
    let courier =
        max.map(|client| MaxCourier::new(client, ctx.front.clone()).with_telegram_files(files));
    let outcome =
        crate::bot::serve::serve_with(tg, ctx, ServeOptions { webhook: hook }, courier).await;
    if let Some(p) = polling {
        p.stop().await;
    }
    // Writes what is still queued (card records wait up to 50 ms for a transaction).
    store.close().await;
    outcome
}

fn stopped_early() -> anyhow::Result<()> {
    tracing::info!("{}", t!(cli_lang(), "cli-stopped-while-waiting"));
    Ok(())
}

/// Writes the summary files of `--month` (ГГГГ-ММ) into `--out`: the same use case as `/report`.
pub async fn report(setup: &Setup, args: ReportOptions) -> anyhow::Result<()> {
    let (month, out) = (args.month.as_str(), args.out.as_path());
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

/// `otklik webhook delete`.
pub async fn delete_webhook() -> anyhow::Result<()> {
    token()?;
    webhook::delete(&crate::bot::connect::from_env()).await?;
    println!("{}", t!(cli_lang(), "cli-webhook-deleted"));
    Ok(())
}

/// `otklik check`: prints one line per check; true if all passed.
pub async fn check(config: Option<PathBuf>, database_url: Option<String>) -> bool {
    let lang = cli_lang();
    let config_line = match &config {
        None => Ok(t!(lang, "check-config-none")),
        Some(path) => load_config(path)
            .map(|c| {
                t!(
                    lang,
                    "check-config-detail",
                    origin = path.display().to_string(),
                    people = c.people.len(),
                    units = c.units.len()
                )
            })
            .map_err(|e| e.to_string().replace('\n', "; ")),
    };
    let url = database_url
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    let lines = [
        Line::new(lang, Subject::Config, config_line),
        Line::new(lang, Subject::Database, connect::check_database(&url).await),
        Line::new(
            lang,
            Subject::Token,
            crate::bot::connect::check_token().await,
        ),
    ];
    for line in &lines {
        println!("{}", line.text);
    }
    lines.iter().all(|l| l.ok)
}
