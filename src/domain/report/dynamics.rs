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
    fn bump(&mut self, key: &str, current: bool, n: u32) {
        let entry = match self.0.get_mut(key) {
            Some(e) => e,
            None => self.0.entry(key.to_owned()).or_default(),
        };
        if current {
            entry.0 += n;
        } else {
            entry.1 += n;
        }
    }

    /// Keeps this month's counts and takes the previous month's from `other`.
    fn replace_previous(&mut self, other: Counts) {
        for entry in self.0.values_mut() {
            entry.1 = 0;
        }
        for (key, (_, previous)) in other.0 {
            self.bump(&key, false, previous);
        }
        self.0
            .retain(|_, (current, previous)| *current + *previous > 0);
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
    /// Counts `n` registrations with this classification, this month or the previous one.
    pub fn count(&mut self, c: &Classification<'_>, current: bool, n: u32) {
        if current {
            self.registered += n;
        } else {
            self.registered_previous += n;
        }
        self.topic.bump(c.topic, current, n);
        self.location.bump(c.location, current, n);
        self.network.bump(c.network, current, n);
        self.importance.bump(c.importance, current, n);
    }

    /// The previous month as counted by `other` instead of by the cases seen here.
    pub fn replace_previous(&mut self, other: DynamicsCounter) {
        self.registered_previous = other.registered_previous;
        self.topic.replace_previous(other.topic);
        self.location.replace_previous(other.location);
        self.network.replace_previous(other.network);
        self.importance.replace_previous(other.importance);
    }

    pub fn finish(self) -> Dynamics {
        Dynamics {
            registered: self.registered,
            registered_previous: self.registered_previous,
            topic: self.topic.rows(),
            location: self.location.rows(),
            network: self.network.rows(),
            importance: self.importance.rows(),
            months: Vec::new(),
        }
    }
}
