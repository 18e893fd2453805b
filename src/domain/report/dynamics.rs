//! Registrations by topic, location, network and importance: this month against the last.

use std::collections::HashMap;

use super::facts::Classification;
use super::{Dynamics, DynamicsRow};

#[derive(Default)]
pub(super) struct DynamicsCounter {
    registered: u32,
    registered_previous: u32,
    topic: Counts,
    location: Counts,
    network: Counts,
    importance: Counts,
}

/// `(this month, previous month)` per key; keys are few, so a hash map of owned strings
/// allocated once per key is cheap.
#[derive(Default)]
struct Counts(HashMap<String, (u32, u32)>);

impl Counts {
    fn bump(&mut self, key: &str, current: bool) {
        let entry = match self.0.get_mut(key) {
            Some(e) => e,
            None => self.0.entry(key.to_owned()).or_default(),
        };
        if current {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }

    /// Most registrations this month first, then the previous month's, then by key.
    fn rows(self) -> Vec<DynamicsRow> {
        let mut rows: Vec<DynamicsRow> = self
            .0
            .into_iter()
            .map(|(key, (current, previous))| DynamicsRow {
                key,
                current,
                previous,
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.current, b.previous)
                .cmp(&(a.current, a.previous))
                .then_with(|| a.key.cmp(&b.key))
        });
        rows
    }
}

impl DynamicsCounter {
    pub fn count(&mut self, c: &Classification<'_>, current: bool) {
        if current {
            self.registered += 1;
        } else {
            self.registered_previous += 1;
        }
        self.topic.bump(c.topic, current);
        self.location.bump(c.location, current);
        self.network.bump(c.network, current);
        self.importance.bump(c.importance, current);
    }

    pub fn finish(self) -> Dynamics {
        Dynamics {
            registered: self.registered,
            registered_previous: self.registered_previous,
            topic: self.topic.rows(),
            location: self.location.rows(),
            network: self.network.rows(),
            importance: self.importance.rows(),
        }
    }
}
