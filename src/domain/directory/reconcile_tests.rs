use super::*;

fn entry(id: i64, name: &str, position: Option<i64>, active: bool, managed: bool) -> StoredEntry {
    StoredEntry {
        id,
        name: name.into(),
        position,
        active,
        managed,
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn stored(id: i64, name: &str, telegram: Option<i64>, max: Option<i64>) -> StoredPerson {
    StoredPerson {
        id: PersonId(id),
        name: name.into(),
        telegram_id: telegram,
        max_id: max,
        unit: None,
        roles: [Role::Executor].into(),
        active: true,
        managed: true,
    }
}

fn wanted(name: &str, telegram: Option<i64>, max: Option<i64>) -> WantedPerson {
    WantedPerson {
        name: name.into(),
        telegram_id: telegram,
        max_id: max,
        unit: None,
        roles: [Role::Executor].into(),
    }
}

#[test]
fn p10_entries_are_added_reordered_and_deactivated_not_deleted() {
    let stored = [
        entry(1, "ЖКХ", Some(0), true, true),
        entry(2, "Дороги", Some(1), true, true),
        entry(3, "Старое", Some(2), true, true),
        entry(4, "Своё", Some(3), true, false),
    ];
    let ops = plan_entries(
        &stored,
        &names(&["Дороги", "ЖКХ", " ", "Новое", "ЖКХ"]),
        true,
    );
    assert_eq!(
        ops,
        vec![
            EntryOp::Refresh {
                id: 2,
                name: "Дороги".into(),
                position: Some(0)
            },
            EntryOp::Refresh {
                id: 1,
                name: "ЖКХ".into(),
                position: Some(1)
            },
            EntryOp::Insert {
                name: "Новое".into(),
                position: Some(2)
            },
            EntryOp::Deactivate {
                id: 3,
                name: "Старое".into()
            },
        ],
        "an entry not from the file (managed = false) is never deactivated"
    );
}

#[test]
fn p10_a_second_run_plans_nothing() {
    let stored = [
        entry(1, "А", None, true, true),
        entry(2, "Б", None, true, true),
    ];
    assert!(plan_entries(&stored, &names(&["А", "Б"]), false).is_empty());
    let people = [stored_person_with_unit()];
    let again = WantedPerson {
        name: "Пётр".into(),
        telegram_id: Some(7),
        max_id: Some(70),
        unit: Some(UnitId(1)),
        roles: [Role::Executor].into(),
    };
    assert!(plan_people(&people, &[again]).is_empty());
}

fn stored_person_with_unit() -> StoredPerson {
    StoredPerson {
        unit: Some(UnitId(1)),
        ..stored(1, "Пётр", Some(7), Some(70))
    }
}

#[test]
fn p10_an_inactive_entry_listed_again_is_reactivated() {
    let stored = [entry(5, "ЖКХ", None, false, true)];
    assert_eq!(
        plan_entries(&stored, &names(&["ЖКХ"]), false),
        vec![EntryOp::Refresh {
            id: 5,
            name: "ЖКХ".into(),
            position: None
        }]
    );
}

#[test]
fn p10_the_file_moves_a_telegram_id_from_its_holder_first() {
    let people = [
        stored(1, "Анна", Some(42), None),
        stored(2, "Борис", None, None),
    ];
    let ops = plan_people(
        &people,
        &[wanted("Анна", None, None), wanted("Борис", Some(42), None)],
    );
    assert_eq!(
        ops,
        vec![
            PersonOp::ClearTelegram {
                id: PersonId(1),
                name: "Анна".into(),
                to: "Борис".into()
            },
            PersonOp::Update {
                id: PersonId(2),
                telegram_id: Some(42),
                unit: None
            },
            PersonOp::Changed {
                name: "Борис".into()
            },
        ]
    );
}

#[test]
fn p10_an_id_learned_from_an_invite_is_kept_while_the_file_gives_none() {
    let people = [stored(1, "Анна", Some(42), None)];
    assert!(plan_people(&people, &[wanted("Анна", None, None)]).is_empty());
}

#[test]
fn p10_a_new_person_gets_a_max_id_taken_from_its_holder() {
    let people = [stored(1, "Анна", None, Some(9))];
    let ops = plan_people(
        &people,
        &[wanted("Анна", None, None), wanted("Вера", None, Some(9))],
    );
    assert_eq!(
        ops,
        vec![
            PersonOp::Insert(wanted("Вера", None, Some(9))),
            PersonOp::ClearMax {
                id: PersonId(1),
                name: "Анна".into(),
                to: "Вера".into()
            },
            PersonOp::SetMax {
                id: None,
                name: "Вера".into(),
                max_id: 9
            },
        ]
    );
}

#[test]
fn p10_roles_and_deactivation_of_people_dropped_from_the_file() {
    let invited = StoredPerson {
        managed: false,
        ..stored(3, "Гость", Some(5), None)
    };
    let people = [
        stored(1, "Анна", None, None),
        stored(2, "Ушёл", None, None),
        invited,
    ];
    let mut anna = wanted("Анна", None, None);
    anna.roles = [Role::Curator].into();
    let ops = plan_people(&people, &[anna]);
    assert_eq!(
        ops,
        vec![
            PersonOp::SetRoles {
                id: PersonId(1),
                roles: [Role::Curator].into()
            },
            PersonOp::Changed {
                name: "Анна".into()
            },
            PersonOp::Deactivate {
                id: PersonId(2),
                name: "Ушёл".into()
            },
        ],
        "a person who joined by invite stays"
    );
}

#[test]
fn p10_deputies_are_set_where_they_differ_and_unknown_ones_named() {
    let units = vec![
        (UnitId(1), "ЖКХ".to_string(), Some(PersonId(7))),
        (UnitId(2), "Дороги".to_string(), None),
    ];
    let people: HashMap<String, PersonId> = [("Зам".to_string(), PersonId(7))].into();
    let wanted = vec![
        ("ЖКХ".to_string(), "Зам".to_string()),
        ("Дороги".to_string(), "Зам".to_string()),
    ];
    let ops = plan_deputies(&units, &people, &wanted).expect("all known");
    assert_eq!(ops.len(), 1);
    assert_eq!((ops[0].unit, ops[0].deputy), (UnitId(2), PersonId(7)));
    let missing = vec![("ЖКХ".to_string(), "Никто".to_string())];
    let err = plan_deputies(&units, &people, &missing).unwrap_err();
    assert!(err.contains("Никто"), "{err}");
}
