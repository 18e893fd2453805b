//! The main path of the regulation in Telegram (SPEC §2, §6): executor, deputy and curator
//! working a case with taps and short replies, every step in the history.

use otklik::domain::case::CaseState;

use crate::helpers::app::*;
use crate::helpers::look::*;

#[tokio::test]
async fn p9_p12_main_path_from_card_to_published_answer() {
    let app = TestApp::start().await;
    let (curator, executor, deputy) = (app.user(CURATOR), app.user(EXECUTOR), app.user(DEPUTY));
    let view = app
        .register("https://vk.com/wall-1_100", &["Отдел ЖКХ"])
        .await;

    // The executor's card: number, network, classification, state and the answer deadline.
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    assert!(
        card.text.contains("ВКонтакте") && card.text.contains("Тема: ЖКХ"),
        "{}",
        card.text
    );
    assert!(
        card.text.contains("Срок ответа: 24.11.2026 09:00"),
        "{}",
        card.text
    );
    app.expect_message(DEPUTY, "Дело №1").await;

    app.tg.press_button(&executor, card.message_id, "Принять");
    let card = app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    app.tg.push_text(
        &executor,
        "Уважаемый житель! Ремонт крыши выполнят до 1 декабря.",
    );
    app.expect_message(EXECUTOR, "На согласовании").await;

    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    assert!(approval.text.contains("Ремонт крыши"), "{}", approval.text);
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    app.expect_edit(DEPUTY, approval.message_id, "У куратора")
        .await;

    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    app.tg
        .press_button(&curator, publish.message_id, "Опубликовано");
    app.expect_message(CURATOR, "ссылку на опубликованный ответ")
        .await;
    app.tg
        .push_text(&curator, "https://vk.com/wall-1_100?reply=7");
    app.expect_message(CURATOR, "Ответ опубликован").await;
    app.expect_message(EXECUTOR, "Ответ по делу №1 опубликован")
        .await;

    let stored = app.case(view.case.id).await;
    assert_eq!(stored.case.state, CaseState::Answered);
    assert_eq!(
        tags(&stored),
        [
            "registered",
            "assigned",
            "accepted",
            "draft_submitted",
            "draft_approved",
            "published"
        ]
    );
    app.stop().await;
}

