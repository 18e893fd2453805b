//! What `/people`, `/units` and `/lists` show: the directory as an admin checks it.

use std::collections::{HashMap, HashSet};

use crate::domain::directory::{Person, Unit};
use crate::domain::{PersonId, UnitId};
use crate::front::format::esc;
use crate::front::refusal::role_name;
use crate::i18n::Lang;
use crate::t;

/// Who can be reached where: people the bot cannot write to in Telegram, and people with a
/// MAX account.
#[derive(Debug, Default)]
pub struct Reach {
    pub unreachable: HashSet<PersonId>,
    pub on_max: HashSet<PersonId>,
}

/// People, active first, each with id, roles, unit and whether the bot can reach them.
pub fn people(people: &[Person], units: &[Unit], reach: &Reach, lang: Lang) -> String {
    let unit_names: HashMap<UnitId, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by_key(|p| !p.active);
    let mut lines = vec![t!(
        lang,
        "admin-people-title",
        n = people.iter().filter(|p| p.active).count()
    )];
    for p in sorted {
        let roles: Vec<String> = p.roles.iter().map(|r| role_name(*r, lang)).collect();
        let roles = match roles.is_empty() {
            true => t!(lang, "admin-no-roles"),
            false => roles.join(", "),
        };
        let mut line = format!("• {} #{} — {}", esc(&p.name), p.id, roles);
        if let Some(unit) = p.unit {
            let name = unit_names.get(&unit).copied().unwrap_or("?");
            line.push_str(&format!("; {}", esc(name)));
        }
        let tg = match (p.telegram_id, reach.unreachable.contains(&p.id)) {
            // Someone on MAX needs no invite; someone in neither messenger does.
            (None, _) if reach.on_max.contains(&p.id) => t!(lang, "admin-tg-none-on-max"),
            (None, _) => t!(lang, "admin-tg-none"),
            (Some(_), true) => t!(lang, "admin-tg-unreachable"),
            (Some(_), false) => t!(lang, "admin-tg-ok"),
        };
        line.push_str(&format!("; {tg}"));
        if reach.on_max.contains(&p.id) {
            line.push_str(&format!("; {}", t!(lang, "admin-max-ok")));
        }
        if !p.active {
            line.push_str(&format!(" {}", t!(lang, "admin-inactive")));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// Units with their deputies and how many executors each has.
pub fn units(units: &[Unit], people: &[Person], lang: Lang) -> String {
    let names: HashMap<PersonId, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut lines = vec![t!(
        lang,
        "admin-units-title",
        n = units.iter().filter(|u| u.active).count()
    )];
    for u in units {
        let deputy = match u.deputy.and_then(|d| names.get(&d)).filter(|p| p.active) {
            Some(p) => t!(lang, "admin-unit-deputy", name = esc(&p.name)),
            None => t!(lang, "admin-unit-no-deputy"),
        };
        let executors = people
            .iter()
            .filter(|p| {
                p.active && p.unit == Some(u.id) && p.roles.contains(&crate::domain::Role::Executor)
            })
            .count();
        let mut line = format!(
            "• {} — {deputy}; {}",
            esc(&u.name),
            t!(lang, "admin-unit-executors", n = executors)
        );
        if !u.active {
            line.push_str(&format!(" {}", t!(lang, "admin-inactive")));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The classification lists in their order.
pub fn lists(topics: &[String], locations: &[String], importance: &[String], lang: Lang) -> String {
    let join = |l: &[String]| match l.is_empty() {
        true => t!(lang, "admin-list-empty"),
        false => l.iter().map(|s| esc(s)).collect::<Vec<_>>().join(", "),
    };
    [
        t!(lang, "admin-lists-topics", items = join(topics)),
        t!(lang, "admin-lists-locations", items = join(locations)),
        t!(lang, "admin-lists-importance", items = join(importance)),
        t!(lang, "admin-lists-hint"),
    ]
    .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn person(
        id: i64,
        name: &str,
        roles: &[Role],
        unit: Option<i64>,
        tg: Option<i64>,
        active: bool,
    ) -> Person {
        Person {
            id: PersonId(id),
            name: name.into(),
            telegram_id: tg,
            roles: roles.iter().copied().collect(),
            unit: unit.map(UnitId),
            active,
        }
    }

    fn directory() -> (Vec<Person>, Vec<Unit>) {
        let people = vec![
            person(1, "Бывший Б.Б.", &[Role::Executor], Some(1), Some(5), false),
            person(
                2,
                "Петров <П.П.>",
                &[Role::Executor],
                Some(1),
                Some(6),
                true,
            ),
            person(3, "Сидоров В.В.", &[Role::Deputy], None, None, true),
        ];
        let units = vec![
            Unit {
                id: UnitId(1),
                name: "Отдел ЖКХ".into(),
                deputy: Some(PersonId(3)),
                active: true,
            },
            Unit {
                id: UnitId(2),
                name: "Отдел дорог".into(),
                deputy: None,
                active: true,
            },
        ];
        (people, units)
    }

    #[test]
    fn people_show_roles_units_and_reachability() {
        let (people, units) = directory();
        let reach = Reach {
            unreachable: [PersonId(2)].into_iter().collect(),
            on_max: [PersonId(3)].into_iter().collect(),
        };
        let text = super::people(&people, &units, &reach, Lang::Ru);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(
            lines[1].contains("Петров &lt;П.П.&gt; #2") && lines[1].contains("Отдел ЖКХ"),
            "{text}"
        );
        assert!(
            lines[2].contains("MAX") && !lines[2].contains("приглашение"),
            "on MAX, no invite needed: {text}"
        );
        assert!(
            lines[3].contains("Бывший"),
            "inactive people come last: {text}"
        );
    }

    #[test]
    fn units_show_deputies_and_gaps() {
        let (people, units) = directory();
        let text = super::units(&units, &people, Lang::Ru);
        assert!(text.contains("Сидоров В.В."), "{text}");
        let roads = text
            .lines()
            .find(|l| l.contains("Отдел дорог"))
            .unwrap_or_default();
        assert!(roads.contains('⚠'), "{text}");
    }

    #[test]
    fn lists_are_escaped() {
        let text = lists(&["<b>".into()], &[], &["Высокая".into()], Lang::En);
        assert!(text.contains("&lt;b&gt;"), "{text}");
    }
}
