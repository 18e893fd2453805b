//! The file's serde shape: every section optional, every key known, values kept as text with
//! their spans so that validation can point at the exact line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub(super) type Text = Spanned<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawConfig {
    pub organization: Option<RawOrganization>,
    pub schedule: Option<RawSchedule>,
    pub deadlines: Option<RawDeadlines>,
    pub report: Option<RawReport>,
    pub directory: Option<RawDirectory>,
    pub people: Vec<Spanned<RawPerson>>,
    pub units: Vec<Spanned<RawUnit>>,
    pub candidates: Option<RawCandidates>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOrganization {
    pub name: Option<Text>,
    pub timezone: Option<Text>,
    pub region: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchedule {
    pub days: Option<Spanned<Vec<Text>>>,
    pub hours: Option<Text>,
    pub lunch: Option<Text>,
    pub preholiday_shortening: Option<Text>,
}

/// The eight terms of SPEC §3, shared by the base section and each importance override.
/// Kept as one struct (not `flatten`, which defeats `deny_unknown_fields`) so that a new term
/// is added in one place.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerms {
    pub return_window: Option<Text>,
    pub reassign: Option<Text>,
    pub answer: Option<Text>,
    pub draft_before_answer: Option<Text>,
    pub publish: Option<Text>,
    pub final_after_intermediate: Option<Text>,
    pub contribution: Option<Text>,
    pub remind_before: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeadlines {
    pub return_window: Option<Text>,
    pub reassign: Option<Text>,
    pub answer: Option<Text>,
    pub draft_before_answer: Option<Text>,
    pub publish: Option<Text>,
    pub final_after_intermediate: Option<Text>,
    pub contribution: Option<Text>,
    pub remind_before: Option<Text>,
    #[serde(default)]
    pub importance: BTreeMap<String, Spanned<RawTerms>>,
}

impl RawDeadlines {
    /// Splits the base terms from the overrides so both go through the same checks.
    pub fn split(self) -> (RawTerms, BTreeMap<String, Spanned<RawTerms>>) {
        let base = RawTerms {
            return_window: self.return_window,
            reassign: self.reassign,
            answer: self.answer,
            draft_before_answer: self.draft_before_answer,
            publish: self.publish,
            final_after_intermediate: self.final_after_intermediate,
            contribution: self.contribution,
            remind_before: self.remind_before,
        };
        (base, self.importance)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    pub send_at: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDirectory {
    pub topics: Option<Vec<Text>>,
    pub locations: Option<Vec<Text>>,
    pub importance: Option<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPerson {
    pub name: Text,
    pub telegram_id: Option<Spanned<i64>>,
    pub max_id: Option<Spanned<i64>>,
    pub roles: Option<Spanned<Vec<Text>>>,
    pub unit: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnit {
    pub name: Text,
    pub deputy: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCandidates {
    pub interval: Option<Text>,
    pub urgent: Option<Text>,
    pub signals: Option<Vec<Text>>,
    pub mentions: Option<Vec<Text>>,
    pub vk: Option<Vec<Text>>,
    #[serde(default)]
    pub chats: Vec<Spanned<RawChat>>,
    #[serde(default)]
    pub suggest: Vec<Spanned<RawSuggest>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChat {
    /// A chat id (integer) or a public username (`"@name"`).
    pub chat: Spanned<toml::Value>,
    pub mode: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSuggest {
    pub words: Spanned<Vec<Text>>,
    pub topic: Option<Text>,
    pub location: Option<Text>,
    pub importance: Option<Text>,
    pub unit: Option<Text>,
}
