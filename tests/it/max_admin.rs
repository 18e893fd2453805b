//! Admin commands, invites and the command menu from MAX (issue 12): the same language,
//! checks and texts as in Telegram; an invite made in either messenger links into both
//! and is redeemed in either.

use otklik::domain::Role;

use crate::fake_max::{FakeMax, MaxUser, BOT_USERNAME};
use crate::fake_telegram::{FakeTelegram, User};
use crate::helpers::app::*;
use crate::max_flow::{config_in_max, CURATOR_MAX, EXECUTOR_MAX};

/// The invite token in a message with its link(s).
fn token_in(text: &str) -> String {
    let start = text.find("?start=").expect("an invite link") + "?start=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// The admin (Иванова А.С.) in both messengers.
fn config_admin_in_both() -> String {
    CONFIG.replace("telegram_id = 1001", "telegram_id = 1001\nmax_id = 5001")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_changes_the_directory_from_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let admin = MaxUser::new(CURATOR_MAX, "Анна");
    let said = |needle: &'static str| max.wait_for(CURATOR_MAX, move |m| m.text.contains(needle));

    max.push_text(&admin, "/set unit+ Отдел культуры = Сидоров В.В.");
    said("«Отдел культуры» добавлен").await;
    let unit = app
        .store
        .unit_by_name("Отдел культуры")
        .await
        .expect("read");
    let deputy = app.store.person_by_max(5003).await.expect("read");
    assert_eq!(unit.expect("stored").deputy, deputy);

    max.push_text(&admin, "/set role Кузнецов Д.Д. = executor, куратор");
    said("Кузнецов Д.Д.: куратор, исполнитель").await;
    let kuznetsov = app.store.person_by_max(5004).await.expect("read");
    let kuznetsov = app.store.person(kuznetsov.expect("known")).await;
    let roles = kuznetsov.expect("read").expect("stored").roles;
    assert!(roles.contains(&Role::Curator) && roles.contains(&Role::Executor));

    max.push_text(&admin, "/set unit Кузнецов Д.Д. = Отдел культуры");
    said("Кузнецов Д.Д. — Отдел культуры").await;
    max.push_text(&admin, "/set topic+ Экология");
    said("добавлено: Экология").await;
    assert!(app
        .store
        .topics()
        .await
        .expect("read")
        .contains(&"Экология".to_owned()));
    max.push_text(&admin, "/set role Иванова А.С. = curator");
    said("последнего администратора").await;
    max.push_text(&admin, "/set dance");
    said("/set role").await;

    max.push_text(&admin, "/people");
    let people = said("Сотрудники").await;
    let petrov = people
        .text
        .lines()
        .find(|l| l.contains("Петров П.П."))
        .unwrap_or_default();
    assert!(
        petrov.contains("MAX подключён") && !petrov.contains("приглашение"),
        "{}",
        people.text
    );
    max.push_text(&admin, "/units");
    let units = said("Отделы").await;
    assert!(
        units.text.contains("Отдел культуры — зам. Сидоров В.В."),
        "{}",
        units.text
    );
    max.push_text(&admin, "/lists");
    said("Экология").await;
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p7_admin_commands_are_refused_to_others_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let commands = [
        "/invite curator",
        "/people",
        "/units",
        "/lists",
        "/set topic+ Экология",
        "/set off Иванова А.С.",
    ];
    for cmd in commands {
        max.push_text(&executor, cmd);
    }
    let refusals = || {
        max.sent_to(EXECUTOR_MAX)
            .iter()
            .filter(|m| m.text.contains("только администратору"))
            .count()
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while refusals() < commands.len() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{:#?}",
            max.sent_to(EXECUTOR_MAX)
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(!app
        .store
        .topics()
        .await
        .expect("read")
        .contains(&"Экология".to_owned()));
    let admin = app.store.person_by_telegram(CURATOR as i64).await;
    assert!(admin.expect("read").expect("kept").active);
    assert!(max
        .sent_to(EXECUTOR_MAX)
        .iter()
        .all(|m| !m.text.contains("?start=") && !m.text.contains("Сотрудники")));
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_made_in_max_links_into_both_messengers_and_works_in_telegram() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_admin_in_both(), &max).await;
    let admin = MaxUser::new(CURATOR_MAX, "Анна");
    max.push_text(&admin, "/invite executor Отдел ЖКХ");
    let made = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("?start="))
        .await;
    let token = token_in(&made.text);
    for link in [
        format!("MAX: https://max.ru/{BOT_USERNAME}?start={token}"),
        format!("Telegram: https://t.me/otklik_test_bot?start={token}"),
    ] {
        assert!(made.text.contains(&link), "{link}: {}", made.text);
    }

    let newcomer = User::ru(5101, "Ольга");
    app.tg.push_text(&newcomer, &format!("/start {token}"));
    app.expect_message(5101, "Добро пожаловать").await;
    let person = app.store.person_by_telegram(5101).await.expect("read");
    let person = person.expect("joined in Telegram");
    assert!(person.roles.contains(&Role::Executor), "{person:?}");
    let zhkh = app.store.unit_by_name("Отдел ЖКХ").await.expect("read");
    assert_eq!(person.unit, zhkh.map(|u| u.id));
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_made_in_telegram_links_into_max_and_works_there() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_admin_in_both(), &max).await;
    app.tg.push_text(&app.user(CURATOR), "/invite coordinator");
    let made = app.expect_message(CURATOR, "https://max.ru/").await;
    assert!(
        made.text.contains("https://t.me/otklik_test_bot?start="),
        "{}",
        made.text
    );
    let token = token_in(&made.text);
    assert!(
        made.text
            .contains(&format!("https://max.ru/{BOT_USERNAME}?start={token}")),
        "{}",
        made.text
    );

    let newcomer = MaxUser::new(6101, "Мария");
    max.push_started(&newcomer, Some(&token));
    let hello = max
        .wait_for(6101, |m| m.text.contains("Добро пожаловать"))
        .await;
    assert!(hello.text.contains("координатор"), "{}", hello.text);
    let id = app.store.person_by_max(6101).await.expect("read");
    let person = app.store.person(id.expect("joined in MAX")).await;
    let person = person.expect("read").expect("stored");
    assert!(person.roles.contains(&Role::Coordinator) && person.telegram_id.is_none());
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_person_invited_from_max_joins_in_max() {
    let max = FakeMax::start().await;
    let config = format!(
        "{}\n[[people]]\nname = \"Орлова О.О.\"\nroles = [\"executor\"]\nunit = \"Отдел ЖКХ\"\n",
        config_in_max(true)
    );
    let app = TestApp::start_with_max(&config, &max).await;
    let admin = MaxUser::new(CURATOR_MAX, "Анна");
    max.push_text(&admin, "/invite Орлова О.О.");
    let made = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("?start="))
        .await;
    assert!(made.text.contains("Орлова О.О."), "{}", made.text);
    let token = token_in(&made.text);

    let orlova = MaxUser::new(6201, "Ольга");
    max.push_started(&orlova, Some(&token));
    max.wait_for(6201, |m| m.text.contains("Добро пожаловать"))
        .await;
    let id = app.store.person_by_max(6201).await.expect("read");
    let person = app.store.person(id.expect("bound")).await;
    let person = person.expect("read").expect("stored");
    assert_eq!(
        person.name, "Орлова О.О.",
        "the directory's person, not a new one"
    );
    assert!(person.roles.contains(&Role::Executor));
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_max_menu_is_set_at_start_and_help_follows_roles() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let deadline = tokio::time::Instant::now() + WAIT;
    let menu = loop {
        if let Some(menu) = max.commands() {
            break menu;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no PATCH /me/commands"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let names: Vec<&str> = menu
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for name in [
        "my", "case", "overdue", "report", "notice", "settings", "help", "cancel",
    ] {
        assert!(names.contains(&name), "{name}: {menu}");
    }
    assert!(
        !names.contains(&"invite") && !names.contains(&"set"),
        "{menu}"
    );
    let my = menu
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["name"] == "my");
    assert_eq!(
        my.expect("my")["description"],
        "Мои задачи, самые срочные первыми"
    );

    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    max.push_text(&executor, "/help");
    let help = max
        .wait_for(EXECUTOR_MAX, |m| m.text.contains("Что вы можете сделать"))
        .await;
    assert!(
        help.text.contains("Исполнитель")
            && help.text.contains("/my — ")
            && help.text.contains("/settings — "),
        "{}",
        help.text
    );
    assert!(
        !help.text.contains("/invite") && !help.text.contains("/notice"),
        "{}",
        help.text
    );
    let admin = MaxUser::new(CURATOR_MAX, "Анна");
    max.push_text(&admin, "/help");
    let help = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("Что вы можете сделать"))
        .await;
    for command in ["/invite — ", "/set — ", "/notice — ", "/report — "] {
        assert!(help.text.contains(command), "{command}: {}", help.text);
    }
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_invite_command_prints_a_link_into_each_messenger_whose_token_is_set() {
    use crate::ops::cmd::{path_str, Dir};
    let (tg, max) = (FakeTelegram::start().await, FakeMax::start().await);
    let d = Dir::new();
    let config = d.test_config();
    let (tg_url, max_url) = (tg.url().to_string(), max.url());
    let env = [
        ("TELOXIDE_TOKEN", crate::fake_telegram::TOKEN),
        ("TELOXIDE_API_URL", tg_url.as_str()),
        ("OTKLIK_MAX_TOKEN", crate::fake_max::TOKEN),
        ("OTKLIK_MAX_API_URL", max_url.as_str()),
    ];
    let url = d.db_url();
    let args = ["--config", path_str(&config), "--database-url", &url];
    let ran = d
        .run(
            &[&args[..], &["invite", "--role", "curator"]].concat(),
            &env,
        )
        .await;
    assert!(ran.ok(), "{ran:?}");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    let token = token_in(lines[0]);
    assert_eq!(
        lines,
        [
            format!(
                "https://t.me/{}?start={token}",
                crate::fake_telegram::BOT_USERNAME
            ),
            format!("https://max.ru/{BOT_USERNAME}?start={token}"),
        ],
        "{ran:?}"
    );
    // MAX alone: its link only.
    let ran = d
        .run(
            &[&args[..], &["invite", "--role", "curator"]].concat(),
            &env[2..],
        )
        .await;
    assert!(ran.ok(), "{ran:?}");
    assert!(
        ran.stdout
            .trim()
            .starts_with(&format!("https://max.ru/{BOT_USERNAME}?start=")),
        "{ran:?}"
    );
    max.assert_spec_clean();
}
