//! Texts that match the configuration and the reader's role (issue 9): terms from the
//! configuration with their plurals, a deputy informed rather than asked, the п.13 final
//! answer after an intermediate one, the п.15 and п.17 details. Reminders and the
//! mid-month summary are in `bot_wording_time`.

use otklik::domain::deadline::DeadlineKind;
use otklik::domain::CaseId;
use otklik::service::cases;
use otklik::storage::CommandMeta;

use crate::fake_telegram::SentMessage;
use crate::helpers::app::*;

/// A second executor of «Отдел ЖКХ», to show who is (not) reminded.
pub(crate) const SECOND_EXECUTOR: u64 = 1008;

/// Terms unlike the defaults, with an override for the importance the tests register.
pub(crate) fn config_with_own_terms() -> String {
    CONFIG.replace(
        "[deadlines.importance.\"Высокая\"]\nanswer = \"4h\"\n",
        r#"[deadlines]
return_window = "45m"
reassign = "21m"
contribution = "3h"
publish = "2h"
final_after_intermediate = "5d"

[deadlines.importance."Средняя"]
return_window = "1h"

[[people]]
name = "Орлова О.О."
telegram_id = 1008
roles = ["executor"]
unit = "Отдел ЖКХ"
"#,
    )
}

async fn unit(app: &TestApp, name: &str) -> otklik::domain::UnitId {
    app.store
        .unit_by_name(name)
        .await
        .expect("unit")
        .expect("known unit")
        .id
}

fn moscow(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Moscow)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

pub(crate) fn assert_has(m: &SentMessage, needle: &str) {
    assert!(m.text.contains(needle), "{needle:?} not in:\n{}", m.text);
}

#[tokio::test]
async fn p9_terms_in_texts_follow_the_config_with_plurals() {
    let app = TestApp::start_with(&config_with_own_terms(), msk(2026, 11, 23, 9, 0)).await;
    let (executor, roads, deputy) = (
        app.user(EXECUTOR),
        app.user(ROADS_EXECUTOR),
        app.user(DEPUTY),
    );
    app.register(
        "https://vk.com/wall-1_300",
        &["Отдел ЖКХ", "Отдел дорожного хозяйства"],
    )
    .await;

    // п.9 with the «Средняя» override, п.14 with the base term.
    let card = app.expect_message(EXECUTOR, "Новое сообщение").await;
    assert_has(&card, "в течение 1 рабочего часа");
    let co = app.expect_message(ROADS_EXECUTOR, "Нужна информация").await;
    assert_has(&co, "срок — 3 рабочих часа");
    // /help knows no case, so it names the base term.
    app.tg.push_text(&executor, "/help");
    let help = app.expect_message(EXECUTOR, "Исполнитель.").await;
    assert_has(&help, "в течение 45 рабочих минут");

    // п.13 in the intermediate answer's prompt, п.12 in the curator's notice.
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Промежуточный ответ");
    let prompt = app.expect_message(EXECUTOR, "промежуточного ответа").await;
    assert_has(&prompt, "в течение 5 рабочих дней");
    app.tg.push_text(&executor, "Работы запланированы.");
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    assert_has(&publish, "в течение 2 рабочих часов");

    // п.9 reassignment after a return.
    app.tg
        .press_button(&roads, co.message_id, "Вернуть куратору");
    app.expect_message(ROADS_EXECUTOR, "почему оно не относится")
        .await;
    app.tg.push_text(&roads, "Не наш вопрос");
    let returned = app.expect_message(CURATOR, "возвращено отделом").await;
    assert_has(&returned, "в течение 21 рабочей минуты");
    app.stop().await;
}

#[tokio::test]
async fn p10_deputy_is_informed_not_asked_to_accept() {
    let app = TestApp::start().await;
    app.register(
        "https://vk.com/wall-1_310",
        &["Отдел ЖКХ", "Отдел дорожного хозяйства"],
    )
    .await;
    let executor = app.expect_message(EXECUTOR, "Дело №1").await;
    assert_has(&executor, "Примите его или верните куратору");
    let deputy = app.expect_message(DEPUTY, "Дело №1").await;
    assert_has(&deputy, "который вы курируете");
    assert!(!deputy.text.contains("Примите"), "{}", deputy.text);
    assert!(deputy.keyboard.is_empty(), "{:?}", deputy.keyboard);
    let co_deputy = app.expect_message(ROADS_DEPUTY, "Дело №1").await;
    assert_has(&co_deputy, "привлечён соисполнителем");
    assert!(!co_deputy.text.contains("Нужна информация вашего отдела"));
    app.stop().await;
}

/// Accept, write an intermediate answer, approve and publish it without a link; returns
/// the executor's notice of the publication.
async fn publish_intermediate(app: &TestApp) -> SentMessage {
    let (executor, deputy, curator) = (app.user(EXECUTOR), app.user(DEPUTY), app.user(CURATOR));
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Промежуточный ответ");
    app.expect_message(EXECUTOR, "промежуточного ответа").await;
    app.tg.push_text(&executor, "Вопрос изучается.");
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    publish(app, &curator, "Согласованный проект").await;
    app.expect_message(EXECUTOR, "опубликован промежуточный")
        .await
}

