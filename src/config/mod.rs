//! Configuration file (SPEC §10): one TOML file describing the organization.
//!
//! Every section is optional and falls back to the defaults of the SPEC. A bad file is refused
//! with every problem found, each with its line, column and key path.

mod candidates;
mod check;
mod deadlines;
mod error;
mod people;
mod raw;
mod sections;
#[cfg(test)]
mod tests;

use std::path::Path;

use chrono::NaiveTime;
use chrono_tz::Tz;

use crate::domain::calendar::{CalendarSettings, Region};
use crate::domain::candidate::CandidateRules;
use crate::domain::deadline::DeadlinePolicy;
use crate::domain::Role;

pub use error::{ConfigError, Issue, Position};

/// The organization the bot serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub organization: Organization,
    /// The working calendar; its time zone and region are the organization's.
    pub calendar: CalendarSettings,
    pub deadlines: DeadlinePolicy,
    pub report: ReportConfig,
    pub directory: Directory,
    pub people: Vec<PersonEntry>,
    pub units: Vec<UnitEntry>,
    /// Candidate posts from chats and communities (issue 13); off unless configured.
    pub candidates: CandidateRules,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub name: String,
    pub timezone: Tz,
    /// Adds regional holidays to the federal calendar; `None` for federal only.
    pub region: Option<Region>,
}

impl Default for Organization {
    fn default() -> Self {
        Self {
            name: "Администрация".to_owned(),
            timezone: chrono_tz::Europe::Moscow,
            region: None,
        }
    }
}

/// The monthly summary (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportConfig {
    /// Local time of the first working day of the month at which the summary goes out.
    pub send_at: NaiveTime,
}

impl Default for ReportConfig {
    fn default() -> Self {
        Self {
            send_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// The classification lists the curator picks from; empty by default (admins fill them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub topics: Vec<String>,
    pub locations: Vec<String>,
    pub importance: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    pub name: String,
    /// Absent for people who will join by invite link.
    pub telegram_id: Option<i64>,
    /// The person's MAX user id, if they work in MAX (alone or beside Telegram).
    pub max_id: Option<i64>,
    pub roles: Vec<Role>,
    /// The unit an executor works in (by name, as in [`UnitEntry::name`]).
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEntry {
    pub name: String,
    /// The name of the supervising deputy, one of [`Config::people`].
    pub deputy: String,
}

impl Default for Config {
    fn default() -> Self {
        let organization = Organization::default();
        Self {
            calendar: calendar_of(&organization, Default::default()),
            organization,
            deadlines: DeadlinePolicy::default(),
            report: ReportConfig::default(),
            directory: Directory::default(),
            people: Vec::new(),
            units: Vec::new(),
            candidates: CandidateRules::default(),
        }
    }
}

impl Config {
    /// Reads and validates the file at `path`; errors name the path.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        match String::from_utf8(bytes) {
            Ok(text) => Self::parse(&text, &origin),
            Err(e) => Err(not_utf8(&origin, e)),
        }
    }

    /// Validates `text`; `origin` (a path or a label) starts every error line.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let invalid = |issues| ConfigError::Invalid {
            origin: origin.to_owned(),
            issues,
        };
        let de = toml::Deserializer::new(text);
        let raw: raw::RawConfig = serde_path_to_error::deserialize(de)
            .map_err(|e| invalid(vec![error::from_toml(text, e)]))?;
        let mut c = check::Checker::new(text);
        let config = build(&mut c, raw);
        if c.issues.is_empty() {
            return Ok(config);
        }
        // In file order, issues without a place last; stable, so ties keep the order found.
        c.issues.sort_by_key(|i| (i.position.is_none(), i.position));
        Err(invalid(c.issues))
    }
}

fn build(c: &mut check::Checker, raw: raw::RawConfig) -> Config {
    let organization = sections::organization(c, raw.organization);
    let schedule = sections::schedule(c, raw.schedule);
    let directory = sections::directory(c, raw.directory);
    let deadlines = deadlines::deadlines(c, raw.deadlines, &directory.importance);
    let report = sections::report(c, raw.report);
    let (people, units) = people::people_and_units(c, &raw.people, &raw.units);
    let candidates = candidates::candidates(c, raw.candidates, &directory, &units);
    Config {
        calendar: calendar_of(&organization, schedule),
        organization,
        deadlines,
        report,
        directory,
        people,
        units,
        candidates,
    }
}

fn calendar_of(
    org: &Organization,
    schedule: crate::domain::calendar::Schedule,
) -> CalendarSettings {
    CalendarSettings {
        timezone: org.timezone,
        region: org.region,
        schedule,
    }
}

fn not_utf8(origin: &str, e: std::string::FromUtf8Error) -> ConfigError {
    let valid = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes());
    let issue = Issue {
        position: Some(Position::of_offset(&text, valid)),
        path: String::new(),
        message: "the file is not UTF-8 text; save it as UTF-8".to_owned(),
    };
    ConfigError::Invalid {
        origin: origin.to_owned(),
        issues: vec![issue],
    }
}
