//! Validation of `[[people]]` and `[[units]]`: names, ids, roles and who belongs where (SPEC §1).

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::check::{self, Checker};
use super::error::Position;
use super::raw::{RawPerson, RawUnit, Text};
use super::{PersonEntry, UnitEntry};
use crate::domain::Role;

pub(super) fn people_and_units(
    c: &mut Checker,
    people: &[Spanned<RawPerson>],
    units: &[Spanned<RawUnit>],
) -> (Vec<PersonEntry>, Vec<UnitEntry>) {
    let unit_names = unit_names(c, units);
    let entries = persons(c, people, &unit_names);
    let units = deputies(c, units, &unit_names, &entries, people);
    (entries, units)
}

/// Each unit's valid name, index for index (`None` where the name was refused).
fn unit_names(c: &mut Checker, units: &[Spanned<RawUnit>]) -> Vec<Option<String>> {
    let mut seen = HashMap::new();
    units
        .iter()
        .enumerate()
        .map(|(i, u)| c.unique_name(&u.get_ref().name, &format!("units[{i}].name"), &mut seen))
        .collect()
}

fn persons(
    c: &mut Checker,
    people: &[Spanned<RawPerson>],
    units: &[Option<String>],
) -> Vec<PersonEntry> {
    // Looked up once per person: a set keeps large files linear.
    let known: HashSet<&str> = units.iter().flatten().map(String::as_str).collect();
    let mut names = HashMap::new();
    let mut ids: HashMap<i64, Position> = HashMap::new();
    let mut out = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let path = format!("people[{i}]");
        let raw = p.get_ref();
        let name = c.unique_name(&raw.name, &format!("{path}.name"), &mut names);
        let telegram_id = raw
            .telegram_id
            .as_ref()
            .and_then(|id| telegram_id(c, id, &path, &mut ids));
        let roles = roles(c, p, &path);
        let unit = raw
            .unit
            .as_ref()
            .and_then(|u| unit_ref(c, u, &path, units, &known));
        if roles.contains(&Role::Executor) && raw.unit.is_none() {
            let msg = "an executor belongs to a unit: add `unit = \"…\"` naming one of [[units]]";
            c.fail_at(p, &path, msg);
        }
        if let Some(name) = name {
            out.push(PersonEntry {
                name,
                telegram_id,
                roles,
                unit,
            });
        }
    }
    out
}

fn telegram_id(
    c: &mut Checker,
    id: &Spanned<i64>,
    path: &str,
    seen: &mut HashMap<i64, Position>,
) -> Option<i64> {
    let path = format!("{path}.telegram_id");
    let v = *id.get_ref();
    if v <= 0 {
        c.fail_at(
            id,
            path,
            format!("expected a positive Telegram user id, got {v}"),
        );
        return None;
    }
    if let Some(first) = seen.get(&v) {
        let msg = format!(
            "telegram_id {v} is already given to another person on line {}",
            first.line
        );
        c.fail_at(id, path, msg);
        return None;
    }
    seen.insert(v, c.position(id));
    Some(v)
}

fn roles(c: &mut Checker, p: &Spanned<RawPerson>, path: &str) -> Vec<Role> {
    let Some(list) = &p.get_ref().roles else {
        c.fail_at(
            p,
            format!("{path}.roles"),
            "missing key `roles`: nobody gets in without a role",
        );
        return Vec::new();
    };
    if list.get_ref().is_empty() {
        c.fail_at(list, format!("{path}.roles"), "expected at least one role");
    }
    let mut out = Vec::new();
    for (j, v) in list.get_ref().iter().enumerate() {
        let path = format!("{path}.roles[{j}]");
        let Some(r) = c.parse(v, &path, role) else {
            continue;
        };
        if out.contains(&r) {
            c.fail_at(v, path, format!("role \"{r}\" is listed twice"));
        } else {
            out.push(r);
        }
    }
    out
}

fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        let known = check::list_names(Role::ALL.iter().map(|r| r.as_str()));
        format!("unknown role \"{s}\": expected one of {known}")
    })
}

fn unit_ref(
    c: &mut Checker,
    u: &Text,
    path: &str,
    units: &[Option<String>],
    known: &HashSet<&str>,
) -> Option<String> {
    let name = u.get_ref().trim();
    if known.contains(name) {
        return Some(name.to_owned());
    }
    let known = check::list_names(units.iter().flatten().map(String::as_str));
    let msg = format!("unknown unit \"{name}\": [[units]] defines {known}");
    c.fail_at(u, format!("{path}.unit"), msg);
    None
}

/// Every unit has exactly one supervising deputy, who is a person holding the `deputy` role.
fn deputies(
    c: &mut Checker,
    units: &[Spanned<RawUnit>],
    names: &[Option<String>],
    people: &[PersonEntry],
    raw_people: &[Spanned<RawPerson>],
) -> Vec<UnitEntry> {
    let by_name: HashMap<&str, &PersonEntry> =
        people.iter().map(|p| (p.name.as_str(), p)).collect();
    let mut out = Vec::new();
    for (i, (u, name)) in units.iter().zip(names).enumerate() {
        let path = format!("units[{i}].deputy");
        let Some(v) = &u.get_ref().deputy else {
            let msg = "missing key `deputy`: every unit has exactly one supervising deputy";
            c.fail_at(u, path, msg);
            continue;
        };
        let deputy = v.get_ref().trim();
        match check_deputy(deputy, &by_name, raw_people) {
            Ok(()) => out.extend(name.as_ref().map(|name| UnitEntry {
                name: name.clone(),
                deputy: deputy.to_owned(),
            })),
            Err(Some(msg)) => c.fail_at(v, path, msg),
            Err(None) => {}
        }
    }
    out
}

/// Why `deputy` cannot supervise a unit; `Err(None)` when the cause was already reported.
fn check_deputy(
    deputy: &str,
    people: &HashMap<&str, &PersonEntry>,
    raw_people: &[Spanned<RawPerson>],
) -> Result<(), Option<String>> {
    match people.get(deputy) {
        None => Err(Some(format!(
            "\"{deputy}\" is not among [[people]]; add them with roles = [\"deputy\"]"
        ))),
        Some(p) if p.roles.contains(&Role::Deputy) => Ok(()),
        Some(_) if roles_refused(raw_people, deputy) => Err(None),
        Some(_) => Err(Some(format!(
            "\"{deputy}\" supervises a unit but lacks the \"deputy\" role"
        ))),
    }
}

/// Whether this person's roles were already refused: they may well be meant as a deputy, so a
/// second message about the same mistake would only be noise.
fn roles_refused(raw: &[Spanned<RawPerson>], name: &str) -> bool {
    raw.iter()
        .filter(|p| p.get_ref().name.get_ref().trim() == name)
        .any(|p| match &p.get_ref().roles {
            None => true,
            Some(list) => list
                .get_ref()
                .iter()
                .any(|v| Role::parse(v.get_ref()).is_none()),
        })
}
