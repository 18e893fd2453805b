//! What a person can look at: `/my`, `/case N` and `/overdue`, each for its roles.

use crate::helpers::app::*;

#[tokio::test]
async fn p10_overdue_lists_cases_past_their_answer_deadline_for_overseers_only() {
    let app = TestApp::start().await;
    let (curator, executor) = (app.user(CURATOR), app.user(EXECUTOR));
    app.register("https://vk.com/wall-2_100", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;

    app.tg.push_text(&curator, "/overdue");
    app.expect_message(CURATOR, "Просроченных дел нет").await;
    // Past Tuesday 09:00, eight working hours after registration.
    app.clock.set(msk(2026, 11, 24, 10, 0));
    app.tg.push_text(&curator, "/overdue");
    let list = app.expect_message(CURATOR, "Просрочено 1 дело").await;
    assert!(
        list.text.contains("№1") && list.text.contains("просрочено на 1 час"),
        "{}",
        list.text
    );
    assert!(list.has_button("Открыть №1"), "{:?}", list.keyboard);

    app.tg.push_text(&executor, "/overdue");
    app.expect_message(EXECUTOR, "Список просроченных доступен")
        .await;
    app.stop().await;
}

#[tokio::test]
async fn my_tasks_and_a_case_card_follow_the_persons_unit() {
    let app = TestApp::start().await;
    let (executor, roads) = (app.user(EXECUTOR), app.user(ROADS_EXECUTOR));
    app.register("https://vk.com/wall-2_200", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;

    app.tg.push_text(&executor, "/my");
    app.expect_message(EXECUTOR, "У вас 1 открытая задача")
        .await;
    app.tg.push_text(&executor, "/case 1");
    let card = app.expect_message(EXECUTOR, "История").await;
    assert!(card.text.contains("направлено: Отдел ЖКХ"), "{}", card.text);
    assert!(card.has_button("Принять"), "{:?}", card.keyboard);

    // Another unit's executor sees neither the task nor the card.
    app.tg.push_text(&roads, "/my");
    app.expect_message(ROADS_EXECUTOR, "Открытых задач нет")
        .await;
    app.tg.push_text(&roads, "/case 1");
    app.expect_message(ROADS_EXECUTOR, "недоступно вам").await;
    app.tg.push_text(&roads, "/case первое");
    app.expect_message(ROADS_EXECUTOR, "Укажите номер дела")
        .await;
    app.stop().await;
}
