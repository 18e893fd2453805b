//! The small admin language of `/set` and `/invite`, parsed without I/O. Names of people
//! and units contain spaces and dots, so two-part forms separate the parts with `=`.
//!
//! ```text
//! /set role <person> = <role>[, <role>…]     /set unit <person> = <unit> | -
//! /set deputy <unit> = <person>             /set unit+ <unit> [= <deputy>]
//! /set topic+ <name>    /set topic- <name>  (also location±, importance±)
//! /set off <person>
//! /invite <role> [<unit>]                   /invite <person without Telegram>
//! ```
//! A person is a name as in `/people` or `#id`. Keywords and roles also read in Russian.

use std::collections::BTreeSet;

use crate::domain::Role;
use crate::storage::Catalog;

/// A directory change asked for with `/set`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetCmd {
    Roles {
        person: String,
        roles: BTreeSet<Role>,
    },
    Unit {
        person: String,
        unit: Option<String>,
    },
    Deputy {
        unit: String,
        person: String,
    },
    AddUnit {
        name: String,
        deputy: Option<String>,
    },
    AddEntry {
        list: Catalog,
        name: String,
    },
    RemoveEntry {
        list: Catalog,
        name: String,
    },
    Off {
        person: String,
    },
}

/// What `/invite` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteCmd {
    /// A new person with a role (and unit).
    Role { role: Role, unit: Option<String> },
    /// A directory person who has no Telegram account linked yet.
    Person(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not a form of the language: show the usage.
    Usage,
    /// A word that should be a role.
    UnknownRole(String),
}

/// A role by its code or Russian name.
pub fn role(word: &str) -> Option<Role> {
    let w = word.trim().to_lowercase().replace('ё', "е");
    let role = match w.as_str() {
        "admin" | "админ" | "администратор" => Role::Admin,
        "curator" | "куратор" => Role::Curator,
        "executor" | "исполнитель" => Role::Executor,
        "deputy" | "зам" | "заместитель" => Role::Deputy,
        "coordinator" | "координатор" => Role::Coordinator,
        "controller" | "контролер" => Role::Controller,
        _ => return None,
    };
    Some(role)
}

pub fn parse_set(arg: &str) -> Result<SetCmd, ParseError> {
    let arg = arg.trim();
    let (keyword, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    let rest = rest.trim();
    let keyword = keyword.to_lowercase();
    let cmd = match keyword.as_str() {
        "role" | "roles" | "роль" | "роли" => {
            let (person, roles) = pair(rest)?;
            SetCmd::Roles {
                person,
                roles: roles_list(&roles)?,
            }
        }
        "unit" | "отдел" => {
            let (person, unit) = pair(rest)?;
            SetCmd::Unit {
                person,
                unit: (unit != "-").then_some(unit),
            }
        }
        "deputy" | "зам" | "заместитель" => {
            let (unit, person) = pair(rest)?;
            SetCmd::Deputy { unit, person }
        }
        "unit+" | "отдел+" => match rest.split_once('=') {
            Some(_) => {
                let (name, deputy) = pair(rest)?;
                SetCmd::AddUnit {
                    name,
                    deputy: Some(deputy),
                }
            }
            None => SetCmd::AddUnit {
                name: one(rest)?,
                deputy: None,
            },
        },
        "off" | "откл" | "отключить" => SetCmd::Off { person: one(rest)? },
        other => {
            let (list, add) = entry_keyword(other).ok_or(ParseError::Usage)?;
            let name = one(rest)?;
            match add {
                true => SetCmd::AddEntry { list, name },
                false => SetCmd::RemoveEntry { list, name },
            }
        }
    };
    Ok(cmd)
}

/// `topic+`, `место-` …: the list and whether to add (`+`) or remove (`-`).
fn entry_keyword(word: &str) -> Option<(Catalog, bool)> {
    let (base, add) = match word.strip_suffix('+') {
        Some(b) => (b, true),
        None => (word.strip_suffix('-')?, false),
    };
    let list = match base {
        "topic" | "тема" => Catalog::Topics,
        "location" | "место" | "нп" => Catalog::Locations,
        "importance" | "важность" => Catalog::Importance,
        _ => return None,
    };
    Some((list, add))
}

pub fn parse_invite(arg: &str) -> Result<InviteCmd, ParseError> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Err(ParseError::Usage);
    }
    let (first, rest) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
    match role(first) {
        Some(role) => Ok(InviteCmd::Role {
            role,
            unit: Some(rest.trim().to_owned()).filter(|u| !u.is_empty()),
        }),
        None => Ok(InviteCmd::Person(arg.to_owned())),
    }
}

/// `left = right`, both non-empty.
fn pair(rest: &str) -> Result<(String, String), ParseError> {
    let (left, right) = rest.split_once('=').ok_or(ParseError::Usage)?;
    Ok((one(left)?, one(right)?))
}

/// One non-empty name, with inner spaces collapsed as people type them.
fn one(s: &str) -> Result<String, ParseError> {
    let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ParseError::Usage);
    }
    Ok(name)
}

