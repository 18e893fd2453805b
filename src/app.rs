//! Wiring: configuration → database → directory → bot, scheduler and delivery. The only
//! place that knows all the layers.

use std::sync::Arc;

use anyhow::{bail, Context};
use teloxide::prelude::*;
use tokio::sync::Notify;

use crate::bot::courier::TelegramCourier;
use crate::bot::{BotCtx, Tg};
use crate::cli::{InviteArgs, ReportArgs, RunArgs, Setup};
use crate::clock::{Clock, SharedClock, SystemClock};
use crate::domain::calendar::WorkCalendar;
use crate::domain::Role;
use crate::max::client::MaxClient;
use crate::max::courier::MaxCourier;
use crate::max::serve::MaxFront;
use crate::storage::Store;

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
    let refreshed = store
        .refresh_open_cases(&ctx)
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
    println!("{}", crate::t!(crate::cli::cli_lang(), "cli-migrated"));
    Ok(())
}

/// The Telegram token from the environment, if set.
fn telegram_token() -> Option<String> {
    std::env::var("TELOXIDE_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
}

/// Serves Telegram (`TELOXIDE_TOKEN`), MAX (`OTKLIK_MAX_TOKEN`) or both from one process;
/// refuses early and clearly when neither token is set.
pub async fn run(setup: Setup, args: RunArgs) -> anyhow::Result<()> {
    let store = open(&setup).await?;
    let max = MaxClient::from_env().context("the MAX client cannot be set up")?;
    let telegram = telegram_token();
    if telegram.is_none() && max.is_none() {
        bail!(crate::t!(crate::cli::cli_lang(), "cli-no-token"));
    }
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
    let mut ctx = BotCtx {
        store: store.clone(),
        calendar: WorkCalendar::new(setup.config.calendar.clone()),
        config: Arc::new(setup.config),
        clock,
        wake: Arc::new(Notify::new()),
        username: max_username.into(),
    };
    let Some(_) = telegram else {
        // MAX alone: `max` is set, or the check above bailed.
        let client = max.context("no messenger token")?;
        return crate::max::serve::serve_alone(client, ctx).await;
    };
    // `from_env` reads TELOXIDE_TOKEN and TELOXIDE_API_URL (a local Bot API server).
    let bot = Bot::from_env();
    let me = bot
        .get_me()
        .await
        .context("Telegram refused the token or is unreachable")?;
    ctx.username = me.username.clone().unwrap_or_default().into();
    let tg: Tg = bot.throttle(teloxide::adaptors::throttle::Limits::default());
    let polling = max.clone().map(|client| {
        MaxFront {
            client,
            ctx: ctx.clone(),
        }
        .spawn()
    });
    let courier = max.map(|client| MaxCourier {
        client,
        ctx: ctx.clone(),
    });
    let outcome = crate::bot::serve::serve_with(tg, ctx, args, courier).await;
    if let Some(p) = polling {
        p.stop().await;
    }
    outcome
}

pub async fn invite(setup: &Setup, args: InviteArgs) -> anyhow::Result<()> {
    let store = open(setup).await?;
    let role =
        Role::parse(&args.role).with_context(|| format!("unknown role \"{}\"", args.role))?;
    let username = std::env::var("OTKLIK_BOT_USERNAME").unwrap_or_else(|_| "otklik_bot".into());
    let ttl = chrono::Duration::hours(i64::from(args.ttl_hours));
    let link = crate::bot::admin::create_invite_link(
        &store,
        &username,
        role,
        args.unit.as_deref(),
        ttl,
        SystemClock.now(),
    )
    .await?;
    println!("{link}");
    Ok(())
}

pub async fn report(setup: &Setup, args: ReportArgs) -> anyhow::Result<()> {
    let store = open(setup).await?;
    let files =
        crate::bot::report::write_files(&store, &setup.config, &args.month, &args.out).await?;
    for f in files {
        println!("{}", f.display());
    }
    Ok(())
}

/// Keeps the courier type nameable for the scheduler wiring in `bot::serve`.
pub type Courier = TelegramCourier;
