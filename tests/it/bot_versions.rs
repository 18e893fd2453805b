//! SPEC §6, issue 9: every button acts on the version its card showed. A press on a card
//! the case moved past is refused and changes nothing; the cards a case leaves behind are
//! redrawn without buttons, saying what happened.

use std::time::Duration;

use crate::fake_telegram::{SentMessage, User};
use crate::helpers::app::*;
use crate::helpers::look::*;
use otklik::domain::case::CaseState;

/// Waits until message `id` of `chat` shows `needle` and has no buttons left.
async fn left_behind(app: &TestApp, chat: u64, id: i32, needle: &str) -> SentMessage {
    let m = app.expect_edit(chat, id, needle).await;
    assert!(m.buttons().is_empty(), "buttons left: {:?}", m.buttons());
    m
}

fn data(m: &SentMessage, label: &str) -> String {
    m.button(label)
        .unwrap_or_else(|| panic!("no {label:?} on {}", m.text))
        .1
}

/// Presses old data and waits for the refusal: stale, or not found for a person the case
/// no longer concerns (a refusal shows nothing they may not see).
async fn press_stale(app: &TestApp, who: &User, id: i32, data: &str) {
    press_refused(app, who, id, data, "устарела").await
}

async fn press_refused(app: &TestApp, who: &User, id: i32, data: &str, needle: &str) {
    let before = app.tg.callback_answers().len();
    app.tg.press_unchecked(who, id, data);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let answers = app.tg.callback_answers();
        if answers.len() > before {
            let text = answers[before].1.clone().unwrap_or_default();
            assert!(text.contains(needle), "{text:?}");
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "no answer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Registered for ЖКХ, accepted, a first final draft written: the deputy's card for it.
async fn first_draft(app: &TestApp, link: &str) -> (otklik::storage::CaseView, SentMessage) {
    let executor = app.user(EXECUTOR);
    let view = writing(app, link).await;
    app.tg.push_text(&executor, "Черновик один.");
    let approval = message_after(app, DEPUTY, "Проект ответа на согласование", 0).await;
    (view, approval)
}

/// The deputy sends the draft back and the executor writes the second one.
async fn second_draft(app: &TestApp, approval: &SentMessage) -> SentMessage {
    let (executor, deputy) = (app.user(EXECUTOR), app.user(DEPUTY));
    app.tg
        .press_button(&deputy, approval.message_id, "На доработку");
    app.expect_message(DEPUTY, "напишите, что доработать").await;
    app.tg.push_text(&deputy, "Добавьте сроки.");
    let back = app.expect_message(EXECUTOR, "вернул проект").await;
    app.tg
        .press_button(&executor, back.message_id, "Подготовить ответ");
    message_after(app, EXECUTOR, "пришлите текст ответа", back.message_id).await;
    app.tg.push_text(&executor, "Черновик два: до 1 декабря.");
    message_after(
        app,
        DEPUTY,
        "Проект ответа на согласование",
        approval.message_id,
    )
    .await
}

#[tokio::test]
async fn p6_approve_on_an_older_drafts_card_is_refused_and_changes_nothing() {
    let app = TestApp::start().await;
    let deputy = app.user(DEPUTY);
    let (view, first) = first_draft(&app, "https://vk.com/wall-1_901").await;
    let approve_first = data(&first, "Согласовать");
    let second = second_draft(&app, &first).await;
    assert!(second.text.contains("Черновик два"), "{}", second.text);
    // Draft 1's card lost its buttons when the draft went back.
    left_behind(&app, DEPUTY, first.message_id, "возвращён на доработку").await;

    let before = app.case(view.case.id).await;
    press_stale(&app, &deputy, first.message_id, &approve_first).await;
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::OnApproval);
    assert_eq!(tags(&after), tags(&before));
    assert_eq!(
        after.case.draft.as_ref().map(|d| d.text.as_str()),
        Some("Черновик два: до 1 декабря.")
    );
    // The card of the draft he sees approves it.
    app.tg
        .press_button(&deputy, second.message_id, "Согласовать");
    app.expect_edit(DEPUTY, second.message_id, "У куратора")
        .await;
    assert_eq!(
        app.case(view.case.id).await.case.state,
        CaseState::WithCurator
    );
    app.stop().await;
}

/// A draft written from the `button` of the executor's latest card and approved: the
/// curator's card for it.
async fn approved(app: &TestApp, button: &str, text: &str) -> SentMessage {
    let (executor, deputy) = (app.user(EXECUTOR), app.user(DEPUTY));
    let last = |chat: u64| {
        app.tg
            .messages(chat as i64)
            .last()
            .map_or(0, |m| m.message_id)
    };
    let (deputy_last, curator_last) = (last(DEPUTY), last(CURATOR));
    // The executor opens the case (his earlier cards went out of date with the drafts).
    app.tg.push_text(&executor, "/case 1");
    let card = message_after(app, EXECUTOR, "История", last(EXECUTOR)).await;
    app.tg.press_button(&executor, card.message_id, button);
    message_after(app, EXECUTOR, "пришлите текст", card.message_id).await;
    app.tg.push_text(&executor, text);
    let approval = message_after(app, DEPUTY, "Проект ответа на согласование", deputy_last).await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    message_after(app, CURATOR, "Согласованный проект", curator_last).await
}

#[tokio::test]
async fn p12_published_on_an_old_intermediate_card_is_refused() {
    let app = TestApp::start().await;
    let (curator, executor) = (app.user(CURATOR), app.user(EXECUTOR));
    let view = app
        .register("https://vk.com/wall-1_902", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    let interim = approved(&app, "Промежуточный ответ", "Работы начаты.").await;
    let publish_interim = data(&interim, "Опубликовано");
    app.tg
        .press_button(&curator, interim.message_id, "Опубликовано");
    let prompt = message_after(&app, CURATOR, "ссылку на опубликованный ответ", 0).await;
    let without_link = data(&prompt, "Без ссылки");
    app.tg
        .push_text(&curator, "https://vk.com/wall-1_902?reply=1");
    left_behind(&app, CURATOR, interim.message_id, "изменилось").await;

    // After an intermediate answer the button asks for the final one (п.13).
    let last = approved(&app, "Подготовить окончательный ответ", "Работы завершены.").await;
    assert!(last.text.contains("Работы завершены"), "{}", last.text);
    let before = app.case(view.case.id).await;
    assert_eq!(before.case.state, CaseState::WithCurator);
    press_stale(&app, &curator, interim.message_id, &publish_interim).await;
    press_stale(&app, &curator, prompt.message_id, &without_link).await;
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::WithCurator);
    assert_eq!(tags(&after), tags(&before));
    // No link was asked for the final draft by the old card.
    let asked = app
        .tg
        .messages(CURATOR as i64)
        .iter()
        .filter(|m| m.message_id > prompt.message_id && m.text.contains("ссылку"))
        .count();
    assert_eq!(asked, 0);
    app.stop().await;
}

#[tokio::test]
async fn p9_cards_left_behind_by_a_return_lose_their_buttons() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = app
        .register("https://vk.com/wall-1_903", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    let accept = data(&card, "Принять");
    app.tg
        .press_button(&executor, card.message_id, "Вернуть куратору");
    let prompt = app
        .expect_message(EXECUTOR, "почему оно не относится")
        .await;
    app.tg.push_text(&executor, "Это дороги, не ЖКХ.");
    app.expect_message(CURATOR, "возвращено отделом").await;
    left_behind(&app, EXECUTOR, card.message_id, "возвращено куратору").await;
    left_behind(&app, EXECUTOR, prompt.message_id, "больше не нужен").await;

    let before = app.case(view.case.id).await;
    assert_eq!(before.case.state, CaseState::Returned);
    press_refused(&app, &executor, card.message_id, &accept, "недоступно вам").await;
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Returned);
    assert_eq!(tags(&after), ["registered", "assigned", "returned"]);
    app.stop().await;
}

