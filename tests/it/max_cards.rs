//! SPEC §6, issue 9 in MAX: MAX cards are recorded like Telegram's, so the cards a case
//! leaves behind are edited (`PUT /messages`) to lose their buttons with the same text
//! Telegram shows, and a press on an old card is still refused.

use otklik::domain::case::CaseState;

use crate::fake_max::{FakeMax, MaxUser, Sent};
use crate::helpers::app::*;
use crate::helpers::look::tags;
use crate::max_flow::{
    ask_to_write, config_in_max, has, press, register_in_max, CURATOR_MAX, DEPUTY_MAX, EXECUTOR_MAX,
};

/// Waits until message `mid` shows `needle` and has no buttons left.
async fn left_behind(max: &FakeMax, user: i64, mid: &str, needle: &str) -> Sent {
    let (mid, needle) = (mid.to_owned(), needle.to_owned());
    let m = max
        .wait_for(user, move |m| m.mid == mid && m.text.contains(&needle))
        .await;
    assert!(m.buttons.is_empty(), "buttons left: {:?}", m.buttons);
    let edited = max
        .requests()
        .iter()
        .any(|r| r.method == "PUT" && r.query.get("message_id") == Some(&m.mid));
    assert!(edited, "not edited with PUT /messages");
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p9_max_cards_left_behind_by_a_return_lose_their_buttons() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let view = app
        .register("https://vk.com/wall-1_1903", &["Отдел ЖКХ"])
        .await;
    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    let accept = card.payload_of("Принять").expect("accept");
    press(&max, &executor, &card, "Вернуть куратору");
    let prompt = max
        .wait_for(EXECUTOR_MAX, |m| m.text.contains("почему оно не относится"))
        .await;
    max.push_text(&executor, "Это дороги, не ЖКХ.");
    app.expect_message(CURATOR, "возвращено отделом").await;
    left_behind(&max, EXECUTOR_MAX, &card.mid, "возвращено куратору").await;
    left_behind(&max, EXECUTOR_MAX, &prompt.mid, "больше не нужен").await;

    assert_eq!(app.case(view.case.id).await.case.state, CaseState::Returned);
    // The old button is refused (out of date) and changes nothing.
    max.press(&executor, &card.mid, &accept);
    max.wait_for(EXECUTOR_MAX, |m| {
        m.text.contains("устарела") || m.text.contains("недоступно вам")
    })
    .await;
    let after = app.case(view.case.id).await;
    assert_eq!(tags(&after), ["registered", "assigned", "returned"]);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_case_max_cards_lose_their_buttons() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let deputy = MaxUser::new(DEPUTY_MAX, "Виктор");
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    let view = register_in_max(&app, "https://max.ru/citynews/AZ1905").await;
    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    ask_to_write(&max, &executor, &card).await;
    max.push_text(&executor, "Уважаемый житель! Двор уберут завтра.");
    let approval = max.wait_for(DEPUTY_MAX, has("Согласовать")).await;
    press(&max, &deputy, &approval, "Согласовать");

    let publish = max.wait_for(CURATOR_MAX, has("Опубликовано")).await;
    let published = publish.payload_of("Опубликовано").expect("published");
    press(&max, &curator, &publish, "Опубликовано");
    let prompt = max
        .wait_for(CURATOR_MAX, |m| {
            m.text.contains("ссылку на опубликованный ответ")
        })
        .await;
    max.push_text(&curator, "https://max.ru/citynews/AZ1905?reply=2");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("опубликован"))
        .await;
    left_behind(&max, CURATOR_MAX, &publish.mid, "закрыто").await;
    left_behind(&max, CURATOR_MAX, &prompt.mid, "закрыто").await;

    let before = app.case(view.case.id).await;
    assert_eq!(before.case.state, CaseState::Answered);
    // The old button again: out of date, nothing changes.
    max.press(&curator, &publish.mid, &published);
    max.wait_for(CURATOR_MAX, |m| m.text.contains("устарела"))
        .await;
    assert_eq!(tags(&app.case(view.case.id).await), tags(&before));
    max.assert_spec_clean();
    app.stop().await;
}
