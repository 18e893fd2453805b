//! Joining by invite from MAX: the link's start payload registers the person with the
//! invite's role and unit and their MAX account, once; then their work comes to MAX.

use std::time::Duration;

use otklik::clock::Clock;
use otklik::domain::Role;

use crate::fake_max::{FakeMax, MaxUser};
use crate::helpers::app::*;

const NEWCOMER_MAX: i64 = 6001;
const OTHER_MAX: i64 = 6002;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_opened_in_max_registers_the_person_with_its_role_and_max_id() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(CONFIG, &max).await;
    let unit = app
        .store
        .unit_by_name("Отдел ЖКХ")
        .await
        .expect("reads")
        .expect("unit")
        .id;
    let curator = app.store.person_by_telegram(CURATOR as i64).await;
    let curator = curator.expect("reads").expect("known");
    let day = Duration::from_secs(24 * 3600);
    let token = app
        .store
        .create_invite(Role::Executor, Some(unit), curator.id, app.clock.now(), day)
        .await
        .expect("invite");
    let newcomer = MaxUser::new(NEWCOMER_MAX, "Мария");

    max.push_started(&newcomer, Some(&token));
    let hello = max
        .wait_for(NEWCOMER_MAX, |m| m.text.contains("Добро пожаловать"))
        .await;
    assert!(hello.text.contains("исполнитель"), "{}", hello.text);
    let id = app.store.person_by_max(NEWCOMER_MAX).await.expect("reads");
    let person = app.store.person(id.expect("registered")).await;
    let person = person.expect("reads").expect("stored");
    assert_eq!(
        (person.unit, person.active, person.telegram_id),
        (Some(unit), true, None)
    );
    assert!(person.roles.contains(&Role::Executor), "{:?}", person.roles);

    // The unit's new case reaches the newcomer in MAX, with the executor's buttons.
    app.register("https://vk.com/wall-1_300", &["Отдел ЖКХ"])
        .await;
    max.wait_for(NEWCOMER_MAX, |m| {
        m.text.contains("Дело №1") && m.payload_of("Принять").is_some()
    })
    .await;

    // The same link again, from someone else: used up, nobody registered.
    let other = MaxUser::new(OTHER_MAX, "Иван");
    max.push_started(&other, Some(&token));
    max.wait_for(OTHER_MAX, |m| m.text.contains("уже использовано"))
        .await;
    max.push_text(&other, "/start nosuchtoken");
    max.wait_for(OTHER_MAX, |m| m.text.contains("не найдено"))
        .await;
    assert!(app
        .store
        .person_by_max(OTHER_MAX)
        .await
        .expect("reads")
        .is_none());
    max.assert_spec_clean();
    app.stop().await;
}
