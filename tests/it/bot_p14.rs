//! Issue 9, п.14: several units on one case. The curator sets the co-executors' order; each
//! part reaches the curator and the responsible executor, whenever it comes; `/case` shows
//! the parts in full; a co-executor's card shows its own term; a deputy of two units of one
//! case gets one card.

use otklik::domain::case::EventKind;
use otklik::domain::CaseId;

use crate::bot_intake::classify;
use crate::helpers::app::*;
use crate::helpers::look::{last_id, message_after};

const PARKS_EXECUTOR: u64 = 1008;

/// The test organization plus a parks unit, supervised by the housing deputy (Сидоров).
fn config() -> String {
    format!(
        "{CONFIG}
[[people]]
name = \"Орлова О.О.\"
telegram_id = {PARKS_EXECUTOR}
roles = [\"executor\"]
unit = \"Отдел благоустройства\"

[[units]]
name = \"Отдел благоустройства\"
deputy = \"Сидоров В.В.\"
"
    )
}

async fn start() -> TestApp {
    TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await
}

/// The co-executor accepts its card and sends `text` (with a photo, if given) as its part.
async fn contribute(app: &TestApp, chat: u64, text: &str, photo: Option<&str>) {
    let who = app.user(chat);
    let card = app
        .expect_message(chat, "Нужна информация вашего отдела")
        .await;
    app.tg.press_button(&who, card.message_id, "Принять");
    let card = app.expect_edit(chat, card.message_id, "Дело №1").await;
    let mut card = card;
    while !card.has_button("Отправить информацию") {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        card = app.tg.message(chat as i64, card.message_id).expect("card");
    }
    app.tg
        .press_button(&who, card.message_id, "Отправить информацию");
    app.expect_message(chat, "пришлите информацию по вашей части")
        .await;
    match photo {
        Some(file) => drop(app.tg.push_photo(&who, file, Some(text))),
        None => drop(app.tg.push_text(&who, text)),
    }
}

#[tokio::test]
async fn p14_sequential_order_asks_the_next_unit_when_one_answers() {
    let app = start().await;
    let curator = app.user(CURATOR);
    app.tg.push_text(&curator, "https://vk.com/wall-1_1401");
    let wizard = app.expect_message(CURATOR, "Выберите тему").await;
    let units = ["Отдел ЖКХ", "Отдел дорожного", "Отдел благоустройства"];
    classify(
        &app,
        wizard.message_id,
        "ЖКХ",
        "г. Алатырь",
        "Средняя",
        &units,
    )
    .await;
    let id = wizard.message_id;
    app.expect_edit(CURATOR, id, "информацию одновременно")
        .await;
    app.tg.press_button(&curator, id, "по очереди");
    let summary = app
        .expect_edit(
            CURATOR,
            id,
            "по очереди (п.14): Отдел дорожного хозяйства → Отдел благоустройства",
        )
        .await;
    assert!(summary.has_button("одновременно"), "{:?}", summary.keyboard);
    app.tg.press_button(&curator, id, "Направить");
    app.expect_edit(CURATOR, id, "зарегистрировано и направлено")
        .await;

    // Only the first co-executor is asked; the second waits for its turn.
    let parks = app.person(PARKS_EXECUTOR).await;
    let queued_for_parks =
        |rows: Vec<otklik::storage::OutboxItem>| rows.iter().filter(|r| r.person == parks).count();
    let rows = app.store.outbox_for_case(CaseId(1)).await.expect("outbox");
    assert_eq!(queued_for_parks(rows), 0);
    contribute(&app, ROADS_EXECUTOR, "Ямочный ремонт до 1 декабря.", None).await;
    let asked = app
        .expect_message(PARKS_EXECUTOR, "Нужна информация вашего отдела")
        .await;
    assert!(
        asked
            .text
            .contains("Срок информации вашего отдела (п.14): 23.11.2026"),
        "{}",
        asked.text
    );
    let view = app
        .store
        .find_by_link("https://vk.com/wall-1_1401", &app.store_ctx())
        .await
        .expect("read")
        .expect("case");
    let kinds: Vec<&str> = view.events().map(|e| e.kind.tag()).collect();
    let given = kinds
        .iter()
        .position(|k| *k == "contribution_given")
        .expect("given");
    assert_eq!(
        kinds.get(given + 1),
        Some(&"contribution_requested"),
        "{kinds:?}"
    );
    app.stop().await;
}

/// The curator's and the housing executor's chats got the roads part: text, then photo.
async fn part_arrived(app: &TestApp, chat: u64, text: &str, photo: &str) {
    let head = "Информация по делу №1 от отдела «Отдел дорожного хозяйства»";
    let notice = app.expect_message(chat, head).await;
    assert!(notice.text.contains(text), "{}", notice.text);
    let file = app
        .tg
        .wait_for_message(
            chat as i64,
            |m| m.media.as_ref().is_some_and(|f| f.file_id == photo),
            WAIT,
        )
        .await;
    assert!(file.is_ok(), "{}", app.tg.dump_chat(chat as i64));
}

#[tokio::test]
async fn p14_contribution_before_accept_is_kept_and_reaches_curator_and_executor() {
    let app = start().await;
    let link = "https://vk.com/wall-1_1402";
    let view = app
        .register(link, &["Отдел ЖКХ", "Отдел дорожного хозяйства"])
        .await;
    let text = "Ямочный ремонт на ул. Ленина — до 1 декабря, подрядчик «Дорстрой».";
    // The roads unit answers before anyone in housing has accepted the case.
    contribute(&app, ROADS_EXECUTOR, text, Some("photo-roads-1")).await;
    part_arrived(&app, CURATOR, text, "photo-roads-1").await;
    part_arrived(&app, EXECUTOR, text, "photo-roads-1").await;

    let stored = app.case(view.case.id).await;
    let given = stored.events().find_map(|e| match &e.kind {
        EventKind::ContributionGiven {
            text, attachments, ..
        } => Some((text.clone(), attachments.len())),
        _ => None,
    });
    assert_eq!(given, Some((text.to_owned(), 1)));
    app.stop().await;
}

#[tokio::test]
async fn p14_case_command_shows_contributions_in_full() {
    let app = start().await;
    app.register(
        "https://vk.com/wall-1_1403",
        &["Отдел ЖКХ", "Отдел дорожного хозяйства"],
    )
    .await;
    let text = "Ямочный ремонт на ул. Ленина — до 1 декабря, подрядчик «Дорстрой».";
    contribute(&app, ROADS_EXECUTOR, text, Some("photo-roads-2")).await;
    part_arrived(&app, CURATOR, text, "photo-roads-2").await;

    let after = last_id(&app, CURATOR);
    app.tg.push_text(&app.user(CURATOR), "/case 1");
    let card = message_after(&app, CURATOR, "История", after).await;
    for part in [
        "Информация соисполнителей (п.14)",
        "• Отдел дорожного хозяйства, 23.11.2026",
        "вложений: 1",
        text,
    ] {
        assert!(card.text.contains(part), "{part:?} in {}", card.text);
    }
    let file = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.message_id > card.message_id && m.media.is_some(),
            WAIT,
        )
        .await;
    assert!(file.is_ok(), "{}", app.tg.dump_chat(CURATOR as i64));
    app.stop().await;
}

