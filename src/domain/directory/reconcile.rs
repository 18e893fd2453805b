//! Reconciling the stored directory with the configuration file (SPEC §10), as pure plans:
//! the file is authoritative for what it lists, idempotent (a second run plans nothing), and
//! an entry dropped from the file is deactivated, never deleted, so its history stays. Only
//! rows that came from the file (`managed`) are deactivated: people who joined by invite stay.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::super::ids::{PersonId, UnitId};
use super::super::Role;

/// A stored row of a name-keyed table the file manages (units, topics, locations, levels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub id: i64,
    pub name: String,
    /// Ordering in menus; units have none.
    pub position: Option<i64>,
    pub active: bool,
    pub managed: bool,
}

/// What to do to a name-keyed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryOp {
    Insert {
        name: String,
        position: Option<i64>,
    },
    /// Active, managed, at this position again.
    Refresh {
        id: i64,
        name: String,
        position: Option<i64>,
    },
    Deactivate {
        id: i64,
        name: String,
    },
}

/// The plan for one table: `wanted` in the file's order; blank and repeated names are
/// skipped; `ordered` tables take the position of the name in the list.
pub fn plan_entries(stored: &[StoredEntry], wanted: &[String], ordered: bool) -> Vec<EntryOp> {
    let by_name: HashMap<&str, &StoredEntry> =
        stored.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut listed = HashSet::new();
    let mut ops = Vec::new();
    for name in wanted.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !listed.insert(name) {
            continue;
        }
        let position = ordered.then(|| i64::try_from(listed.len() - 1).unwrap_or(i64::MAX));
        match by_name.get(name) {
            None => ops.push(EntryOp::Insert {
                name: name.to_owned(),
                position,
            }),
            Some(e) if e.position != position || !e.active || !e.managed => {
                ops.push(EntryOp::Refresh {
                    id: e.id,
                    name: name.to_owned(),
                    position,
                })
            }
            Some(_) => {}
        }
    }
    ops.extend(
        stored
            .iter()
            .filter(|e| e.managed && e.active && !listed.contains(e.name.as_str()))
            .map(|e| EntryOp::Deactivate {
                id: e.id,
                name: e.name.clone(),
            }),
    );
    ops
}

/// A stored person, as far as the file decides about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    pub id: PersonId,
    pub name: String,
    pub telegram_id: Option<i64>,
    pub max_id: Option<i64>,
    pub unit: Option<UnitId>,
    pub roles: BTreeSet<Role>,
    pub active: bool,
    pub managed: bool,
}

/// A person as the file lists them, with the unit already resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedPerson {
    pub name: String,
    pub telegram_id: Option<i64>,
    pub max_id: Option<i64>,
    pub unit: Option<UnitId>,
    pub roles: BTreeSet<Role>,
}

/// What to do to the people, in order: an id is always taken from its holder before it is
/// given to someone else, so the stored ids stay unique at every step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonOp {
    /// The file gives this telegram / MAX id to `to`: its holder loses it.
    ClearTelegram {
        id: PersonId,
        name: String,
        to: String,
    },
    ClearMax {
        id: PersonId,
        name: String,
        to: String,
    },
    /// A new person; `max_id` is set by a following [`PersonOp::SetMax`].
    Insert(WantedPerson),
    /// Telegram id and unit as given, active and managed again.
    Update {
        id: PersonId,
        telegram_id: Option<i64>,
        unit: Option<UnitId>,
    },
    SetRoles {
        id: PersonId,
        roles: BTreeSet<Role>,
    },
    /// `id` is `None` for a person inserted by this plan (found by name when applied).
    SetMax {
        id: Option<PersonId>,
        name: String,
        max_id: i64,
    },
    /// Only to report "updated" once per person, after its other ops.
    Changed {
        name: String,
    },
    Deactivate {
        id: PersonId,
        name: String,
    },
}

/// The plan for the people: `wanted` in the file's order, repeated names skipped.
pub fn plan_people(stored: &[StoredPerson], wanted: &[WantedPerson]) -> Vec<PersonOp> {
    let mut model: Vec<StoredPerson> = stored.to_vec();
    let mut listed = HashSet::new();
    let mut ops = Vec::new();
    for w in wanted {
        if listed.insert(w.name.as_str()) {
            plan_person(&mut model, w, &mut ops);
        }
    }
    ops.extend(
        model
            .iter()
            .filter(|p| p.managed && p.active && !listed.contains(p.name.as_str()))
            .map(|p| PersonOp::Deactivate {
                id: p.id,
                name: p.name.clone(),
            }),
    );
    ops
}

