//! The command line (SPEC §4, §9): thin wrappers that parse arguments, call the library and
//! print. Every failure is one line and a non-zero exit, never a panic. Arguments are checked
//! before anything touches the database.

mod args;
mod calendar;
mod setup;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::domain::Role;

pub use crate::i18n::cli_lang;
pub use crate::startup::{Setup, DEFAULT_DATABASE_URL};

#[derive(Debug, Parser)]
#[command(
    name = "otklik",
    version,
    about = "Otklik: citizens' posts, answered on time"
)]
pub struct Cli {
    /// The organization's configuration file (TOML, SPEC §10). Without it the directory in
    /// the database is left as it is.
    #[arg(long, global = true, env = "OTKLIK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Database URL: `sqlite:otklik.db` (default) or `postgres://…`.
    #[arg(long, global = true, env = "DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,

    /// Apply a configuration even if it removes more than a few people, or the last curator
    /// or admin, from the directory.
    #[arg(long, global = true)]
    pub confirm_removals: bool,

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
    /// Check the configuration, the database and the bot token; exit 0 if all are fine.
    Check,
    /// The Telegram webhook.
    #[command(subcommand)]
    Webhook(WebhookCommand),
}

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Remove the webhook (replicas never do it when they stop).
    Delete,
}

#[derive(Debug, Default, Args)]
pub struct RunArgs {
    /// Receive updates by webhook at this public URL instead of long polling.
    #[arg(long, value_name = "URL", requires = "listen", value_parser = args::webhook_url)]
    pub webhook_url: Option<url::Url>,
    /// Address to listen on in webhook mode, e.g. 0.0.0.0:8080.
    #[arg(long, value_name = "ADDR", requires = "webhook_url")]
    pub listen: Option<std::net::SocketAddr>,
    /// Serve `/healthz` and Prometheus `/metrics` on this address, e.g. 0.0.0.0:9090.
    #[arg(long, value_name = "ADDR")]
    pub metrics: Option<std::net::SocketAddr>,
}

#[derive(Debug, Args)]
pub struct InviteArgs {
    /// admin, curator, executor, deputy, coordinator or controller.
    #[arg(long, value_parser = args::role)]
    pub role: Role,
    /// The unit, for an executor (and only for one).
    #[arg(long)]
    pub unit: Option<String>,
    /// Hours the link stays valid (at least 1).
    #[arg(long, default_value_t = 72, value_parser = clap::value_parser!(u32).range(1..))]
    pub ttl_hours: u32,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The month, ГГГГ-ММ.
    #[arg(long, value_parser = args::month)]
    pub month: String,
    /// The folder to write into.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

/// Runs the parsed command line and turns its outcome into an exit code.
pub async fn main(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Calendar(cmd)) => calendar::run(cli.config.as_deref(), cmd),
        Some(Command::Check) => {
            let passed = crate::startup::check(cli.config, cli.database_url).await;
            return if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        other => setup::run(cli.config, cli.database_url, cli.confirm_removals, other).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", crate::ops::report::one_line(&e));
            ExitCode::FAILURE
        }
    }
}

impl From<RunArgs> for crate::startup::RunOptions {
    fn from(a: RunArgs) -> Self {
        Self {
            webhook_url: a.webhook_url,
            listen: a.listen,
            metrics: a.metrics,
        }
    }
}

impl From<InviteArgs> for crate::startup::InviteOptions {
    fn from(a: InviteArgs) -> Self {
        Self {
            role: a.role,
            unit: a.unit,
            ttl_hours: a.ttl_hours,
        }
    }
}

impl From<ReportArgs> for crate::startup::ReportOptions {
    fn from(a: ReportArgs) -> Self {
        Self {
            month: a.month,
            out: a.out,
        }
    }
}
