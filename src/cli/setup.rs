//! Commands that need the configuration and the database: run, migrate, invite, report.

use std::path::PathBuf;

use anyhow::{bail, Context};

use super::{Command, RunArgs};
use crate::startup::{self, Setup};

pub async fn run(
    config: Option<PathBuf>,
    database_url: Option<String>,
    command: Option<Command>,
) -> anyhow::Result<()> {
    let setup = Setup::load(config, database_url)?;
    match command.unwrap_or(Command::Run(RunArgs::default())) {
        Command::Migrate => startup::migrate(&setup).await,
        Command::Run(args) => startup::run(setup, args.webhook_url.zip(args.listen)).await,
        Command::Invite(args) => {
            startup::invite(&setup, &args.role, args.unit.as_deref(), args.ttl_hours).await
        }
        Command::Report(args) => startup::report(&setup, &args.month, &args.out).await,
        Command::Calendar(_) => bail!("calendar commands need no database"),
    }
    .context("otklik stopped")
}
