//! `otklik`: the bot and its administrative commands.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    otklik::telemetry::init();
    otklik::cli::main(otklik::cli::Cli::parse()).await
}
