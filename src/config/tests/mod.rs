//! Tests of the configuration file, by theme.

mod candidates;
mod errors;
mod fuzz;
mod people_errors;
mod valid;

use super::{Config, ConfigError, Issue};

/// Parses text that must be refused and returns its issues.
fn issues(text: &str) -> Vec<Issue> {
    match Config::parse(text, "test.toml") {
        Ok(_) => panic!("expected the file to be refused:\n{text}"),
        Err(e) => e.issues().to_vec(),
    }
}

/// The single issue of a refused file, with its line and path checked.
fn only_issue(text: &str, line: usize, path: &str) -> Issue {
    let all = issues(text);
    assert_eq!(all.len(), 1, "expected exactly one issue, got {all:#?}");
    let issue = all.into_iter().next().unwrap();
    assert_eq!(issue.path, path, "{issue:?}");
    assert_eq!(issue.position.map(|p| p.line), Some(line), "{issue:?}");
    issue
}

fn parse_ok(text: &str) -> Config {
    Config::parse(text, "test.toml").unwrap_or_else(|e: ConfigError| panic!("{e}"))
}
