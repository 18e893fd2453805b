//! The directory: applying the file idempotently, deactivation that keeps history, reads
//! and admin changes.

use std::collections::BTreeSet;

use otklik::domain::case::Command;
use otklik::domain::Role;
use otklik::storage::{Catalog, StoreError};

use super::fixture::{config, id_of, monday_9, Fx, CONFIG};
use crate::helpers::db::TestDb;

contract!(
    applying_the_file_twice_changes_nothing,
    removing_from_the_file_deactivates_and_keeps_history,
    file_changes_update_roles_units_deputies_and_lists,
    directory_reads,
    admin_changes,
    every_name_change_moves_the_directory_generation,
);

async fn applying_the_file_twice_changes_nothing(db: &TestDb) {
    let store = &db.store;
    let cfg = config(CONFIG);
    let first = otklik::service::directory::apply(store, &cfg)
        .await
        .unwrap();
    assert_eq!(first.added.len(), 7 + 2 + 3 + 2 + 2, "{first:?}");
    assert!(
        first.updated.is_empty() && first.deactivated.is_empty(),
        "{first:?}"
    );
    let second = otklik::service::directory::apply(store, &cfg)
        .await
        .unwrap();
    assert!(second.is_empty(), "{second:?}");
    assert_eq!(store.topics().await.unwrap(), ["ЖКХ", "Дороги", "Другое"]);
    assert_eq!(store.locations().await.unwrap(), ["г. Алатырь", "Другое"]);
    assert_eq!(
        store.importance_levels().await.unwrap(),
        ["Высокая", "Средняя"]
    );
}

async fn removing_from_the_file_deactivates_and_keeps_history(db: &TestDb) {
    let fx = Fx::new(db).await;
    let v = fx.register("https://vk.com/wall-2_1", monday_9()).await;
    fx.run(
        v.case.id,
        fx.exec1,
        Command::Accept { unit: fx.unit1 },
        monday_9(),
    )
    .await
    .unwrap();

    let without = CONFIG.replace(
        "[[people]]\nname = \"Исполнитель ЖКХ\"\ntelegram_id = 1002\nroles = [\"executor\"]\nunit = \"Отдел ЖКХ\"\n",
        "",
    );
    assert_ne!(without, CONFIG);
    let changes = otklik::service::directory::apply(&fx.store, &config(&without))
        .await
        .unwrap();
    assert_eq!(changes.deactivated, ["person Исполнитель ЖКХ"]);
    assert!(
        changes.added.is_empty() && changes.updated.is_empty(),
        "{changes:?}"
    );
    assert!(
        otklik::service::directory::apply(&fx.store, &config(&without))
            .await
            .unwrap()
            .is_empty()
    );

    let person = fx.store.person(fx.exec1).await.unwrap().expect("kept");
    assert!(!person.active);
    assert_eq!(person.roles, BTreeSet::from([Role::Executor]));
    assert!(
        fx.store.actor(fx.exec1).await.unwrap().is_none(),
        "no access when deactivated"
    );
    assert!(fx.store.executors_of(fx.unit1).await.unwrap().is_empty());
    let view = fx.view(v.case.id).await;
    assert_eq!(
        view.history[2].1.actor,
        Some(fx.exec1),
        "the history keeps the person"
    );

    // Back in the file: reactivated, same person.
    let changes = otklik::service::directory::apply(&fx.store, &config(CONFIG))
        .await
        .unwrap();
    assert_eq!(changes.updated, ["person Исполнитель ЖКХ"]);
    assert!(fx.store.person(fx.exec1).await.unwrap().unwrap().active);
}

