//! Joining and the directory from the chat (SPEC §1, §6, §10): invites valid, used and
//! expired, strangers answered once, admin commands refused to others.

use std::time::Duration;

use otklik::domain::Role;

use crate::fake_telegram::User;
use crate::helpers::app::*;

/// The token of the invite link in an admin's chat.
fn token_in(text: &str) -> String {
    let start = text.find("?start=").expect("an invite link") + "?start=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

fn chat_scope(chat: u64) -> Option<serde_json::Value> {
    Some(serde_json::json!({"type": "chat", "chat_id": chat}))
}

#[tokio::test]
async fn an_invite_lets_a_new_executor_in_once() {
    let app = TestApp::start().await;
    let admin = app.user(CURATOR);
    app.tg.push_text(&admin, "/invite executor Отдел ЖКХ");
    let made = app
        .expect_message(CURATOR, "https://t.me/otklik_test_bot?start=")
        .await;
    assert!(made.text.contains("72"), "{}", made.text);
    let token = token_in(&made.text);

    let newcomer = User::ru(5001, "Ольга");
    app.tg.push_text(&newcomer, &format!("/start {token}"));
    app.expect_message(5001, "Добро пожаловать").await;
    let person = app
        .store
        .person_by_telegram(5001)
        .await
        .expect("read")
        .expect("joined");
    assert!(person.roles.contains(&Role::Executor), "{person:?}");
    let zhkh = app
        .store
        .unit_by_name("Отдел ЖКХ")
        .await
        .expect("read")
        .map(|u| u.id);
    assert_eq!(person.unit, zhkh);
    let menu = app.tg.commands(chat_scope(5001), "");
    assert!(
        menu.iter().any(|(c, _)| c == "my") && !menu.iter().any(|(c, _)| c == "new"),
        "{menu:?}"
    );

    let late = User::ru(5002, "Олег");
    app.tg.push_text(&late, &format!("/start {token}"));
    app.expect_message(5002, "уже использовано").await;
    assert!(app
        .store
        .person_by_telegram(5002)
        .await
        .expect("read")
        .is_none());
    app.stop().await;
}

#[tokio::test]
async fn a_known_person_takes_one_more_role_by_invite() {
    let app = TestApp::start().await;
    app.tg.push_text(&app.user(CURATOR), "/invite coordinator");
    let token = token_in(&app.expect_message(CURATOR, "?start=").await.text);
    app.tg
        .push_text(&app.user(EXECUTOR), &format!("/start {token}"));
    app.expect_message(EXECUTOR, "Приглашение принято").await;
    let petrov = app
        .store
        .person_by_telegram(EXECUTOR as i64)
        .await
        .expect("read")
        .expect("known");
    assert!(
        petrov.roles.contains(&Role::Executor) && petrov.roles.contains(&Role::Coordinator),
        "{petrov:?}"
    );
    let menu = app.tg.commands(chat_scope(EXECUTOR), "");
    assert!(
        menu.iter().any(|(c, _)| c == "report"),
        "the coordinator's menu: {menu:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn expired_and_unknown_invites_are_explained() {
    let app = TestApp::start().await;
    let admin = app.user(CURATOR);
    app.tg.push_text(&admin, "/invite curator");
    let token = token_in(&app.expect_message(CURATOR, "?start=").await.text);
    app.clock.advance(chrono::Duration::hours(73));
    let late = User::ru(5003, "Ирина");
    app.tg.push_text(&late, &format!("/start {token}"));
    app.expect_message(5003, "истёк").await;
    app.tg.push_text(&late, "/start NoSuchToken123");
    app.expect_message(5003, "не найдено").await;
    assert!(app
        .store
        .person_by_telegram(5003)
        .await
        .expect("read")
        .is_none());
    app.stop().await;
}

#[tokio::test]
async fn p7_a_stranger_hears_from_the_bot_exactly_once() {
    let app = TestApp::start().await;
    let stranger = app.user(STRANGER);
    app.tg.push_text(&stranger, "/start");
    let hello = app.expect_message(STRANGER, "приглашение").await;
    app.tg.push_text(&stranger, "Здравствуйте, у меня вопрос");
    app.tg.push_text(&stranger, "/my");
    app.tg.press_unchecked(&stranger, hello.message_id, "2|ok");
    app.expect_toast("Нет доступа").await;
    app.tg
        .wait_updates_consumed(WAIT)
        .await
        .expect("updates read");
    app.tg
        .settle(Duration::from_millis(500), WAIT)
        .await
        .expect("quiet");
    assert_eq!(
        app.tg.messages(STRANGER as i64).len(),
        1,
        "{}",
        app.tg.dump_chat(STRANGER as i64)
    );
    app.stop().await;
}

#[tokio::test]
async fn p7_admin_commands_are_refused_to_others() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    for cmd in [
        "/invite curator",
        "/people",
        "/units",
        "/lists",
        "/set topic+ Экология",
    ] {
        app.tg.push_text(&executor, cmd);
    }
    let refused = app
        .tg
        .wait_until("five refusals", WAIT, |tg| {
            tg.messages(EXECUTOR as i64)
                .iter()
                .filter(|m| m.text.contains("только администратору"))
                .count()
                == 5
        })
        .await;
    assert!(refused.is_ok(), "{}", app.tg.dump_chat(EXECUTOR as i64));
    assert!(!app
        .store
        .topics()
        .await
        .expect("read")
        .contains(&"Экология".to_owned()));
    app.stop().await;
}

#[tokio::test]
async fn an_admin_changes_the_directory_from_the_chat() {
    let app = TestApp::start().await;
    let admin = app.user(CURATOR);
    app.tg.push_text(&admin, "/set topic+ Экология");
    app.expect_message(CURATOR, "добавлено: Экология").await;
    assert!(app
        .store
        .topics()
        .await
        .expect("read")
        .contains(&"Экология".to_owned()));

    app.tg
        .push_text(&admin, "/set role Петров П.П. = executor, куратор");
    app.expect_message(CURATOR, "Петров П.П.: куратор, исполнитель")
        .await;
    let petrov = app
        .store
        .person_by_telegram(EXECUTOR as i64)
        .await
        .expect("read")
        .expect("known");
    assert!(petrov.roles.contains(&Role::Curator) && petrov.roles.contains(&Role::Executor));
    let menu = app.tg.commands(chat_scope(EXECUTOR), "");
    assert!(
        menu.iter().any(|(c, _)| c == "new"),
        "the new role's menu: {menu:?}"
    );

    app.tg
        .push_text(&admin, "/set deputy Отдел ЖКХ = Петров П.П.");
    app.expect_message(CURATOR, "нет роли заместителя").await;
    app.tg.push_text(&admin, "/set role Иванова А.С. = curator");
    app.expect_message(CURATOR, "последнего администратора")
        .await;
    app.tg.push_text(&admin, "/set dance");
    app.expect_message(CURATOR, "/set role").await;

    app.tg.push_text(&admin, "/set off Петров П.П.");
    app.expect_message(CURATOR, "отключён").await;
    let petrov = app
        .store
        .person_by_telegram(EXECUTOR as i64)
        .await
        .expect("read")
        .expect("kept");
    assert!(!petrov.active, "deactivated, history kept");

    app.tg.push_text(&admin, "/people");
    let people = app.expect_message(CURATOR, "Сотрудники").await;
    assert!(
        people.text.contains("Иванова А.С.") && people.text.contains("(отключён)"),
        "{}",
        people.text
    );
    app.tg.push_text(&admin, "/units");
    app.expect_message(CURATOR, "Сидоров В.В.").await;
    app.tg.push_text(&admin, "/lists");
    app.expect_message(CURATOR, "Экология").await;
    app.stop().await;
}
