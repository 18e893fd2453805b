//! Candidate posts from Telegram chats and channels (issue 13, SPEC §11): a message of a
//! read chat reaches the curators as a card with suggestions, becomes a case in two taps,
//! and nothing is ever written into the chat.

use chrono::Duration;
use serde_json::{json, Value};

use otklik::clock::Clock;
use otklik::domain::intake::PostLink;
use otklik::storage::candidates::CandidateStatus;

use crate::helpers::app::*;

const CHAT: i64 = -1_001_500_000_001;
const CHANNEL: i64 = -1_002_000_000_001;

pub(crate) fn config() -> String {
    format!(
        "{CONFIG}\n{}",
        r#"
[candidates]
interval = "10m"
signals = ["яма", "не работает", "отключили", "администрац"]
mentions = ["@alatyr_adm"]

[[candidates.chats]]
chat = "@alatyr_chat"

[[candidates.chats]]
chat = -1002000000001
mode = "watched"

[[candidates.suggest]]
words = ["авария", "пожар", "без воды"]
importance = "Высокая"

[[candidates.suggest]]
words = ["вод", "труб", "отоплен"]
topic = "ЖКХ"
unit = "Отдел ЖКХ"

[[candidates.suggest]]
words = ["яма", "дорог"]
topic = "Дороги"
unit = "Отдел дорожного хозяйства"

[[candidates.suggest]]
words = ["кувакин"]
location = "с. Кувакино"

[[candidates.suggest]]
words = ["ленина", "алатыр"]
location = "г. Алатырь"

[[candidates.suggest]]
words = ["яма", "не работает", "отключили", "вод"]
importance = "Средняя"
"#
    )
}

async fn app() -> TestApp {
    TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await
}

/// A citizen's message in the district's open supergroup (public, `@alatyr_chat`).
pub(crate) fn group_message(app: &TestApp, id: i64, text: &str) -> i64 {
    let date = app.clock.now().timestamp();
    app.tg.push_raw(json!({"message": {
        "message_id": id, "date": date,
        "chat": {"id": CHAT, "type": "supergroup", "title": "Алатырь — наш город", "username": "alatyr_chat"},
        "from": {"id": 777, "is_bot": false, "first_name": "Иван", "last_name": "Доносов", "username": "ivan_d"},
        "text": text,
    }}))
}

/// A post of a private channel the bot administers.
fn channel_post(app: &TestApp, id: i64, text: &str) -> i64 {
    let date = app.clock.now().timestamp();
    let chat = json!({"id": CHANNEL, "type": "channel", "title": "Жалобы Алатыря"});
    app.tg.push_raw(json!({"channel_post": {
        "message_id": id, "date": date, "chat": chat, "sender_chat": chat, "text": text,
    }}))
}

fn candidate_cards(app: &TestApp) -> Vec<String> {
    app.tg
        .messages(CURATOR as i64)
        .into_iter()
        .map(|m| m.text)
        .filter(|t| t.contains("Возможн"))
        .collect()
}

fn nothing_in_the_chats(app: &TestApp) {
    assert!(
        app.tg.messages(CHAT).is_empty(),
        "{}",
        app.tg.dump_chat(CHAT)
    );
    assert!(
        app.tg.messages(CHANNEL).is_empty(),
        "{}",
        app.tg.dump_chat(CHANNEL)
    );
}

#[tokio::test]
async fn p8_a_filtered_group_message_becomes_a_case_in_two_taps() {
    let app = app().await;
    group_message(
        &app,
        501,
        "На улице Ленина яма на дороге, машины бьют колёса. Куда смотрит администрация?",
    );
    let card = app.expect_message(CURATOR, "Возможное обращение").await;
    for part in [
        "Алатырь — наш город",
        "На улице Ленина яма на дороге",
        "Сигнал: «яма»",
        "тема «Дороги»",
        "локация «г. Алатырь»",
        "важность «Средняя»",
        "отдел «Отдел дорожного хозяйства»",
        "https://t.me/alatyr_chat/501",
    ] {
        assert!(card.text.contains(part), "{part:?} in {}", card.text);
    }
    for personal in ["Иван", "Доносов", "ivan_d", "777"] {
        assert!(
            !card.text.contains(personal),
            "{personal:?} in {}",
            card.text
        );
    }
    assert!(card.has_button("Зарегистрировать") && card.has_button("Пропустить"));

    let curator = app.user(CURATOR);
    // Tap 1: the wizard opens at its summary, everything filled in.
    app.tg
        .press_button(&curator, card.message_id, "Зарегистрировать");
    let wizard = app.expect_message(CURATOR, "Проверьте").await;
    for part in [
        "Тема: Дороги",
        "г. Алатырь",
        "Средняя",
        "Отдел дорожного хозяйства",
    ] {
        assert!(wizard.text.contains(part), "{part:?} in {}", wizard.text);
    }
    // Tap 2: the case.
    app.tg
        .press_button(&curator, wizard.message_id, "Направить");
    app.expect_edit(CURATOR, wizard.message_id, "Дело №1 зарегистрировано")
        .await;

    let link = PostLink::parse("https://t.me/alatyr_chat/501").unwrap();
    let view = app
        .store
        .find_by_link(link.as_str(), &app.store_ctx())
        .await
        .unwrap()
        .expect("a case");
    assert_eq!(view.case.topic, "Дороги");
    assert_eq!(view.case.location, "г. Алатырь");
    assert_eq!(view.case.importance, "Средняя");
    assert_eq!(view.case.network, "telegram");
    let candidate = app
        .store
        .candidate_by_link(link.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(candidate.status, CandidateStatus::Registered);
    assert_eq!(candidate.case_id, Some(view.case.id));
    // The executors of the unit got the case; the group got nothing.
    app.expect_message(ROADS_EXECUTOR, "№1").await;
    // A second press on the old card changes nothing.
    app.tg
        .press_button(&curator, card.message_id, "Зарегистрировать");
    app.expect_toast("уже разобрано").await;
    nothing_in_the_chats(&app);
    app.stop().await;
}

#[tokio::test]
async fn p8_a_watched_channel_takes_every_post_a_filtered_chat_only_signals() {
    let app = app().await;
    group_message(&app, 10, "Доброе утро, соседи! Отличная погода.");
    channel_post(&app, 88, "Во дворе дома 5 по Гагарина третий день лужа");
    let card = app.expect_message(CURATOR, "Жалобы Алатыря").await;
    assert!(card.text.contains("Отслеживаемый чат"), "{}", card.text);
    assert!(
        card.text.contains("https://t.me/c/2000000001/88"),
        "{}",
        card.text
    );
    // The chatter of the filtered chat was read first and offered nothing.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        candidate_cards(&app).len(),
        1,
        "{}",
        app.tg.dump_chat(CURATOR as i64)
    );
    nothing_in_the_chats(&app);
    app.stop().await;
}

