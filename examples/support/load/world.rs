//! The load benchmark's organization and database: 30 units, each with a deputy, 200
//! executors spread over them, and for each executor a queue of cases assigned to their unit
//! for «Принять» to take. With `archive > 0` the database first gets that many cases of
//! history from `archive`, one in ten of them still open.

use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::Utc;

use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::domain::case::Registration;
use otklik::domain::report::YearMonth;
use otklik::domain::CaseId;
use otklik::service::cases;
use otklik::storage::{CommandMeta, Store, StoreCtx};

pub const UNITS: usize = 30;
pub const CURATOR_TG: i64 = 1;
/// Telegram ids of the load's people: executor `i` is `USER_BASE + i`.
pub const USER_BASE: i64 = 500_000;

/// A person of the load and the cases their presses will accept, oldest first.
pub struct User {
    pub telegram_id: i64,
    pub unit: i64,
    pub cases: Vec<(CaseId, u32)>,
}

/// The organization's configuration; names match `archive`'s directory so an archive
/// filled by it keeps its units and people.
pub fn config_text(users: usize) -> String {
    let mut s = String::from(
        "[organization]\nname = \"Администрация\"\ntimezone = \"Europe/Moscow\"\n\n\
         [directory]\ntopics = [\"ЖКХ\", \"Дороги\"]\nlocations = [\"г. Алатырь\", \"Другое\"]\n\
         importance = [\"Высокая\", \"Средняя\", \"Низкая\"]\n\n\
         [[people]]\nname = \"Куратор\"\ntelegram_id = 1\nroles = [\"curator\", \"admin\"]\n\n\
         [[people]]\nname = \"Исполнитель\"\ntelegram_id = 2\nroles = [\"executor\"]\nunit = \"Отдел №1\"\n",
    );
    for u in 1..=UNITS {
        let _ = write!(
            s,
            "\n[[people]]\nname = \"Заместитель №{u}\"\ntelegram_id = {}\nroles = [\"deputy\"]\n\n\
             [[units]]\nname = \"Отдел №{u}\"\ndeputy = \"Заместитель №{u}\"\n",
            100 + u
        );
    }
    for i in 0..users {
        let _ = write!(
            s,
            "\n[[people]]\nname = \"Сотрудник №{i}\"\ntelegram_id = {}\nroles = [\"executor\"]\nunit = \"Отдел №{}\"\n",
            USER_BASE + i as i64,
            1 + i % UNITS
        );
    }
    s
}

/// Applies the directory and registers `per_user` cases for every user's unit; the notices
/// they queue are marked sent, so the run measures actions, not the first delivery.
pub async fn prepare(
    store: &Store,
    config: &Config,
    users: usize,
    per_user: usize,
) -> Result<Vec<User>> {
    otklik::service::directory::apply(store, config).await?;
    let ctx = StoreCtx::new(
        WorkCalendar::new(config.calendar.clone()),
        config.deadlines.clone(),
    );
    let curator = store
        .person_by_telegram(CURATOR_TG)
        .await?
        .context("the curator is in the directory")?
        .id;
    let units = store.units().await?;
    let mut out = Vec::with_capacity(users);
    for i in 0..users {
        let name = format!("Отдел №{}", 1 + i % UNITS);
        let unit = units.iter().find(|u| u.name == name).context("unit")?.id;
        let mut queue = Vec::with_capacity(per_user);
        for k in 0..per_user {
            let reg = Registration {
                link: format!("https://vk.com/wall-1_{}", 10_000_000 + i * per_user + k),
                network: "vk".into(),
                topic: "ЖКХ".into(),
                location: "г. Алатырь".into(),
                importance: "Средняя".into(),
                repeat_of: None,
                units: vec![unit],
                sequential: false,
            };
            let view =
                cases::register(store, &reg, curator, CommandMeta::at(Utc::now()), &ctx).await?;
            queue.push((view.case.id, view.case.version));
        }
        out.push(User {
            telegram_id: USER_BASE + i as i64,
            unit: unit.0,
            cases: queue,
        });
    }
    // Every open case is timed with these terms: a running deployment, not a first start
    // that re-times them all beside the load.
    otklik::service::timers::record_timing(store, &ctx, Utc::now()).await?;
    // Last month's summary is taken as sent: early in a month the bot would otherwise build
    // it from the archive beside the load, and the phases would measure the report.
    let month = YearMonth::containing(Utc::now(), ctx.calendar.timezone()).previous();
    store
        .meta_insert_if_absent(&otklik::scheduler::report_key(month), "load_bench")
        .await?;
    Ok(out)
}

/// Marks every queued notice sent (SQL shared by both engines).
pub async fn settle_outbox(url: &str) -> Result<()> {
    use sqlx::Connection;
    let sql = "UPDATE outbox SET status = 'sent', sent_at = created_at WHERE status = 'pending'";
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await?;
        sqlx::query(sql).execute(&mut c).await?;
    } else {
        let mut c = sqlx::SqliteConnection::connect(url).await?;
        sqlx::query(sql).execute(&mut c).await?;
    }
    Ok(())
}

pub fn parse_config(users: usize) -> Result<Arc<Config>> {
    Ok(Arc::new(
        Config::parse(&config_text(users), "load.toml").context("load config")?,
    ))
}