#[tokio::test]
async fn p9_executor_returns_and_curator_reassigns() {
    let app = TestApp::start().await;
    let (curator, executor, roads) = (
        app.user(CURATOR),
        app.user(EXECUTOR),
        app.user(ROADS_EXECUTOR),
    );
    let view = app
        .register("https://vk.com/wall-1_200", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg
        .press_button(&executor, card.message_id, "Вернуть куратору");
    app.expect_message(EXECUTOR, "почему оно не относится")
        .await;
    app.tg.push_text(&executor, "Это дорога, не ЖКХ");

    let returned = app.expect_message(CURATOR, "возвращено отделом").await;
    assert!(
        returned.text.contains("Это дорога, не ЖКХ"),
        "{}",
        returned.text
    );
    app.tg
        .press_button(&curator, returned.message_id, "Переназначить");
    let choose = app
        .tg
        .wait_for_edit(
            CURATOR as i64,
            returned.message_id,
            |m| m.has_button("Отдел дорожного хозяйства"),
            WAIT,
        )
        .await
        .expect("the units to choose from");
    assert!(
        !choose.has_button("Отдел ЖКХ"),
        "the unit that returned it is not offered: {:?}",
        choose.keyboard
    );
    app.tg
        .press_button(&curator, returned.message_id, "Отдел дорожного хозяйства");
    app.expect_message(ROADS_EXECUTOR, "Дело №1").await;
    let card = app.tg.last_message(roads_id()).expect("roads card");
    app.tg.press_button(&roads, card.message_id, "Принять");
    app.expect_edit(ROADS_EXECUTOR, card.message_id, "В работе")
        .await;

    let stored = app.case(view.case.id).await;
    assert_eq!(
        tags(&stored),
        ["registered", "assigned", "returned", "assigned", "accepted"]
    );
    app.stop().await;
}

fn roads_id() -> i64 {
    ROADS_EXECUTOR as i64
}

#[tokio::test]
async fn p11_deputy_sends_back_and_the_comment_reaches_the_executor() {
    let app = TestApp::start().await;
    let (executor, deputy) = (app.user(EXECUTOR), app.user(DEPUTY));
    writing(&app, "https://vk.com/wall-1_300").await;
    app.tg
        .push_photo(&executor, "photo-roof-1", Some("Крыша отремонтирована."));
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    // The photo goes to the deputy with the draft.
    app.tg
        .wait_for_message(
            DEPUTY as i64,
            |m| {
                m.media
                    .as_ref()
                    .is_some_and(|x| x.file_id == "photo-roof-1")
            },
            WAIT,
        )
        .await
        .expect("the draft's photo reaches the deputy");
    app.tg
        .press_button(&deputy, approval.message_id, "На доработку");
    app.expect_message(DEPUTY, "что доработать").await;
    app.tg.push_text(&deputy, "Укажите дату окончания работ");
    let back = app.expect_message(EXECUTOR, "вернул проект").await;
    assert!(
        back.text.contains("Укажите дату окончания работ"),
        "{}",
        back.text
    );
    assert!(back.has_button("Подготовить ответ"), "{:?}", back.keyboard);
    app.stop().await;
}

#[tokio::test]
async fn presses_by_the_wrong_person_are_refused_and_change_nothing() {
    let app = TestApp::start().await;
    let roads = app.user(ROADS_EXECUTOR);
    let view = app
        .register("https://vk.com/wall-1_400", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;
    // The roads executor forges the ЖКХ card's «Принять» on a message in their own chat.
    app.tg.push_text(&roads, "/my");
    let own = app
        .expect_message(ROADS_EXECUTOR, "Открытых задач нет")
        .await;
    let unit = view.case.responsible().expect("assigned").unit;
    app.tg.press_unchecked(
        &roads,
        own.message_id,
        &format!("2|a:{}:{}:{}", view.case.id, unit, view.case.version),
    );
    // Refused like `/case N`: another unit's case and no case at all look the same.
    app.expect_toast("недоступно вам").await;
    let before = app.tg.callback_answers().len();
    app.tg
        .press_unchecked(&roads, own.message_id, "2|a:999:1:1");
    wait_answers(&app, before + 1).await;
    let answers = app.tg.callback_answers();
    assert!(
        answers[before]
            .1
            .as_deref()
            .is_some_and(|t| t.contains("недоступно вам")),
        "{answers:?}"
    );
    app.tg
        .press_unchecked(&roads, own.message_id, "garbage:<script>");
    app.expect_toast("больше не действует").await;
    let stored = app.case(view.case.id).await;
    assert_eq!(stored.case.state, CaseState::Assigned);
    assert_eq!(tags(&stored), ["registered", "assigned"]);
    app.stop().await;
}

#[tokio::test]
async fn a_stale_button_gets_a_notice_and_changes_nothing() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = app
        .register("https://vk.com/wall-1_500", &["Отдел ЖКХ"])
        .await;
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    let accept = card.button("Принять").expect("accept button").1;
    app.tg.press(&executor, card.message_id, &accept);
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    // The same old button pressed again (e.g. from another device).
    app.tg.press_unchecked(&executor, card.message_id, &accept);
    app.expect_toast("устарела").await;
    assert_eq!(
        tags(&app.case(view.case.id).await),
        ["registered", "assigned", "accepted"]
    );
    app.stop().await;
}

#[tokio::test]
async fn a_text_over_4096_characters_is_refused_politely() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = writing(&app, "https://vk.com/wall-1_600").await;
    app.tg.push_text(&executor, &"ж".repeat(5000));
    app.expect_message(EXECUTOR, "длиннее 4096 символов").await;
    // Still waiting for a shorter text.
    app.tg.push_text(&executor, "Короткий ответ.");
    app.expect_message(EXECUTOR, "На согласовании").await;
    assert_eq!(
        app.case(view.case.id).await.case.state,
        CaseState::OnApproval
    );
    app.stop().await;
}

