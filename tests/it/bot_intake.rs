//! Intake in Telegram (SPEC §5): a curator's link through the wizard to a registered case,
//! duplicates, forwarded channel posts, п.17 warnings, queues and refusals.

use std::time::Duration;

use otklik::domain::case::CaseState;
use otklik::domain::intake::PostLink;
use otklik::storage::CaseView;

use crate::helpers::app::*;

async fn stored(app: &TestApp, link: &str) -> Option<CaseView> {
    let link = PostLink::parse(link).expect("a link");
    app.store
        .find_by_link(link.as_str(), &app.store_ctx())
        .await
        .expect("read")
}

/// Walks the wizard message `id` from the topic to the summary.
pub(crate) async fn classify(
    app: &TestApp,
    id: i32,
    topic: &str,
    location: &str,
    importance: &str,
    units: &[&str],
) {
    let curator = app.user(CURATOR);
    app.tg.press_button(&curator, id, topic);
    app.expect_edit(CURATOR, id, "Выберите локацию").await;
    app.tg.press_button(&curator, id, location);
    app.expect_edit(CURATOR, id, "Выберите важность").await;
    app.tg.press_button(&curator, id, importance);
    app.expect_edit(CURATOR, id, "Выберите отделы").await;
    for unit in units {
        let before = app
            .tg
            .message(CURATOR as i64, id)
            .map(|m| m.edits)
            .unwrap_or_default();
        app.tg.press_button(&curator, id, unit);
        wait_edits(app, id, before + 1).await;
    }
    app.tg.press_button(&curator, id, "Далее");
    app.expect_edit(CURATOR, id, "Проверьте").await;
}

async fn wait_edits(app: &TestApp, id: i32, n: u32) {
    let ok = app
        .tg
        .wait_until("an edit", WAIT, |tg| {
            tg.message(CURATOR as i64, id).is_some_and(|m| m.edits >= n)
        })
        .await;
    assert!(
        ok.is_ok(),
        "message {id} was not edited:\n{}",
        app.tg.dump_chat(CURATOR as i64)
    );
}

#[tokio::test]
async fn p8_a_link_goes_through_the_wizard_to_a_registered_case() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.tg.push_text(
        &curator,
        "Жалоба на крышу: https://m.vk.com/wall-1_100?utm_source=tg",
    );
    let wizard = app.expect_message(CURATOR, "Выберите тему").await;
    assert!(
        wizard.text.contains("https://vk.com/wall-1_100") && wizard.text.contains("ВКонтакте"),
        "{}",
        wizard.text
    );
    assert!(wizard.has_button("Благоустройство") && wizard.has_button("Отмена"));

    classify(
        &app,
        wizard.message_id,
        "ЖКХ",
        "г. Алатырь",
        "Высокая",
        &["Отдел ЖКХ", "Отдел дорожного"],
    )
    .await;
    let summary = app
        .tg
        .message(CURATOR as i64, wizard.message_id)
        .expect("summary");
    for part in [
        "Тема: ЖКХ",
        "г. Алатырь",
        "Высокая",
        "Отдел ЖКХ (ответственный, зам. Сидоров В.В.)",
        "Смирнова Е.Е.",
    ] {
        assert!(summary.text.contains(part), "{part:?} in {}", summary.text);
    }
    assert!(
        summary.has_button("Направить") && summary.has_button("п.17"),
        "{:?}",
        summary.keyboard
    );
    app.tg
        .press_button(&curator, wizard.message_id, "Направить");
    let done = app
        .expect_edit(
            CURATOR,
            wizard.message_id,
            "Дело №1 зарегистрировано и направлено",
        )
        .await;
    assert!(done.has_button("Открыть дело №1"), "{:?}", done.keyboard);

    let view = stored(&app, "https://vk.com/wall-1_100")
        .await
        .expect("registered");
    let case = &view.case;
    assert_eq!(
        (
            case.topic.as_str(),
            case.location.as_str(),
            case.importance.as_str()
        ),
        ("ЖКХ", "г. Алатырь", "Высокая")
    );
    assert_eq!(case.network, "vk");
    assert_eq!(case.state, CaseState::Assigned);
    let zhkh = app
        .store
        .unit_by_name("Отдел ЖКХ")
        .await
        .expect("read")
        .expect("unit")
        .id;
    assert_eq!(case.responsible().map(|a| a.unit), Some(zhkh));
    assert_eq!(case.assignments.len(), 2);
    // Cards go out through the outbox, to the executors and the deputy.
    app.expect_message(EXECUTOR, "Дело №1").await;
    app.expect_message(ROADS_EXECUTOR, "Дело №1").await;

    // The wizard is over: its old buttons are stale and change nothing.
    app.tg.press_unchecked(&curator, wizard.message_id, "2|ok");
    app.expect_toast("устарела").await;
    app.stop().await;
}

#[tokio::test]
async fn a_duplicate_link_is_not_registered_again() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.register("https://vk.com/wall-1_200", &["Отдел ЖКХ"])
        .await;
    app.tg
        .push_text(&curator, "https://m.vk.com/wall-1_200#comments");
    let dup = app
        .expect_message(CURATOR, "Это сообщение уже зарегистрировано: дело №1")
        .await;
    app.tg
        .press_button(&curator, dup.message_id, "Открыть дело №1");
    app.expect_message(CURATOR, "Тема: ЖКХ").await;
    let second = app
        .store
        .case_by_number(2, &app.store_ctx())
        .await
        .expect("read");
    assert!(second.is_none(), "no second case");
    app.stop().await;
}

