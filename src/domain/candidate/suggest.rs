//! Suggestions for a candidate's card and the intake wizard: topic, location, importance and
//! the unit, from the configuration's keyword dictionaries («авария», «пожар», «без воды» →
//! «Высокая»). The first rule (in file order) that sets a field and matches wins it.

use super::signals::{Normalized, SignalsError, Stems};
use crate::domain::UnitId;

/// One dictionary entry: if any of the words occurs, suggest what is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestRule {
    pub words: Stems,
    pub topic: Option<String>,
    pub location: Option<String>,
    pub importance: Option<String>,
    /// The unit by name, as in the directory.
    pub unit: Option<String>,
}

impl SuggestRule {
    pub fn new(words: &[String]) -> Result<SuggestRule, SignalsError> {
        Ok(SuggestRule {
            words: Stems::new(words)?,
            topic: None,
            location: None,
            importance: None,
            unit: None,
        })
    }
}

/// What the dictionaries suggest for a text; unset fields are left to the curator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestion {
    pub topic: Option<String>,
    pub location: Option<String>,
    pub importance: Option<String>,
    pub unit: Option<String>,
}

impl Suggestion {
    pub fn is_empty(&self) -> bool {
        self == &Suggestion::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggester {
    pub rules: Vec<SuggestRule>,
}

impl Suggester {
    pub fn suggest(&self, text: &str) -> Suggestion {
        self.suggest_in(&Normalized::new(text))
    }

    pub fn suggest_in(&self, text: &Normalized) -> Suggestion {
        let mut s = Suggestion::default();
        for rule in &self.rules {
            let wanted = (rule.topic.is_some() && s.topic.is_none())
                || (rule.location.is_some() && s.location.is_none())
                || (rule.importance.is_some() && s.importance.is_none())
                || (rule.unit.is_some() && s.unit.is_none());
            if !wanted || !rule.words.any_in(text) {
                continue;
            }
            fill(&mut s.topic, &rule.topic);
            fill(&mut s.location, &rule.location);
            fill(&mut s.importance, &rule.importance);
            fill(&mut s.unit, &rule.unit);
        }
        s
    }
}

fn fill(slot: &mut Option<String>, value: &Option<String>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

/// The unit a suggestion names, among the directory's units `(id, name)`.
pub fn unit_id(s: &Suggestion, units: &[(UnitId, String)]) -> Option<UnitId> {
    let name = s.unit.as_deref()?;
    units
        .iter()
        .find(|(_, n)| super::same_name(n, name))
        .map(|(id, _)| *id)
}
