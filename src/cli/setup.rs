//! Commands that need the configuration and the database: run, migrate, invite, report.

use std::path::PathBuf;

use anyhow::bail;

use super::{cli_lang, Command, InviteArgs, RunArgs, WebhookCommand};
use crate::config::Config;
use crate::domain::Role;
use crate::t;

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

impl Setup {
    /// Loads and checks the configuration before anything touches the database.
    pub fn load(config: Option<PathBuf>, database_url: Option<String>) -> anyhow::Result<Setup> {
        let (config, origin) = match config {
            Some(path) => (Config::load(&path)?, Some(path.display().to_string())),
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

pub async fn run(
    config: Option<PathBuf>,
    database_url: Option<String>,
    confirm_removals: bool,
    command: Option<Command>,
) -> anyhow::Result<()> {
    let command = command.unwrap_or(Command::Run(RunArgs::default()));
    if let Command::Webhook(WebhookCommand::Delete) = command {
        return crate::app::delete_webhook().await;
    }
    let mut setup = Setup::load(config, database_url)?;
    setup.confirm_removals = confirm_removals;
    if let Command::Invite(args) = &command {
        check_invite(&setup, args)?;
    }
    match command {
        Command::Migrate => crate::app::migrate(&setup).await,
        Command::Run(args) => crate::app::run(setup, args).await,
        Command::Invite(args) => crate::app::invite(&setup, args).await,
        Command::Report(args) => crate::app::report(&setup, args).await,
        Command::Calendar(_) | Command::Check | Command::Webhook(_) => {
            bail!("this command needs no database")
        }
    }
}

/// The invite's unit against its role and the file's units, before the database is opened.
fn check_invite(setup: &Setup, args: &InviteArgs) -> anyhow::Result<()> {
    let lang = cli_lang();
    match (&args.unit, args.role) {
        (Some(_), role) if role != Role::Executor => bail!(t!(lang, "cli-unit-only-executor")),
        (None, Role::Executor) => bail!(t!(lang, "cli-executor-needs-unit")),
        (Some(unit), _) if setup.has_file() => {
            let units = &setup.config.units;
            if !units.iter().any(|u| u.name == unit.trim()) {
                let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
                bail!(t!(
                    lang,
                    "cli-unknown-unit",
                    unit = unit.as_str(),
                    units = names.join(", ")
                ))
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