#[tokio::test]
async fn a_forwarded_channel_post_and_a_p17_rejection() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.tg.push_forwarded_channel_post(
        &curator,
        "Город",
        "city_news",
        42,
        "Я тебя убью, подробнее https://example.com/x",
    );
    let wizard = app.expect_message(CURATOR, "Выберите тему").await;
    assert!(
        wizard.text.contains("https://t.me/city_news/42"),
        "{}",
        wizard.text
    );
    assert!(
        wizard.text.contains("угрозы") && wizard.text.contains("п.17"),
        "{}",
        wizard.text
    );
    classify(
        &app,
        wizard.message_id,
        "Дороги",
        "с. Кувакино",
        "Низкая",
        &["Отдел дорожного"],
    )
    .await;
    app.tg
        .press_button(&curator, wizard.message_id, "Отклонить по п.17");
    app.expect_edit(CURATOR, wizard.message_id, "отклонено по п.17")
        .await;
    let view = stored(&app, "https://t.me/city_news/42")
        .await
        .expect("registered");
    assert_eq!(view.case.state, CaseState::Rejected);
    assert!(
        stored(&app, "https://example.com/x").await.is_none(),
        "links quoted in a forwarded post are not posts"
    );
    app.stop().await;
}

#[tokio::test]
async fn several_links_are_taken_one_after_another() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.tg
        .push_text(&curator, "vk.com/wall-1_1 и ok.ru/group/2/topic/3");
    let first = app.expect_message(CURATOR, "wall-1_1").await;
    assert!(
        first.text.contains("В очереди ещё 1 ссылка"),
        "{}",
        first.text
    );
    app.tg.push_text(&curator, "https://dzen.ru/a/xyz");
    app.expect_message(CURATOR, "добавлена в очередь").await;
    app.tg.press_button(&curator, first.message_id, "Отмена");
    app.expect_edit(CURATOR, first.message_id, "Регистрация отменена")
        .await;
    let second = app.expect_message(CURATOR, "ok.ru/group/2/topic/3").await;
    assert!(
        second.text.contains("Одноклассники") && second.has_button("ЖКХ"),
        "{}",
        second.text
    );
    app.tg.press_button(&curator, second.message_id, "Отмена");
    app.expect_message(CURATOR, "dzen.ru/a/xyz").await;
    app.stop().await;
}

#[tokio::test]
async fn p6_intake_is_for_curators_only() {
    let app = TestApp::start().await;
    let (executor, curator) = (app.user(EXECUTOR), app.user(CURATOR));
    app.tg.push_text(&executor, "https://vk.com/wall-1_5");
    app.expect_message(EXECUTOR, "/help").await;
    app.tg.push_text(&executor, "/new https://vk.com/wall-1_5");
    app.expect_message(EXECUTOR, "только куратор").await;
    app.tg.push_text(&curator, "/new");
    app.expect_message(CURATOR, "Пришлите ссылку").await;
    app.tg.push_text(&curator, "просто текст");
    app.expect_message(CURATOR, "нет ссылки").await;
    app.tg.settle(Duration::from_millis(300), WAIT).await.ok();
    assert!(stored(&app, "https://vk.com/wall-1_5").await.is_none());
    app.stop().await;
}

#[tokio::test]
async fn p15_a_new_post_is_marked_as_a_repeat_of_an_earlier_case() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    let earlier = app
        .register("https://vk.com/wall-1_300", &["Отдел ЖКХ"])
        .await;
    app.tg.push_text(&curator, "https://vk.com/wall-1_301");
    let wizard = app.expect_message(CURATOR, "Выберите тему").await;
    let id = wizard.message_id;
    classify(&app, id, "ЖКХ", "г. Алатырь", "Средняя", &["Отдел ЖКХ"]).await;
    app.tg.press_button(&curator, id, "Повтор дела №1");
    let summary = app
        .expect_edit(CURATOR, id, "Повторное обращение по делу №1")
        .await;
    assert!(
        summary.has_button("✓ Повтор дела №1"),
        "{:?}",
        summary.keyboard
    );
    app.tg.press_button(&curator, id, "Направить");
    app.expect_edit(CURATOR, id, "Дело №2 зарегистрировано")
        .await;
    let view = stored(&app, "https://vk.com/wall-1_301")
        .await
        .expect("registered");
    assert_eq!(view.case.repeat_of, Some(earlier.case.id));
    app.stop().await;
}

#[tokio::test]
async fn forged_and_early_presses_change_nothing() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.tg.push_text(&curator, "https://vk.com/wall-1_400");
    let wizard = app.expect_message(CURATOR, "Выберите тему").await;
    for data in ["1|t:99", "2|ok", "1|p17", "1|u:999", "1|rp:1"] {
        app.tg.press_unchecked(&curator, wizard.message_id, data);
    }
    let answered = app
        .tg
        .wait_until("five answers", WAIT, |tg| tg.callback_answers().len() == 5)
        .await;
    assert!(answered.is_ok(), "{:?}", app.tg.callback_answers());
    assert!(app
        .tg
        .callback_answers()
        .iter()
        .all(|(_, t, _)| t.as_deref().is_some_and(|t| t.contains("устарела"))));
    assert!(stored(&app, "https://vk.com/wall-1_400").await.is_none());
    app.tg.press_button(&curator, wizard.message_id, "Дороги");
    app.expect_edit(CURATOR, wizard.message_id, "Тема: Дороги")
        .await;
    app.stop().await;
}
