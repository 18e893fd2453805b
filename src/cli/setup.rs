//! Commands that need the configuration and the database: run, migrate, invite, report.

use std::path::PathBuf;

use anyhow::{bail, Context};

use super::{Command, RunArgs};
use crate::config::Config;

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

pub async fn run(
    config: Option<PathBuf>,
    database_url: Option<String>,
    command: Option<Command>,
) -> anyhow::Result<()> {
    let setup = Setup::load(config, database_url)?;
    match command.unwrap_or(Command::Run(RunArgs::default())) {
        Command::Migrate => crate::app::migrate(&setup).await,
        Command::Run(args) => crate::app::run(setup, args).await,
        Command::Invite(args) => crate::app::invite(&setup, args).await,
        Command::Report(args) => crate::app::report(&setup, args).await,
        Command::Calendar(_) => bail!("calendar commands need no database"),
    }
    .context("otklik stopped")
}
