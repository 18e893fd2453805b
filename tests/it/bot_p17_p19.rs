//! Issue 9, «п.17 and п.19 at any stage»: the curator rejects a registered case under п.17
//! from its card at any stage before publication; the holders' cards are redrawn and they
//! are told.

use std::time::Duration;

use crate::fake_telegram::{SentMessage, User};
use crate::helpers::app::*;
use crate::helpers::look::*;
use otklik::domain::case::{CaseState, EventKind};

/// Waits until message `id` of `chat` has a button labelled with `label`.
async fn with_button(app: &TestApp, chat: u64, id: i32, label: &str) -> SentMessage {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(m) = app.tg.message(chat as i64, id) {
            if m.button(label).is_some() {
                return m;
            }
        }
        if tokio::time::Instant::now() > deadline {
            panic!("no {label:?} on #{id}:\n{}", app.tg.dump_chat(chat as i64));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Presses `data` (possibly forged) and returns the toast it got.
async fn press_answer(app: &TestApp, who: &User, id: i32, data: &str) -> String {
    let before = app.tg.callback_answers().len();
    app.tg.press_unchecked(who, id, data);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let answers = app.tg.callback_answers();
        if answers.len() > before {
            return answers[before].1.clone().unwrap_or_default();
        }
        assert!(tokio::time::Instant::now() < deadline, "no answer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Registered for ЖКХ and accepted by its executor: the executor's card.
async fn in_work(app: &TestApp, link: &str) -> (otklik::storage::CaseView, SentMessage) {
    let executor = app.user(EXECUTOR);
    let view = app.register(link, &["Отдел ЖКХ"]).await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    (view, card)
}

/// The curator's card of case 1, opened with `/case 1`.
async fn curator_card(app: &TestApp) -> SentMessage {
    let after = last_id(app, CURATOR);
    app.tg.push_text(&app.user(CURATOR), "/case 1");
    message_after(app, CURATOR, "История", after).await
}

#[tokio::test]
async fn p17_curator_rejects_a_case_in_work_and_holders_are_told() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    let (view, executor_card) = in_work(&app, "https://vk.com/wall-1_1701").await;
    let card = curator_card(&app).await;
    app.tg
        .press_button(&curator, card.message_id, "Отклонить (п.17)");
    let grounds = with_button(&app, CURATOR, card.message_id, "угрозы жизни").await;
    let labels = grounds.button_labels();
    for ground in ["угрозы", "нецензурные", "оскорбительные", "причинить вред"]
    {
        assert!(labels.iter().any(|l| l.contains(ground)), "{labels:?}");
    }
    app.tg
        .press_button(&curator, card.message_id, "угрозы жизни");
    let prompt = message_after(&app, CURATOR, "будет отклонено по п.17", card.message_id).await;
    assert!(prompt.button("Без комментария").is_some(), "{prompt:?}");
    app.tg
        .push_text(&curator, "Угрозы в адрес сотрудника управы.");
    let done = message_after(&app, CURATOR, "Отклонено по п.17", prompt.message_id).await;
    assert!(done.buttons().is_empty(), "{:?}", done.buttons());

    // The holder is told, and his card loses its buttons.
    app.expect_message(EXECUTOR, "отклонено по п.17 и не требует ответа")
        .await;
    let left = app
        .expect_edit(EXECUTOR, executor_card.message_id, "закрыто")
        .await;
    assert!(left.buttons().is_empty(), "{:?}", left.buttons());
    // The curator's card that offered the grounds is redrawn as well.
    app.expect_edit(CURATOR, card.message_id, "закрыто").await;

    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Rejected);
    let reason = after.events().find_map(|e| match &e.kind {
        EventKind::Rejected { reason } => Some(reason.clone()),
        _ => None,
    });
    assert_eq!(
        reason.as_deref(),
        Some("угрозы жизни, здоровью — Угрозы в адрес сотрудника управы.")
    );
    app.stop().await;
}

#[tokio::test]
async fn p17_curator_rejects_without_a_comment() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    let view = app
        .register("https://vk.com/wall-1_1702", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;
    let card = curator_card(&app).await;
    app.tg
        .press_button(&curator, card.message_id, "Отклонить (п.17)");
    with_button(&app, CURATOR, card.message_id, "причинить вред").await;
    app.tg
        .press_button(&curator, card.message_id, "причинить вред");
    let prompt = message_after(&app, CURATOR, "будет отклонено по п.17", card.message_id).await;
    app.tg
        .press_button(&curator, prompt.message_id, "Без комментария");
    app.expect_edit(CURATOR, prompt.message_id, "Отклонено по п.17")
        .await;
    app.expect_message(EXECUTOR, "отклонено по п.17 и не требует ответа")
        .await;
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Rejected);
    assert!(after.events().any(|e| matches!(
        &e.kind,
        EventKind::Rejected { reason } if reason == "намерение причинить вред другому лицу"
    )));
    app.stop().await;
}

#[tokio::test]
async fn p17_reject_after_publication_is_refused() {
    let app = TestApp::start().await;
    let (curator, executor, deputy) = (app.user(CURATOR), app.user(EXECUTOR), app.user(DEPUTY));
    let (view, card) = in_work(&app, "https://vk.com/wall-1_1703").await;
    app.tg
        .press_button(&executor, card.message_id, "Промежуточный ответ");
    message_after(&app, EXECUTOR, "пришлите текст", card.message_id).await;
    app.tg.push_text(&executor, "Работы начаты.");
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    let review = app.expect_message(CURATOR, "Согласованный проект").await;
    app.tg
        .press_button(&curator, review.message_id, "Опубликовано");
    let prompt = message_after(&app, CURATOR, "ссылку на опубликованный", review.message_id).await;
    app.tg
        .press_button(&curator, prompt.message_id, "Без ссылки");
    app.expect_edit(CURATOR, prompt.message_id, "Дан промежуточный ответ")
        .await;

    let card = curator_card(&app).await;
    assert!(card.button("п.17").is_none(), "{:?}", card.button_labels());
    let before = app.case(view.case.id).await;
    assert_eq!(before.case.state, CaseState::AnsweredIntermediate);
    let v = before.case.version;
    let id = before.case.id;
    let toast = press_answer(&app, &curator, card.message_id, &format!("2|rj:{id}:{v}")).await;
    assert!(toast.contains("Дан промежуточный ответ"), "{toast:?}");
    let toast = press_answer(&app, &curator, card.message_id, &format!("2|rn:{id}:1:{v}")).await;
    assert!(toast.contains("Дан промежуточный ответ"), "{toast:?}");
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::AnsweredIntermediate);
    assert_eq!(after.history.len(), before.history.len());
    app.stop().await;
}

