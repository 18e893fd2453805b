//! Backend-independent helpers: the dialect switch and the codecs between domain values and
//! columns.

use chrono::{DateTime, Utc};

use crate::domain::deadline::Party;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;
use crate::storage::{Catalog, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The statement text for this backend, when the two must differ.
    pub(crate) fn pick(self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self {
            Self::Sqlite => sqlite,
            Self::Postgres => postgres,
        }
    }

    /// SQLite takes the write lock up front, so concurrent writers queue on the busy timeout
    /// instead of failing when their read snapshot turns stale.
    pub(crate) fn begin_write(self) -> &'static str {
        self.pick("BEGIN IMMEDIATE", "BEGIN")
    }
}

/// Which people to load. Each variant is one fixed `WHERE` over `people p` with at most one
/// bound argument, shared by the people query and the roles query.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Filter {
    All,
    Id(PersonId),
    Telegram(i64),
    ActiveWithRole(Role),
    ActiveExecutorsOf(UnitId),
    ActiveDeputyOf(UnitId),
}

const WITH_ROLE: &str =
    "EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = $1)";

impl Filter {
    pub(crate) fn sql(self) -> String {
        match self {
            Self::All => "TRUE".to_owned(),
            Self::Id(_) => "p.id = $1".to_owned(),
            Self::Telegram(_) => "p.telegram_id = $1".to_owned(),
            Self::ActiveWithRole(_) => format!("p.active = TRUE AND {WITH_ROLE}"),
            Self::ActiveExecutorsOf(_) => "p.active = TRUE AND p.unit_id = $1 AND EXISTS \
                (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = 'executor')"
                .to_owned(),
            Self::ActiveDeputyOf(_) => {
                "p.active = TRUE AND p.id = (SELECT u.deputy_id FROM units u WHERE u.id = $1)"
                    .to_owned()
            }
        }
    }
}

/// Instants are stored as unix seconds.
pub(crate) fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn instant(s: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(s, 0).ok_or_else(|| StoreError::corrupt(format!("instant {s}")))
}

pub(crate) fn opt_instant(s: Option<i64>) -> Result<Option<DateTime<Utc>>, StoreError> {
    s.map(instant).transpose()
}

pub(crate) fn party_code(p: Party) -> String {
    match p {
        Party::Curator => "curator".to_owned(),
        Party::Unit(u) => format!("unit:{}", u.0),
    }
}

pub(crate) fn parse_party(s: &str) -> Result<Party, StoreError> {
    if s == "curator" {
        return Ok(Party::Curator);
    }
    s.strip_prefix("unit:")
        .and_then(|id| id.parse().ok())
        .map(|id| Party::Unit(UnitId(id)))
        .ok_or_else(|| StoreError::corrupt(format!("deadline party {s:?}")))
}

/// `$first, $first+1, …` for `n` parameters of an `IN (…)` list.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The table behind a classification list.
pub(crate) fn catalog_table(c: Catalog) -> &'static str {
    match c {
        Catalog::Topics => "topics",
        Catalog::Locations => "locations",
        Catalog::Importance => "importance_levels",
    }
}

/// How many ids go into one `IN (…)` list when loading in batches.
pub(crate) const BATCH: usize = 500;

/// How many rows a list may show and how far its count goes (`count_up_to` + 1 tells
/// "more than that").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub limit: i64,
    pub count_up_to: i64,
}

impl Bounds {
    /// From a page size and a count cap, `usize::MAX` meaning none.
    pub(crate) fn new(limit: usize, count_up_to: usize) -> Self {
        let sql = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Self {
            limit: sql(limit),
            count_up_to: sql(count_up_to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_round_trip() {
        for p in [Party::Curator, Party::Unit(UnitId(42))] {
            assert_eq!(parse_party(&party_code(p)).ok(), Some(p));
        }
        assert!(parse_party("unit:x").is_err());
    }

    #[test]
    fn placeholders_are_numbered_from_first() {
        assert_eq!(placeholders(2, 3), "$2, $3, $4");
        assert_eq!(placeholders(1, 0), "");
    }
}