#[tokio::test]
async fn p8_to_p12_a_post_goes_from_link_to_closed_case_with_taps_and_short_replies() {
    let app = TestApp::start().await;
    let (curator, executor, deputy) = (app.user(CURATOR), app.user(EXECUTOR), app.user(DEPUTY));

    // Intake: the link, then topic, location, importance and unit, all by taps.
    app.tg.push_text(
        &curator,
        "Смотрите: https://m.vk.com/wall-123_456?utm_source=share",
    );
    let wizard = app.expect_message(CURATOR, "Регистрация сообщения").await;
    for label in [
        "ЖКХ",
        "г. Алатырь",
        "Средняя",
        "Отдел ЖКХ",
        "Далее",
        "Направить",
    ] {
        let tap = app
            .tg
            .wait_for_edit(
                CURATOR as i64,
                wizard.message_id,
                |m| m.has_button(label),
                WAIT,
            )
            .await
            .unwrap_or_else(|_| panic!("no {label:?}:\n{}", app.tg.dump_chat(CURATOR as i64)));
        app.tg.press_button(&curator, tap.message_id, label);
    }
    app.expect_edit(CURATOR, wizard.message_id, "зарегистрировано и направлено")
        .await;

    // Executor: accept, write; deputy: approve; curator: publish with the link.
    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    assert!(
        card.text.contains("https://vk.com/wall-123_456"),
        "normalized link: {}",
        card.text
    );
    app.tg.press_button(&executor, card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    app.tg
        .press_button(&executor, card.message_id, "Подготовить ответ");
    app.expect_message(EXECUTOR, "пришлите текст ответа").await;
    app.tg
        .push_text(&executor, "Здравствуйте! Вывоз мусора назначен на среду.");
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    app.tg
        .press_button(&curator, publish.message_id, "Опубликовано");
    let ask = app
        .expect_message(CURATOR, "ссылку на опубликованный ответ")
        .await;
    app.tg.press_button(&curator, ask.message_id, "Без ссылки");
    app.expect_message(EXECUTOR, "Ответ по делу №1 опубликован")
        .await;

    // A second copy of the same post opens the existing case instead of a new one.
    app.tg.push_text(&curator, "https://vk.com/wall-123_456");
    app.expect_message(CURATOR, "уже зарегистрировано: дело №1")
        .await;

    let view = app
        .store
        .case_by_number(1, &app.store_ctx())
        .await
        .expect("read")
        .expect("case 1");
    assert_eq!(view.case.state, CaseState::Answered);
    assert_eq!(
        tags(&view),
        [
            "registered",
            "assigned",
            "accepted",
            "draft_submitted",
            "draft_approved",
            "published"
        ]
    );
    assert!(app
        .store
        .case_by_number(2, &app.store_ctx())
        .await
        .expect("read")
        .is_none());
    app.stop().await;
}

#[tokio::test]
async fn p16_photos_and_documents_of_the_answer_reach_the_deputy_and_the_curator() {
    let app = TestApp::start().await;
    let (executor, deputy) = (app.user(EXECUTOR), app.user(DEPUTY));
    let view = writing(&app, "https://vk.com/wall-1_800").await;
    app.tg.push_document(
        &executor,
        "doc-act-1",
        "акт.pdf",
        Some("Акт выполненных работ."),
    );
    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    let has_doc = |m: &crate::fake_telegram::SentMessage| {
        m.media.as_ref().is_some_and(|x| x.file_id == "doc-act-1")
    };
    app.tg
        .wait_for_message(DEPUTY as i64, has_doc, WAIT)
        .await
        .expect("deputy gets the file");
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    app.expect_message(CURATOR, "Согласованный проект").await;
    app.tg
        .wait_for_message(CURATOR as i64, has_doc, WAIT)
        .await
        .expect("curator gets the file");
    let stored = app.case(view.case.id).await;
    let draft = stored.case.draft.expect("the draft is with the curator");
    assert_eq!(draft.attachments.len(), 1);
    assert_eq!(draft.attachments[0].file_id, "doc-act-1");
    app.stop().await;
}

/// A photo without a caption used to become a final draft with empty text, sent for approval
/// with no confirmation step. A draft needs text: the bot asks for it and keeps waiting.
#[tokio::test]
async fn p11_a_photo_without_caption_asks_for_the_drafts_text() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    let view = writing(&app, "https://vk.com/wall-1_900").await;
    app.tg.push_photo(&executor, "photo-no-caption", None);
    app.expect_message(EXECUTOR, "Нужен текст ответа").await;
    let tags: Vec<_> = app
        .case(view.case.id)
        .await
        .events()
        .map(|e| e.kind.tag())
        .collect();
    assert!(!tags.contains(&"draft_submitted"), "{tags:?}");
    // Still waiting for the text: the next message is the draft.
    app.tg.push_text(&executor, "Крыша отремонтирована.");
    app.expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    app.stop().await;
}

/// Waits until `n` presses have been answered.
async fn wait_answers(app: &TestApp, n: usize) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.tg.callback_answers().len() < n {
        assert!(tokio::time::Instant::now() < deadline, "unanswered presses");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