#[tokio::test]
async fn p17_reject_by_a_non_curator_is_refused() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let (view, card) = in_work(&app, "https://vk.com/wall-1_1704").await;
    let shown = app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    assert!(
        shown.button("п.17").is_none(),
        "{:?}",
        shown.button_labels()
    );
    let before = app.case(view.case.id).await;
    let (id, v) = (before.case.id, before.case.version);
    for data in [
        format!("2|rj:{id}:{v}"),
        format!("2|rg:{id}:2:{v}"),
        format!("2|rn:{id}:3:{v}"),
    ] {
        let toast = press_answer(&app, &executor, card.message_id, &data).await;
        assert!(toast.contains("только роли «куратор»"), "{data}: {toast:?}");
    }
    // No comment prompt was sent, nothing changed.
    let asked = app
        .tg
        .messages(EXECUTOR as i64)
        .iter()
        .any(|m| m.text.contains("будет отклонено"));
    assert!(!asked);
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::InWork);
    assert_eq!(after.history.len(), before.history.len());
    app.stop().await;
}

#[tokio::test]
async fn p17_rejection_tells_the_deputy() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    let (view, _) = in_work(&app, "https://vk.com/wall-1_1705").await;
    let informed = app.expect_message(DEPUTY, "Дело №1").await;
    let card = curator_card(&app).await;
    app.tg
        .press_button(&curator, card.message_id, "Отклонить (п.17)");
    with_button(&app, CURATOR, card.message_id, "угрозы жизни").await;
    app.tg
        .press_button(&curator, card.message_id, "угрозы жизни");
    let prompt = message_after(&app, CURATOR, "будет отклонено по п.17", card.message_id).await;
    app.tg
        .press_button(&curator, prompt.message_id, "Без комментария");
    app.expect_edit(CURATOR, prompt.message_id, "Отклонено по п.17")
        .await;

    // The supervising deputy, informed at assignment, is told as well, with no buttons.
    let told = message_after(
        &app,
        DEPUTY,
        "отклонено по п.17 и не требует ответа",
        informed.message_id,
    )
    .await;
    assert!(told.buttons().is_empty(), "{:?}", told.buttons());
    // The other unit's deputy, never involved, hears nothing.
    assert!(!app
        .tg
        .messages(ROADS_DEPUTY as i64)
        .iter()
        .any(|m| m.text.contains("п.17")));
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Rejected);
    app.stop().await;
}