async fn file_changes_update_roles_units_deputies_and_lists(db: &TestDb) {
    let fx = Fx::new(db).await;
    let changed = CONFIG
        .replace(
            "roles = [\"controller\"]",
            "roles = [\"controller\", \"coordinator\"]",
        )
        .replace(
            "deputy = \"Заместитель дорог\"",
            "deputy = \"Заместитель ЖКХ\"",
        )
        .replace(
            "topics = [\"ЖКХ\", \"Дороги\", \"Другое\"]",
            "topics = [\"Дороги\", \"ЖКХ\"]",
        );
    let changes = otklik::service::directory::apply(&fx.store, &config(&changed))
        .await
        .unwrap();
    assert_eq!(changes.deactivated, ["topic Другое"], "{changes:?}");
    assert!(
        changes.updated.contains(&"person Контролёр".to_owned()),
        "{changes:?}"
    );
    assert!(
        changes
            .updated
            .iter()
            .any(|u| u.starts_with("unit Отдел дорог")),
        "{changes:?}"
    );
    assert!(
        otklik::service::directory::apply(&fx.store, &config(&changed))
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(fx.store.topics().await.unwrap(), ["Дороги", "ЖКХ"]);
    let coordinators = fx.store.people_with_role(Role::Coordinator).await.unwrap();
    assert_eq!(
        coordinators.iter().map(|p| p.id).collect::<Vec<_>>(),
        [fx.controller]
    );
    let actor = fx.store.actor(fx.deputy1).await.unwrap().expect("active");
    assert_eq!(actor.supervises, BTreeSet::from([fx.unit1, fx.unit2]));
    assert_eq!(
        fx.store.deputy_of(fx.unit2).await.unwrap().map(|p| p.id),
        Some(fx.deputy1)
    );
}

async fn directory_reads(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let curator = s.person_by_telegram(1001).await.unwrap().expect("known");
    assert_eq!(curator.id, fx.curator);
    assert_eq!(curator.roles, BTreeSet::from([Role::Admin, Role::Curator]));
    assert!(s.person_by_telegram(999).await.unwrap().is_none());
    let newbie = s.person(fx.newbie).await.unwrap().expect("known");
    assert_eq!((newbie.telegram_id, newbie.unit), (None, Some(fx.unit2)));

    let exec = s.actor(fx.exec1).await.unwrap().expect("active");
    assert_eq!((exec.unit, exec.supervises.len()), (Some(fx.unit1), 0));
    let deputy = s.actor(fx.deputy2).await.unwrap().expect("active");
    assert_eq!(deputy.supervises, BTreeSet::from([fx.unit2]));

    let names: Vec<String> = s
        .executors_of(fx.unit2)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Исполнитель дорог", "Новичок"]);
    assert_eq!(
        s.deputy_of(fx.unit1).await.unwrap().map(|p| p.id),
        Some(fx.deputy1)
    );
    let curators = s.people_with_role(Role::Curator).await.unwrap();
    assert_eq!(curators.len(), 1);
    assert_eq!(s.people().await.unwrap().len(), 7);
    let units: Vec<String> = s
        .units()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(units, ["Отдел дорог", "Отдел ЖКХ"]);
    let unit = s.unit(fx.unit1).await.unwrap().expect("known");
    assert_eq!((unit.deputy, unit.active), (Some(fx.deputy1), true));
    assert!(s.unit_by_name("Нет такого").await.unwrap().is_none());
}

async fn admin_changes(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let unit = s
        .add_unit("Отдел образования", Some(fx.deputy2))
        .await
        .unwrap();
    assert_eq!(
        s.add_unit("Отдел образования", None).await.unwrap(),
        unit,
        "same name, same unit"
    );
    assert_eq!(s.active_units().await.unwrap().len(), 3);
    s.set_unit(fx.newbie, Some(unit)).await.unwrap();
    s.set_roles(fx.newbie, &BTreeSet::from([Role::Executor, Role::Deputy]))
        .await
        .unwrap();
    s.set_deputy(unit, Some(fx.newbie)).await.unwrap();
    s.set_telegram_id(fx.newbie, Some(2001)).await.unwrap();
    let actor = s.actor(fx.newbie).await.unwrap().expect("active");
    assert_eq!(actor.unit, Some(unit));
    assert_eq!(actor.supervises, BTreeSet::from([unit]));
    assert!(actor.has(Role::Deputy));
    let taken = s.set_telegram_id(fx.exec2, Some(2001)).await;
    assert!(matches!(taken, Err(StoreError::Invalid(_))), "{taken:?}");

    assert!(s.add_topic("Образование").await.unwrap());
    assert!(!s.add_topic("Образование").await.unwrap());
    assert!(s.add_location("с. Кувакино").await.unwrap());
    assert_eq!(
        s.topics().await.unwrap().last().map(String::as_str),
        Some("Образование")
    );
    assert!(s
        .remove_from_catalog(Catalog::Topics, "Образование")
        .await
        .unwrap());
    assert!(!s
        .topics()
        .await
        .unwrap()
        .contains(&"Образование".to_owned()));
    // Entries added from the chat survive a re-application of the file.
    assert!(s.add_topic("Образование").await.unwrap());
    otklik::service::directory::apply(s, &config(CONFIG))
        .await
        .unwrap();
    assert!(s
        .topics()
        .await
        .unwrap()
        .contains(&"Образование".to_owned()));

    s.set_unreachable(fx.exec2, true).await.unwrap();
    s.set_language(fx.exec2, Some("en")).await.unwrap();
    let settings = s.person_settings(fx.exec2).await.unwrap().expect("known");
    assert_eq!(
        (settings.language.as_deref(), settings.unreachable),
        (Some("en"), true)
    );
    s.deactivate_person(fx.exec2).await.unwrap();
    assert!(s.actor(fx.exec2).await.unwrap().is_none());
    let missing = s.deactivate_person(otklik::domain::PersonId(9999)).await;
    assert!(matches!(missing, Err(StoreError::UnknownPerson(_))));
    assert_eq!(id_of(s, "Новичок").await, fx.newbie);
}

/// The front ends' cache of names is as fresh as this counter: every writer of a name moves
/// it (the file, an admin's new unit, a redeemed invite, a raw rename), other writes do not.
async fn every_name_change_moves_the_directory_generation(db: &TestDb) {
    let store = &db.store;
    let generation = || async { store.directory_generation().await.unwrap() };
    let start = generation().await;
    otklik::service::directory::apply(store, &config(CONFIG))
        .await
        .unwrap();
    let applied = generation().await;
    assert!(applied > start, "the file added people and units");
    let names = store.names().await.unwrap();
    assert_eq!(names.generation, applied);
    assert_eq!(names.units.len(), store.units().await.unwrap().len());
    assert_eq!(names.people.len(), store.people().await.unwrap().len());

    let curator = id_of(store, "Куратор").await;
    store
        .note_messenger(curator, otklik::domain::messenger::Messenger::Max)
        .await
        .unwrap();
    assert_eq!(generation().await, applied, "not a name");
    store.add_unit("Отдел культуры", None).await.unwrap();
    assert!(generation().await > applied, "a new unit");
}