#[tokio::test]
async fn reassigned_away_unit_is_told_and_its_card_loses_its_buttons() {
    let app = TestApp::start().await;
    let (curator, executor) = (app.user(CURATOR), app.user(EXECUTOR));
    let view = app
        .register("https://vk.com/wall-1_904", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    let accept = data(&card, "Принять");
    app.tg.push_text(&curator, "/case 1");
    let shown = app.expect_message(CURATOR, "История").await;
    app.tg
        .press_button(&curator, shown.message_id, "Переназначить");
    app.expect_toast("Выберите отдел").await;
    // The card is redrawn with the choices after the toast: wait for the buttons, as the
    // card's text is the same before and after.
    let choice = app
        .tg
        .wait_for_edit(
            CURATOR as i64,
            shown.message_id,
            |m| m.has_button("Отдел дорожного хозяйства"),
            WAIT,
        )
        .await
        .expect("the units to choose from");
    let roads = data(&choice, "Отдел дорожного хозяйства");
    app.tg.press(&curator, shown.message_id, &roads);
    app.expect_message(ROADS_EXECUTOR, "Дело №1").await;
    app.expect_message(EXECUTOR, "передал другому подразделению")
        .await;
    left_behind(&app, EXECUTOR, card.message_id, "передано другому").await;

    let before = app.case(view.case.id).await;
    press_refused(&app, &executor, card.message_id, &accept, "недоступно вам").await;
    let after = app.case(view.case.id).await;
    assert_eq!(tags(&after), tags(&before));
    assert_eq!(tags(&after), ["registered", "assigned", "assigned"]);
    assert_eq!(after.case.state, CaseState::Assigned);
    app.stop().await;
}

#[tokio::test]
async fn closed_case_cards_lose_their_buttons() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    let (view, _) = first_draft(&app, "https://vk.com/wall-1_905").await;
    let deputy = app.user(DEPUTY);
    let approval = message_after(&app, DEPUTY, "Проект ответа на согласование", 0).await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    let published = data(&publish, "Опубликовано");
    app.tg
        .press_button(&curator, publish.message_id, "Опубликовано");
    let prompt = app
        .expect_message(CURATOR, "ссылку на опубликованный ответ")
        .await;
    app.tg
        .push_text(&curator, "https://vk.com/wall-1_905?reply=2");
    app.expect_message(EXECUTOR, "опубликован").await;
    left_behind(&app, CURATOR, publish.message_id, "закрыто").await;
    left_behind(&app, CURATOR, prompt.message_id, "закрыто").await;

    let before = app.case(view.case.id).await;
    assert_eq!(before.case.state, CaseState::Answered);
    press_stale(&app, &curator, publish.message_id, &published).await;
    assert_eq!(tags(&app.case(view.case.id).await), tags(&before));
    app.stop().await;
}

