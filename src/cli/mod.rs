//! The command line (SPEC §4, §9): thin wrappers that parse arguments, call the library and
//! print. Every failure is a message and a non-zero exit, never a panic.

mod calendar;
mod setup;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use crate::i18n::cli_lang;
pub use crate::startup::{Setup, DEFAULT_DATABASE_URL};

#[derive(Debug, Parser)]
#[command(
    name = "otklik",
    version,
    about = "Otklik: citizens' posts, answered on time"
)]
pub struct Cli {
    /// The organization's configuration file (TOML, SPEC §10).
    #[arg(long, global = true, env = "OTKLIK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Database URL: `sqlite:otklik.db` (default) or `postgres://…`.
    #[arg(long, global = true, env = "DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (the default).
    Run(RunArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Check the working calendar against the official one.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Print a one-time invite link for a new person.
    Invite(InviteArgs),
    /// Write the monthly summary files.
    Report(ReportArgs),
}

#[derive(Debug, Default, Args)]
pub struct RunArgs {
    /// Receive updates by webhook at this public URL instead of long polling.
    #[arg(long, value_name = "URL", requires = "listen")]
    pub webhook_url: Option<String>,
    /// Address to listen on in webhook mode, e.g. 0.0.0.0:8080.
    #[arg(long, value_name = "ADDR", requires = "webhook_url")]
    pub listen: Option<std::net::SocketAddr>,
}

#[derive(Debug, Args)]
pub struct InviteArgs {
    /// admin, curator, executor, deputy, coordinator or controller.
    #[arg(long)]
    pub role: String,
    /// The unit, for an executor.
    #[arg(long)]
    pub unit: Option<String>,
    /// Hours the link stays valid.
    #[arg(long, default_value_t = 72)]
    pub ttl_hours: u32,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The month, ГГГГ-ММ.
    #[arg(long)]
    pub month: String,
    /// The folder to write into.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

/// Runs the parsed command line and turns its outcome into an exit code.
pub async fn main(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Calendar(cmd)) => calendar::run(cli.config.as_deref(), cmd),
        other => setup::run(cli.config, cli.database_url, other).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}