#[tokio::test]
async fn p15_a_registered_post_and_a_repeat_are_flagged_and_a_redelivery_is_ignored() {
    let app = app().await;
    app.register("https://t.me/alatyr_chat/600", &["Отдел ЖКХ"])
        .await;
    let update = group_message(&app, 600, "Опять отключили воду на Ленина");
    let card = app.expect_message(CURATOR, "Возможное обращение").await;
    assert!(
        card.text.contains("уже зарегистрирован: дело №1"),
        "{}",
        card.text
    );
    assert!(card.has_button("Открыть дело №1"), "{:?}", card.keyboard);
    app.tg.push_duplicate(update);

    // Case №1 is about ЖКХ in г. Алатырь, as this post's suggestions.
    app.delivered().await;
    app.clock.advance(Duration::minutes(11));
    group_message(
        &app,
        601,
        "Трубу прорвало, воды нет, Ленина 3. Отключили без предупреждения",
    );
    let repeat = app.expect_message(CURATOR, "повтор дела №1").await;
    assert!(
        repeat.text.contains("t.me/alatyr_chat/601"),
        "{}",
        repeat.text
    );
    assert_eq!(
        candidate_cards(&app).len(),
        2,
        "{}",
        app.tg.dump_chat(CURATOR as i64)
    );
    nothing_in_the_chats(&app);
    app.stop().await;
}

#[tokio::test]
async fn p8_cards_are_paced_and_the_rest_come_in_a_digest() {
    let app = app().await;
    group_message(&app, 1, "Яма у школы");
    app.expect_message(CURATOR, "Яма у школы").await;
    group_message(&app, 2, "Во дворе яма с водой");
    group_message(&app, 3, "Фонарь не работает на Ленина");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(candidate_cards(&app).len(), 1, "one card per 10 minutes");

    app.clock.advance(Duration::minutes(10));
    let digest = app
        .expect_message(CURATOR, "собранные за время паузы: 2")
        .await;
    assert!(
        digest.text.contains("t.me/alatyr_chat/2") && digest.text.contains("t.me/alatyr_chat/3")
    );
    let curator = app.user(CURATOR);
    app.tg
        .press_button(&curator, digest.message_id, "2. Открыть");
    // The card itself (the digest names the post too, but has no signal line).
    let card = app.expect_message(CURATOR, "Сигнал: «не работает»").await;
    app.tg.press_button(&curator, card.message_id, "Пропустить");
    app.expect_edit(CURATOR, card.message_id, "Пропущено").await;
    let c = app
        .store
        .candidate_by_link("https://t.me/alatyr_chat/3")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, CandidateStatus::Skipped);
    nothing_in_the_chats(&app);
    app.stop().await;
}

#[tokio::test]
async fn p8_at_night_candidates_wait_for_the_morning_but_an_urgent_one_goes_at_once() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 22, 0)).await;
    group_message(&app, 1, "На Ленина яма, объехать нельзя");
    group_message(
        &app,
        2,
        "Авария! Трубу прорвало, отключили воду, весь квартал без воды",
    );
    let urgent = app.expect_message(CURATOR, "весь квартал без воды").await;
    assert!(
        urgent.text.contains("важность «Высокая»"),
        "{}",
        urgent.text
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        candidate_cards(&app).len(),
        1,
        "the other waits for the morning"
    );

    app.clock.set(msk(2026, 11, 24, 8, 0));
    app.expect_message(CURATOR, "объехать нельзя").await;
    nothing_in_the_chats(&app);
    app.stop().await;
}

#[tokio::test]
async fn strangers_and_unread_chats_get_no_answer_from_the_bot() {
    let app = app().await;
    let other: Value = json!({"message": {
        "message_id": 5, "date": app.clock.now().timestamp(),
        "chat": {"id": -1009, "type": "supergroup", "title": "Другой чат"},
        "from": {"id": 778, "is_bot": false, "first_name": "Пётр"},
        "text": "яма яма яма",
    }});
    app.tg.push_raw(other);
    group_message(&app, 7, "/start");
    channel_post(&app, 9, "");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        candidate_cards(&app).is_empty(),
        "{}",
        app.tg.dump_chat(CURATOR as i64)
    );
    assert!(app.tg.messages(-1009).is_empty());
    nothing_in_the_chats(&app);
    app.stop().await;
}