async fn publish(app: &TestApp, curator: &crate::fake_telegram::User, needle: &str) {
    let publish = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.text.contains(needle) && m.has_button("Опубликовано"),
            WAIT,
        )
        .await
        .expect("the draft to publish");
    app.tg
        .press_button(curator, publish.message_id, "Опубликовано");
    let ask = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.has_button("Без ссылки") && m.message_id > publish.message_id,
            WAIT,
        )
        .await
        .expect("the link prompt");
    app.tg.press_button(curator, ask.message_id, "Без ссылки");
}

async fn final_due(app: &TestApp) -> String {
    let view = app.case(CaseId(1)).await;
    let d = view
        .deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::FinalAfterIntermediate)
        .expect("the п.13 deadline");
    moscow(d.due_at)
}

#[tokio::test]
async fn p13_intermediate_publication_tells_the_executor_and_offers_the_final() {
    let app = TestApp::start().await;
    app.register("https://vk.com/wall-1_320", &["Отдел ЖКХ"])
        .await;
    let notice = publish_intermediate(&app).await;
    let due = final_due(&app).await;
    assert_has(&notice, "опубликован промежуточный ответ");
    assert_has(&notice, &format!("срок — {due}"));
    assert!(
        notice.has_button("Подготовить окончательный ответ"),
        "{:?}",
        notice.keyboard
    );
    let deputy = app
        .expect_message(DEPUTY, "опубликован промежуточный")
        .await;
    assert_has(&deputy, &format!("до {due}"));
    assert!(deputy.keyboard.is_empty(), "{:?}", deputy.keyboard);

    let executor = app.user(EXECUTOR);
    app.tg.press_button(
        &executor,
        notice.message_id,
        "Подготовить окончательный ответ",
    );
    let prompt = app.expect_message(EXECUTOR, "окончательного ответа").await;
    assert_has(&prompt, &format!("срок — {due}"));
    app.stop().await;
}

#[tokio::test]
async fn p13_closed_case_shows_the_final_answer_deadline() {
    let app = TestApp::start().await;
    app.register("https://vk.com/wall-1_330", &["Отдел ЖКХ"])
        .await;
    let notice = publish_intermediate(&app).await;
    let due = final_due(&app).await;
    let (executor, deputy, curator) = (app.user(EXECUTOR), app.user(DEPUTY), app.user(CURATOR));
    app.tg.press_button(
        &executor,
        notice.message_id,
        "Подготовить окончательный ответ",
    );
    app.expect_message(EXECUTOR, "окончательного ответа").await;
    app.tg.push_text(&executor, "Крышу отремонтировали.");
    let approval = app
        .tg
        .wait_for_message(
            DEPUTY as i64,
            |m| m.text.contains("Крышу отремонтировали") && m.has_button("Согласовать"),
            WAIT,
        )
        .await
        .expect("the final draft");
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    publish(&app, &curator, "Крышу отремонтировали").await;
    app.expect_message(EXECUTOR, "Ответ по делу №1 опубликован")
        .await;

    app.tg.push_text(&curator, "/case 1");
    let card = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.text.contains("История") && m.text.contains("Ответ опубликован"),
            WAIT,
        )
        .await
        .expect("the closed card");
    assert_has(
        &card,
        &format!("Срок окончательного ответа (п.13): {due} (выполнено в срок)"),
    );
    assert!(!card.text.contains("Срок ответа:"), "{}", card.text);
    assert!(!card.text.contains("— —"), "{}", card.text);
    app.stop().await;
}

#[tokio::test]
async fn p17_rejected_case_names_its_ground_once() {
    let app = TestApp::start().await;
    let curator = app.person(CURATOR).await;
    // An older record stored the clause with the ground.
    cases::reject_at_intake(
        &app.store,
        &registration("https://vk.com/wall-1_340", Vec::new()),
        "п.17: угрозы",
        curator,
        CommandMeta::at(app.clock_now()),
        &app.store_ctx(),
    )
    .await
    .expect("rejected");
    app.tg.push_text(&app.user(CURATOR), "/case 1");
    let card = app.expect_message(CURATOR, "История").await;
    assert_has(&card, "отклонено по п.17: угрозы");
    assert!(!card.text.contains("п.17: п.17"), "{}", card.text);
    assert!(!card.text.contains("— —"), "{}", card.text);
    app.stop().await;
}

#[tokio::test]
async fn p15_repeat_draft_prompt_asks_for_measures() {
    let app = TestApp::start().await;
    let first = app
        .register("https://vk.com/wall-1_350", &["Отдел ЖКХ"])
        .await;
    let mut reg = registration(
        "https://vk.com/wall-1_351",
        vec![unit(&app, "Отдел ЖКХ").await],
    );
    reg.repeat_of = Some(first.case.id);
    let curator = app.person(CURATOR).await;
    cases::register(
        &app.store,
        &reg,
        curator,
        CommandMeta::at(app.clock_now()),
        &app.store_ctx(),
    )
    .await
    .expect("the repeat registered");
    app.ctx.wake();
    let executor = app.user(EXECUTOR);
    let card = app.expect_message(EXECUTOR, "Дело №2").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    let prompt = app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    assert_has(&prompt, "повторное сообщение по делу №1 (п.15)");
    assert_has(&prompt, "меры");
    app.stop().await;
}