/// One listed person; `model` follows the ops so later entries see earlier ones' effects.
/// (The file gives each telegram and MAX id to one person at most, which the configuration
/// check enforces, so people inserted here never hold an id a later entry wants.)
fn plan_person(model: &mut [StoredPerson], w: &WantedPerson, ops: &mut Vec<PersonOp>) {
    let own = model.iter().position(|p| p.name == w.name);
    let own_id = own.map(|i| model[i].id);
    if let Some(t) = w.telegram_id {
        for other in model
            .iter_mut()
            .filter(|o| o.telegram_id == Some(t) && Some(o.id) != own_id)
        {
            ops.push(PersonOp::ClearTelegram {
                id: other.id,
                name: other.name.clone(),
                to: w.name.clone(),
            });
            other.telegram_id = None;
        }
    }
    let Some(i) = own else {
        ops.push(PersonOp::Insert(w.clone()));
        if let Some(m) = w.max_id {
            take_max(model, None, w, m, ops);
        }
        return;
    };
    let max_changed = match w.max_id {
        Some(m) if model[i].max_id != Some(m) => {
            take_max(model, own_id, w, m, ops);
            model[i].max_id = Some(m);
            true
        }
        _ => false,
    };
    let p = &mut model[i];
    // A telegram id learned from an invite is kept while the file gives none.
    let telegram = w.telegram_id.or(p.telegram_id);
    let fields_changed = telegram != p.telegram_id || w.unit != p.unit || !p.active || !p.managed;
    if fields_changed {
        ops.push(PersonOp::Update {
            id: p.id,
            telegram_id: telegram,
            unit: w.unit,
        });
        (p.telegram_id, p.unit, p.active, p.managed) = (telegram, w.unit, true, true);
    }
    let roles_changed = p.roles != w.roles;
    if roles_changed {
        ops.push(PersonOp::SetRoles {
            id: p.id,
            roles: w.roles.clone(),
        });
        p.roles = w.roles.clone();
    }
    if fields_changed || roles_changed || max_changed {
        ops.push(PersonOp::Changed {
            name: w.name.clone(),
        });
    }
}

/// Gives `max_id` to the wanted person, taking it from whoever else holds it.
fn take_max(
    model: &mut [StoredPerson],
    own: Option<PersonId>,
    w: &WantedPerson,
    max_id: i64,
    ops: &mut Vec<PersonOp>,
) {
    for other in model
        .iter_mut()
        .filter(|o| o.max_id == Some(max_id) && Some(o.id) != own)
    {
        ops.push(PersonOp::ClearMax {
            id: other.id,
            name: other.name.clone(),
            to: w.name.clone(),
        });
        other.max_id = None;
    }
    ops.push(PersonOp::SetMax {
        id: own,
        name: w.name.clone(),
        max_id,
    });
}

/// A unit's supervising deputy to set: `(unit, deputy)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeputyOp {
    pub unit: UnitId,
    pub unit_name: String,
    pub deputy: PersonId,
    pub deputy_name: String,
}

/// The deputies the file names, against `units` `(id, name, deputy)` and `people` by name;
/// `Err` names the first deputy or unit that is not in the directory.
pub fn plan_deputies(
    units: &[(UnitId, String, Option<PersonId>)],
    people: &HashMap<String, PersonId>,
    wanted: &[(String, String)],
) -> Result<Vec<DeputyOp>, String> {
    let mut ops = Vec::new();
    for (unit_name, deputy_name) in wanted {
        let (unit, _, current) = units
            .iter()
            .find(|(_, n, _)| n == unit_name)
            .ok_or_else(|| format!("unit {unit_name:?} is not in the file"))?;
        let deputy = *people
            .get(deputy_name)
            .ok_or_else(|| format!("deputy {deputy_name:?} of {unit_name} is not in the file"))?;
        if *current != Some(deputy) {
            ops.push(DeputyOp {
                unit: *unit,
                unit_name: unit_name.clone(),
                deputy,
                deputy_name: deputy_name.clone(),
            });
        }
    }
    Ok(ops)
}

#[cfg(test)]
#[path = "reconcile_tests.rs"]
mod tests;