/// Roles separated by commas or spaces; at least one, each known.
fn roles_list(s: &str) -> Result<BTreeSet<Role>, ParseError> {
    let words: Vec<&str> = s
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(ParseError::Usage);
    }
    words
        .into_iter()
        .map(|w| role(w).ok_or_else(|| ParseError::UnknownRole(w.to_owned())))
        .collect()
}

/// A person as the admin wrote them: `#12` or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonRef {
    Id(i64),
    Name(String),
}

pub fn person_ref(s: &str) -> PersonRef {
    match s.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        Some(id) => PersonRef::Id(id),
        None => PersonRef::Name(s.to_owned()),
    }
}

/// Names compare as people type them: case, `ё` and spacing do not matter.
pub fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace('ё', "е")
    };
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(list: &[Role]) -> BTreeSet<Role> {
        list.iter().copied().collect()
    }

    #[test]
    fn every_form_parses() {
        assert_eq!(
            parse_set("role Иванова А.С. = curator, Админ"),
            Ok(SetCmd::Roles {
                person: "Иванова А.С.".into(),
                roles: roles(&[Role::Curator, Role::Admin])
            })
        );
        assert_eq!(
            parse_set("роль #4 = контролёр"),
            Ok(SetCmd::Roles {
                person: "#4".into(),
                roles: roles(&[Role::Controller])
            })
        );
        assert_eq!(
            parse_set("unit  Петров   П.П. = Отдел ЖКХ"),
            Ok(SetCmd::Unit {
                person: "Петров П.П.".into(),
                unit: Some("Отдел ЖКХ".into())
            })
        );
        assert_eq!(
            parse_set("unit Петров П.П. = -"),
            Ok(SetCmd::Unit {
                person: "Петров П.П.".into(),
                unit: None
            })
        );
        assert_eq!(
            parse_set("deputy Отдел ЖКХ = Сидоров В.В."),
            Ok(SetCmd::Deputy {
                unit: "Отдел ЖКХ".into(),
                person: "Сидоров В.В.".into()
            })
        );
        assert_eq!(
            parse_set("unit+ Отдел дорог = Сидоров В.В."),
            Ok(SetCmd::AddUnit {
                name: "Отдел дорог".into(),
                deputy: Some("Сидоров В.В.".into())
            })
        );
        assert_eq!(
            parse_set("отдел+ Отдел дорог"),
            Ok(SetCmd::AddUnit {
                name: "Отдел дорог".into(),
                deputy: None
            })
        );
        assert_eq!(
            parse_set("topic+ Экология"),
            Ok(SetCmd::AddEntry {
                list: Catalog::Topics,
                name: "Экология".into()
            })
        );
        assert_eq!(
            parse_set("место- с. Кувакино"),
            Ok(SetCmd::RemoveEntry {
                list: Catalog::Locations,
                name: "с. Кувакино".into()
            })
        );
        assert_eq!(
            parse_set("importance+ Срочная"),
            Ok(SetCmd::AddEntry {
                list: Catalog::Importance,
                name: "Срочная".into()
            })
        );
        assert_eq!(
            parse_set("OFF Петров П.П."),
            Ok(SetCmd::Off {
                person: "Петров П.П.".into()
            })
        );
    }

    #[test]
    fn bad_input_asks_for_the_usage() {
        for bad in [
            "",
            "role",
            "role Иванова",
            "role = curator",
            "role Иванова =",
            "unit Петров П.П. Отдел ЖКХ",
            "topic+",
            "topic",
            "dance x",
            "off",
            "+",
            "-",
            "deputy = =",
        ] {
            assert_eq!(parse_set(bad), Err(ParseError::Usage), "{bad}");
        }
        assert_eq!(
            parse_set("role Иванова = curator, boss"),
            Err(ParseError::UnknownRole("boss".into()))
        );
        assert_eq!(
            parse_set(&format!("topic+ {}", "я".repeat(201))),
            Err(ParseError::Usage)
        );
    }

    #[test]
    fn invites_name_a_role_or_a_person() {
        assert_eq!(
            parse_invite("executor Отдел ЖКХ"),
            Ok(InviteCmd::Role {
                role: Role::Executor,
                unit: Some("Отдел ЖКХ".into())
            })
        );
        assert_eq!(
            parse_invite("куратор"),
            Ok(InviteCmd::Role {
                role: Role::Curator,
                unit: None
            })
        );
        assert_eq!(
            parse_invite("Петров П.П."),
            Ok(InviteCmd::Person("Петров П.П.".into()))
        );
        assert_eq!(parse_invite("  "), Err(ParseError::Usage));
    }

    #[test]
    fn people_are_found_by_id_or_name() {
        assert_eq!(person_ref("#12"), PersonRef::Id(12));
        assert_eq!(person_ref("#x"), PersonRef::Name("#x".into()));
        assert!(same_name("Семёнов  С.С.", "семенов с.с."));
        assert!(!same_name("Семёнов", "Семенова"));
    }

    #[test]
    fn parsing_never_panics_on_junk() {
        for junk in [
            "=",
            "==",
            "role ==",
            "unit+ =",
            "\u{0}",
            "тема+\n\n",
            "роль\t#1=\tзам",
        ] {
            let _ = parse_set(junk);
            let _ = parse_invite(junk);
        }
    }
}
