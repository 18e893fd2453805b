//! Commands that need the configuration and the database: run, migrate, invite, report.

use std::path::PathBuf;

use anyhow::bail;

use super::{cli_lang, Command, InviteArgs, RunArgs, WebhookCommand};
use crate::domain::Role;
use crate::startup::{self, Setup};
use crate::t;

pub async fn run(
    config: Option<PathBuf>,
    database_url: Option<String>,
    confirm_removals: bool,
    command: Option<Command>,
) -> anyhow::Result<()> {
    let command = command.unwrap_or(Command::Run(RunArgs::default()));
    if let Command::Webhook(WebhookCommand::Delete) = command {
        return startup::delete_webhook().await;
    }
    let mut setup = Setup::load(config, database_url)?;
    setup.confirm_removals = confirm_removals;
    if let Command::Invite(args) = &command {
        check_invite(&setup, args)?;
    }
    match command {
        Command::Migrate => startup::migrate(&setup).await,
        Command::Run(args) => startup::run(setup, args.into()).await,
        Command::Invite(args) => startup::invite(&setup, args.into()).await,
        Command::Report(args) => startup::report(&setup, args.into()).await,
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
