//! Nothing leaks: a forged press shows nothing of a case the presser may not see, and work
//! content never goes into a group chat.

use serde_json::json;

use crate::helpers::app::*;

/// A roads executor forges approve, publish, send-back and publish-without-link presses for
/// a housing case: each is refused like `/case N` would be, and the pressed message keeps
/// showing what it showed (no link, topic, state or draft of that case).
#[tokio::test]
async fn forged_press_for_another_units_case_renders_nothing_of_it() {
    let app = TestApp::start().await;
    let roads = app.user(ROADS_EXECUTOR);
    let view = app
        .register("https://vk.com/wall-2_777", &["Отдел ЖКХ"])
        .await;
    let id = view.case.id;
    app.expect_message(EXECUTOR, "Дело №1").await;

    app.tg.push_text(&roads, "/help");
    let help = app.expect_message(ROADS_EXECUTOR, "Что вы можете").await;
    for tag in ["ap", "pb", "sb", "pn"] {
        let before = app.tg.callback_answers().len();
        app.tg
            .press_unchecked(&roads, help.message_id, &format!("2|{tag}:{id}:1"));
        let answer = wait_answer(&app, before).await;
        assert!(
            answer.contains("недоступно вам"),
            "{tag}: refused as not available, got {answer:?}"
        );
    }
    // A last ordinary request is answered, so every forged press has been handled.
    app.tg.push_text(&roads, "/my");
    app.expect_message(ROADS_EXECUTOR, "Открытых задач нет")
        .await;
    let shown = app
        .tg
        .message(ROADS_EXECUTOR as i64, help.message_id)
        .expect("the help message");
    assert_eq!(shown.text, help.text, "the pressed message was redrawn");
    let everything = app.tg.dump_chat(ROADS_EXECUTOR as i64);
    for secret in ["wall-2_777", "ЖКХ", "Дело №1", "Назначено"] {
        assert!(
            !everything.contains(secret),
            "{secret:?} leaked:\n{everything}"
        );
    }
    app.stop().await;
}

/// The newest callback answer's text after `before` answers.
async fn wait_answer(app: &TestApp, before: usize) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let answers = app.tg.callback_answers();
        if answers.len() > before {
            return answers[before].1.clone().unwrap_or_default();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no answer to the press"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

const GROUP: i64 = -100_555;

/// Sends `text` from `who` into a group chat.
fn group_text(app: &TestApp, who: u64, message_id: i64, text: &str) {
    let from =
        json!({ "id": who, "is_bot": false, "first_name": "Сотрудник", "language_code": "ru" });
    let chat = json!({ "id": GROUP, "type": "supergroup", "title": "Отдел ЖКХ" });
    let message = json!({
        "message_id": message_id, "from": from, "chat": chat,
        "date": chrono::Utc::now().timestamp(), "text": text,
    });
    app.tg.push_raw(json!({ "message": message }));
}

/// `/case`, `/my` and `/report` in a group get only a pointer to the private chat; the
/// answers themselves are not posted there.
#[tokio::test]
async fn group_chat_gets_a_pointer_and_no_work_content() {
    let app = TestApp::start().await;
    app.register("https://vk.com/wall-2_778", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;

    let commands = [
        (CURATOR, "/case 1"),
        (EXECUTOR, "/my"),
        (CURATOR, "/report 2026-10"),
        (CURATOR, "/overdue"),
    ];
    // A plain message in a group is not the bot's business: no answer at all.
    group_text(&app, EXECUTOR, 49, "https://vk.com/wall-2_779");
    for (i, (who, text)) in commands.iter().enumerate() {
        group_text(&app, *who, 50 + i as i64, text);
    }
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.tg.messages(GROUP).len() < commands.len() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "pointers expected:\n{}",
            app.tg.dump_chat(GROUP)
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Handled in order: the plain message got nothing, each command one pointer.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.tg.messages(GROUP).len(), commands.len());
    for m in app.tg.messages(GROUP) {
        assert!(m.text.contains("личном чате"), "not a pointer: {}", m.text);
        assert!(
            m.keyboard.is_empty(),
            "buttons in a group: {:?}",
            m.keyboard
        );
    }
    let to_group = |r: &&crate::fake_telegram::RecordedRequest| {
        r.body["chat_id"].as_i64() == Some(GROUP) || r.body["chat_id"] == json!(GROUP.to_string())
    };
    let documents = app.tg.requests_for("sendDocument");
    assert_eq!(documents.iter().filter(to_group).count(), 0, "files posted");
    let group = app.tg.dump_chat(GROUP);
    for secret in ["wall-2_778", "История", "открытая задача", "Итоги"] {
        assert!(!group.contains(secret), "{secret:?} in the group:\n{group}");
    }
    app.stop().await;
}
