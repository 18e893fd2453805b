//! A configuration that would empty the directory is refused: a missing or truncated file must
//! not deactivate everyone. Removing more than a few people, or the last curator or admin,
//! needs `--confirm-removals`.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::config::Config;
use crate::domain::directory::Person;
use crate::domain::Role;
use crate::i18n::Lang;
use crate::t;

/// Removals beyond this many need confirming.
pub const FEW: usize = 3;

/// The flag that confirms removals.
pub const CONFIRM_FLAG: &str = "--confirm-removals";

/// Roles the organization cannot work without: nobody would register posts or manage people.
const VITAL: [Role; 2] = [Role::Curator, Role::Admin];

/// What applying the file would remove, when that needs confirming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removals {
    /// People the file no longer lists, by name.
    pub people: Vec<String>,
    /// Vital roles nobody would hold afterwards.
    pub last_of: Vec<Role>,
}

/// `managed`: names of the active people the file put in the directory; `people`: the whole
/// directory as stored. `None` when the file may be applied without asking.
pub fn removals(managed: &[String], people: &[Person], config: &Config) -> Option<Removals> {
    let listed: HashMap<&str, &[Role]> = config
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.roles.as_slice()))
        .collect();
    let removed: BTreeSet<&str> = managed
        .iter()
        .map(String::as_str)
        .filter(|n| !listed.contains_key(n))
        .collect();
    let holders = |role: Role, after: bool| {
        people
            .iter()
            .filter(|p| p.active)
            .filter(|p| !(after && removed.contains(p.name.as_str())))
            .filter(|p| match listed.get(p.name.as_str()) {
                Some(roles) if after => roles.contains(&role),
                _ => p.roles.contains(&role),
            })
            .count()
    };
    let mut last_of: Vec<Role> = VITAL
        .into_iter()
        .filter(|r| holders(*r, false) > 0 && holders(*r, true) == 0)
        .collect();
    last_of.dedup();
    if removed.len() <= FEW && last_of.is_empty() {
        return None;
    }
    Some(Removals {
        people: removed.into_iter().map(str::to_owned).collect(),
        last_of,
    })
}

impl Removals {
    /// The refusal: who would go, what would be left without anyone, how to confirm.
    pub fn message(&self, origin: &str, lang: Lang) -> String {
        const SHOWN: usize = 10;
        let mut names = self
            .people
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if self.people.len() > SHOWN {
            let more = self.people.len() - SHOWN;
            names += &t!(lang, "cli-removals-more", count = more);
        }
        let roles: HashSet<String> = self.last_of.iter().map(|r| role_name(*r, lang)).collect();
        let mut roles: Vec<String> = roles.into_iter().collect();
        roles.sort();
        let vital = if roles.is_empty() {
            String::new()
        } else {
            t!(lang, "cli-removals-last", roles = roles.join(", "))
        };
        t!(
            lang,
            "cli-removals-refused",
            origin = origin,
            count = self.people.len(),
            names = names,
            vital = vital,
            flag = CONFIRM_FLAG
        )
    }
}

fn role_name(role: Role, lang: Lang) -> String {
    match role {
        Role::Curator => t!(lang, "role-curator"),
        Role::Admin => t!(lang, "role-admin"),
        other => other.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PersonEntry;
    use crate::domain::ids::PersonId;

    fn person(id: i64, name: &str, roles: &[Role]) -> Person {
        Person {
            id: PersonId(id),
            name: name.into(),
            telegram_id: None,
            roles: roles.iter().copied().collect(),
            unit: None,
            active: true,
        }
    }

    fn entry(name: &str, roles: &[Role]) -> PersonEntry {
        PersonEntry {
            name: name.into(),
            telegram_id: None,
            max_id: None,
            roles: roles.to_vec(),
            unit: None,
        }
    }

    fn directory() -> (Vec<String>, Vec<Person>) {
        let people = vec![
            person(1, "Curator", &[Role::Curator, Role::Admin]),
            person(2, "Deputy", &[Role::Deputy]),
            person(3, "E1", &[Role::Executor]),
            person(4, "E2", &[Role::Executor]),
            person(5, "E3", &[Role::Executor]),
            person(6, "E4", &[Role::Executor]),
        ];
        (people.iter().map(|p| p.name.clone()).collect(), people)
    }

    fn config(people: Vec<PersonEntry>) -> Config {
        Config {
            people,
            ..Config::default()
        }
    }

    #[test]
    fn an_empty_file_is_refused_naming_everyone_and_the_lost_roles() {
        let (managed, people) = directory();
        let r = removals(&managed, &people, &Config::default()).expect("refused");
        assert_eq!(r.people.len(), 6);
        assert_eq!(r.last_of, [Role::Curator, Role::Admin]);
        let text = r.message("otklik.toml", Lang::En);
        assert!(
            text.contains("E4") && text.contains("--confirm-removals"),
            "{text}"
        );
        assert!(text.contains("curator"), "{text}");
    }

    #[test]
    fn removing_a_few_people_goes_through() {
        let (managed, people) = directory();
        let keep = config(vec![
            entry("Curator", &[Role::Curator, Role::Admin]),
            entry("Deputy", &[Role::Deputy]),
            entry("E1", &[Role::Executor]),
        ]);
        assert_eq!(removals(&managed, &people, &keep), None);
    }

    #[test]
    fn taking_the_role_from_the_last_curator_is_refused_even_alone() {
        let (managed, people) = directory();
        let mut all: Vec<PersonEntry> = people
            .iter()
            .map(|p| entry(&p.name, &p.roles.iter().copied().collect::<Vec<_>>()))
            .collect();
        all[0] = entry("Curator", &[Role::Admin]);
        let r = removals(&managed, &people, &config(all)).expect("refused");
        assert!(r.people.is_empty());
        assert_eq!(r.last_of, [Role::Curator]);
    }

    #[test]
    fn a_fresh_directory_needs_no_confirmation() {
        assert_eq!(removals(&[], &[], &Config::default()), None);
    }
}