#[tokio::test]
async fn draft_prompt_card_goes_stale_when_draft_replaced() {
    let app = TestApp::start().await;
    let (curator, deputy) = (app.user(CURATOR), app.user(DEPUTY));
    let (view, approval) = first_draft(&app, "https://vk.com/wall-1_906").await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    // The curator is asked for the link of draft 1 ...
    app.tg
        .press_button(&curator, publish.message_id, "Опубликовано");
    let prompt = app
        .expect_message(CURATOR, "ссылку на опубликованный ответ")
        .await;
    let without_link = data(&prompt, "Без ссылки");
    // ... but sends the draft back instead: the prompt is left behind.
    app.tg
        .press_button(&curator, publish.message_id, "На доработку");
    app.expect_message(CURATOR, "напишите, что доработать")
        .await;
    app.tg.push_text(&curator, "Уточните адрес.");
    left_behind(&app, CURATOR, prompt.message_id, "больше не нужен").await;
    left_behind(&app, CURATOR, publish.message_id, "возвращён на доработку").await;

    let before = app.case(view.case.id).await;
    press_stale(&app, &curator, prompt.message_id, &without_link).await;
    let after = app.case(view.case.id).await;
    assert_eq!(tags(&after), tags(&before));
    assert_eq!(after.case.state, CaseState::InWork);
    app.stop().await;
}