#[tokio::test]
async fn p14_coexecutor_card_shows_its_own_term() {
    let app = start().await;
    app.register(
        "https://vk.com/wall-1_1404",
        &["Отдел ЖКХ", "Отдел дорожного хозяйства"],
    )
    .await;
    // Registered at 09:00: the part is due two working hours later, the answer next day.
    let roads = app
        .expect_message(ROADS_EXECUTOR, "Нужна информация вашего отдела")
        .await;
    assert!(
        roads
            .text
            .contains("Срок информации вашего отдела (п.14): 23.11.2026 11:00"),
        "{}",
        roads.text
    );
    assert!(!roads.text.contains("Срок ответа"), "{}", roads.text);
    let housing = app.expect_message(EXECUTOR, "Дело №1").await;
    assert!(
        housing.text.contains("Срок ответа: 24.11.2026 09:00"),
        "{}",
        housing.text
    );
    // The roads deputy reads the case's deadline: the term is his unit's, not his own.
    let deputy = app.expect_message(ROADS_DEPUTY, "Дело №1").await;
    assert!(deputy.text.contains("Срок ответа"), "{}", deputy.text);
    app.stop().await;
}

#[tokio::test]
async fn p14_one_card_for_a_deputy_of_two_units() {
    let app = start().await;
    let view = app
        .register(
            "https://vk.com/wall-1_1405",
            &["Отдел ЖКХ", "Отдел благоустройства"],
        )
        .await;
    let card = app.expect_message(DEPUTY, "Дело №1").await;
    assert!(
        card.text
            .contains("Вы курируете по этому делу и другие отделы: «Отдел благоустройства»"),
        "{}",
        card.text
    );
    // Every notice of the registration was queued in its transaction: one is his.
    let deputy = app.person(DEPUTY).await;
    let rows = app
        .store
        .outbox_for_case(view.case.id)
        .await
        .expect("outbox");
    assert_eq!(rows.iter().filter(|r| r.person == deputy).count(), 1);
    app.expect_message(PARKS_EXECUTOR, "Нужна информация вашего отдела")
        .await;
    app.stop().await;
}
