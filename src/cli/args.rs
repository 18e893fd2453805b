//! Argument parsers clap runs before any command starts, so a bad value is refused before
//! anything is created or migrated; clap's message names the flag.

use crate::domain::report::YearMonth;
use crate::domain::Role;

pub fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", known.join(", "))
    })
}

/// A month as `ГГГГ-ММ`, kept as written.
pub fn month(s: &str) -> Result<String, String> {
    YearMonth::parse(s)
        .map(|_| s.trim().to_owned())
        .map_err(|e| e.to_string())
}

/// An absolute http(s) URL with a host: where Telegram will post updates.
pub fn webhook_url(s: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(s.trim()).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
        return Err("expected an https://host/path address".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    use crate::cli::{Cli, Command};

    fn parse(args: &[&str]) -> Result<Cli, String> {
        Cli::try_parse_from(std::iter::once("otklik").chain(args.iter().copied()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn bad_values_are_refused_naming_the_flag() {
        for (args, flag) in [
            (&["invite", "--role", "boss"][..], "--role"),
            (
                &["invite", "--role", "curator", "--ttl-hours", "0"],
                "--ttl-hours",
            ),
            (&["report", "--month", "2026-13"], "--month"),
            (&["report", "--month", "октябрь"], "--month"),
            (
                &[
                    "run",
                    "--webhook-url",
                    "not a url",
                    "--listen",
                    "0.0.0.0:8080",
                ],
                "--webhook-url",
            ),
            (
                &[
                    "run",
                    "--webhook-url",
                    "ftp://x/y",
                    "--listen",
                    "0.0.0.0:8080",
                ],
                "--webhook-url",
            ),
        ] {
            let err = parse(args).expect_err(&format!("{args:?} refused"));
            assert!(err.contains(flag), "{args:?}: {err}");
        }
    }

    #[test]
    fn good_values_are_parsed() {
        let cli = parse(&["invite", "--role", "executor", "--unit", "ЖКХ"]).unwrap();
        match cli.command {
            Some(Command::Invite(a)) => {
                assert_eq!(a.role, Role::Executor);
                assert_eq!(a.ttl_hours, 72);
            }
            other => panic!("{other:?}"),
        }
        let cli = parse(&["report", "--month", "2026-10"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Report(r)) if r.month == "2026-10"));
    }
}
