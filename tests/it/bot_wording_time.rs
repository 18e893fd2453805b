//! What time-driven texts say and to whom (issue 9): reminders only for whoever holds the
//! case now, and a mid-month summary counted as of now.

use otklik::domain::deadline::DeadlineKind;
use otklik::domain::WorkDuration;

use crate::bot_wording::{assert_has, config_with_own_terms, SECOND_EXECUTOR};
use crate::helpers::app::*;

#[tokio::test]
async fn p18_reminders_go_only_to_the_holder() {
    let app = TestApp::start_with(&config_with_own_terms(), msk(2026, 11, 23, 9, 0)).await;
    let executor = app.user(EXECUTOR);
    let accepted = app
        .register("https://vk.com/wall-1_360", &["Отдел ЖКХ"])
        .await;
    app.register("https://vk.com/wall-1_361", &["Отдел ЖКХ"])
        .await;
    let one = app.expect_message(EXECUTOR, "Дело №1").await;
    let two = app.expect_message(EXECUTOR, "Дело №2").await;
    app.tg.press_button(&executor, one.message_id, "Принять");
    app.expect_edit(EXECUTOR, one.message_id, "В работе").await;
    app.tg
        .press_button(&executor, two.message_id, "Вернуть куратору");
    app.expect_message(EXECUTOR, "почему оно не относится")
        .await;
    app.tg.push_text(&executor, "Не наш вопрос");
    app.expect_message(CURATOR, "возвращено отделом").await;

    // Just after the п.11 draft reminder's moment, while it is still fresh.
    let view = app.case(accepted.case.id).await;
    let draft = view
        .deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::DraftToCurator)
        .expect("the п.11 deadline");
    let remind_at = draft.remind_at(&app.ctx.calendar, WorkDuration::hours(1));
    app.clock.set(remind_at + chrono::TimeDelta::minutes(1));
    app.ctx.wake();

    app.expect_message(EXECUTOR, "Напоминание по делу №1").await;
    app.expect_message(DEPUTY, "Напоминание по делу №1").await;
    // Whatever else that firing queued has had time to arrive.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let reminders = |chat: u64, case: &str| {
        app.tg
            .messages(chat as i64)
            .into_iter()
            .filter(|m| m.text.contains(&format!("Напоминание по делу №{case}")))
            .count()
    };
    assert_eq!(reminders(EXECUTOR, "2"), 0, "the unit returned case 2");
    assert_eq!(reminders(DEPUTY, "2"), 0, "the unit returned case 2");
    assert_eq!(reminders(SECOND_EXECUTOR, "1"), 0, "case 1 is Петров's");

    // After a pause (the п.10 reminder was due at 08:00, the answer is due at 09:00) the
    // reminders are combined into one late notice per person, for the same people.
    app.clock.set(msk(2026, 11, 24, 8, 30));
    app.ctx.wake();
    let digest = app.expect_message(EXECUTOR, "Пока бот не работал").await;
    assert_has(&digest, "дело №1");
    assert!(!digest.text.contains("дело №2"), "{}", digest.text);
    app.expect_message(CONTROLLER, "Пока бот не работал").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let late = app.tg.messages(SECOND_EXECUTOR as i64);
    assert!(
        late.iter().all(|m| !m.text.contains("Пока бот не работал")),
        "{}",
        app.tg.dump_chat(SECOND_EXECUTOR as i64)
    );
    app.stop().await;
}

#[tokio::test]
async fn p20_mid_month_report_counts_as_of_now() {
    // Friday 4 December 15:00: three cases whose п.10 answer is due on Monday 7 December.
    let app = TestApp::start_at(msk(2026, 12, 4, 15, 0)).await;
    for n in 0..3 {
        app.register(&format!("https://vk.com/wall-1_37{n}"), &["Отдел ЖКХ"])
            .await;
    }
    app.clock.set(msk(2026, 12, 7, 9, 5));
    let coordinator = app.user(COORDINATOR);
    app.tg.push_text(&coordinator, "/overdue");
    app.expect_message(COORDINATOR, "Просроченных дел нет")
        .await;
    app.tg.push_text(&coordinator, "/report 2026-12");
    let summary = app.expect_message(COORDINATOR, "Декабрь 2026").await;
    assert_has(&summary, "на 07.12.2026 09:05");
    assert_has(&summary, "Просрочено без ответа: 0");
    assert_has(&summary, "Не закрыто на 07.12.2026 09:05: 3");
    app.stop().await;
}
