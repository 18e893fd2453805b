//! «Опубликовать от бота» (issue 13, п.12 in seconds): the approved answer goes under the
//! source post — a reply in a Telegram chat the bot reads, a community comment on VK — the
//! link is recorded and the case closed; a failure leaves it open; only the curator may.

mod card;
pub(crate) mod setup;
mod vk;

use serde_json::json;

use otklik::clock::Clock;
use otklik::domain::case::{CaseState, Command, DraftKind};
use otklik::vk::VkClient;

use crate::fake_telegram::Failure;
use crate::fake_vk::{FakeVk, GROUP_TOKEN};
use crate::helpers::app::*;
use setup::*;

#[tokio::test]
async fn p12_publish_from_bot_replies_in_the_source_chat_and_records_the_link() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let view = approved(&app, "https://t.me/c/1500000002/501").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    assert!(
        prompt.has_button("📤 Опубликовать от бота"),
        "{}",
        prompt.describe()
    );
    assert!(prompt.has_button("Без ссылки"));

    app.tg.press_button(
        &app.user(CURATOR),
        prompt.message_id,
        "📤 Опубликовать от бота",
    );
    let done = app
        .expect_edit(CURATOR, prompt.message_id, "опубликован от бота")
        .await;

    // The answer and its photo, as replies to the citizen's post; nothing else.
    let posts = bot_posts(&app, PRIVATE_CHAT);
    assert_eq!(posts.len(), 2, "{}", app.tg.dump_chat(PRIVATE_CHAT));
    assert_eq!(posts[0].text, ANSWER);
    assert_eq!(posts[0].reply_to, Some(501));
    assert_eq!(posts[1].method, "sendPhoto");
    assert_eq!(posts[1].reply_to, Some(posts[0].message_id));
    let link = format!("https://t.me/c/1500000002/{}", posts[0].message_id);
    assert!(done.text.contains(&link), "{}", done.text);

    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Answered);
    assert_eq!(published_url(&after), Some(link));
    app.stop().await;
}

#[tokio::test]
async fn p12_publish_from_bot_is_offered_only_for_sources_the_bot_can_reach() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    // A chat the bot reads, by username; a chat it does not read; VK without a community token.
    let read = approved(&app, "https://t.me/alatyr_chat/77").await;
    let unread = approved(&app, "https://t.me/other_town/5").await;
    let vk = approved(&app, "https://vk.com/wall-555_7000").await;
    let prompt = publish_prompt(&app, read.case.number).await;
    assert!(
        prompt.has_button("📤 Опубликовать от бота"),
        "{}",
        prompt.describe()
    );
    for view in [&unread, &vk] {
        let prompt = publish_prompt(&app, view.case.number).await;
        assert!(
            !prompt.has_button("📤 Опубликовать от бота"),
            "{}",
            prompt.describe()
        );
        assert!(prompt.has_button("Без ссылки"));
    }
    // A forged press for the unreachable case posts nothing and says why.
    let data = format!("2|pf:{}:{}", unread.case.id.0, unread.case.version);
    app.tg
        .press_unchecked(&app.user(CURATOR), prompt.message_id, &data);
    app.expect_toast("не может ответить").await;
    assert_eq!(
        app.case(unread.case.id).await.case.state,
        CaseState::WithCurator
    );
    assert!(bot_posts(&app, public_chat("other_town")).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn p12_publish_from_bot_by_a_non_curator_is_refused() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let view = approved(&app, "https://t.me/c/1500000002/502").await;
    let data = format!("2|pf:{}:{}", view.case.id.0, view.case.version);
    for who in [EXECUTOR, DEPUTY] {
        let card = app
            .expect_message(who, &format!("№{}", view.case.number))
            .await;
        // Their cards never offer it; the press is forged.
        assert!(!card.has_button(BOT_BUTTON), "{}", card.describe());
        app.tg
            .press_unchecked(&app.user(who), card.message_id, &data);
    }
    app.expect_toast("куратор").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        bot_posts(&app, PRIVATE_CHAT).is_empty(),
        "{}",
        app.tg.dump_chat(PRIVATE_CHAT)
    );
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::WithCurator);
    assert_eq!(published_url(&after), None);
    app.stop().await;
}

#[tokio::test]
async fn p12_publish_from_bot_failure_tells_the_curator_and_keeps_the_case_open() {
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let app = TestApp::start_with_vk_group(&config(), client).await;
    let curator = app.user(CURATOR);

    // Telegram refuses the post: the curator is told, the case stays with them.
    let tg_case = approved(&app, "https://t.me/c/1500000002/503").await;
    let prompt = publish_prompt(&app, tg_case.case.number).await;
    let refusal =
        Failure::BadRequest("Bad Request: not enough rights to send text messages".into());
    app.tg
        .fail_next_in_chat("sendMessage", PRIVATE_CHAT, 1, refusal);
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_toast("Не удалось опубликовать").await;
    assert_eq!(
        app.case(tg_case.case.id).await.case.state,
        CaseState::WithCurator
    );
    assert!(bot_posts(&app, PRIVATE_CHAT).is_empty());
    // Pressed again once the bot may post: one answer, and the case closes.
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_edit(CURATOR, prompt.message_id, "опубликован от бота")
        .await;
    let texts: Vec<_> = bot_posts(&app, PRIVATE_CHAT)
        .into_iter()
        .filter(|m| m.text == ANSWER)
        .collect();
    assert_eq!(texts.len(), 1, "{}", app.tg.dump_chat(PRIVATE_CHAT));
    assert_eq!(
        app.case(tg_case.case.id).await.case.state,
        CaseState::Answered
    );

    // VK refuses: the same.
    let vk_case = approved(&app, "https://vk.com/wall-555_7000").await;
    let prompt = publish_prompt(&app, vk_case.case.number).await;
    vk.fail_next("wall.createComment", 1);
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_edit(CURATOR, prompt.message_id, "пришлите ссылку")
        .await;
    wait_for_toasts(&app, 2, "Не удалось опубликовать").await;
    assert_eq!(
        app.case(vk_case.case.id).await.case.state,
        CaseState::WithCurator
    );
    assert_eq!(vk.comments_made(), 0);
    app.stop().await;
}

#[tokio::test]
async fn nothing_but_the_published_answer_is_posted_into_groups() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let chat = public_chat("alatyr_chat");
    // A citizen's post in the read chat becomes a candidate, then a case through the card.
    let date = app.clock.now().timestamp();
    app.tg.push_raw(json!({"message": {
        "message_id": 601, "date": date,
        "chat": {"id": chat, "type": "supergroup", "title": "Алатырь — наш город", "username": "alatyr_chat"},
        "from": {"id": 777, "is_bot": false, "first_name": "Иван"},
        "text": "Во дворе на Ленина яма, третий месяц никто не засыпает",
    }}));
    let card = app.expect_message(CURATOR, "Возможное обращение").await;
    let curator = app.user(CURATOR);
    app.tg
        .press_button(&curator, card.message_id, "Зарегистрировать");
    let wizard = app.expect_message(CURATOR, "Проверьте").await;
    app.tg
        .press_button(&curator, wizard.message_id, "Направить");
    app.expect_edit(CURATOR, wizard.message_id, "зарегистрировано")
        .await;
    let view = app
        .store
        .candidate_by_link("https://t.me/alatyr_chat/601")
        .await
        .unwrap()
        .and_then(|c| c.case_id)
        .expect("registered from the candidate");
    // Work on the case: nothing of it reaches the group.
    let case = app.case(view).await;
    let unit = case.case.assignments[0].unit;
    let executor = app.person(EXECUTOR).await;
    run(&app, view, executor, Command::Accept { unit }).await;
    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: ANSWER.into(),
        attachments: Vec::new(),
    };
    run(&app, view, executor, draft).await;
    run(&app, view, app.person(DEPUTY).await, Command::Approve).await;
    app.ctx.wake();
    let prompt = publish_prompt(&app, case.case.number).await;
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_edit(CURATOR, prompt.message_id, "https://t.me/alatyr_chat/")
        .await;

    let posts = bot_posts(&app, chat);
    assert_eq!(posts.len(), 1, "{}", app.tg.dump_chat(chat));
    assert_eq!(posts[0].text, ANSWER);
    assert_eq!(posts[0].reply_to, Some(601));
    // Every message the bot sent went to a private chat, but that one answer.
    let to_groups: Vec<_> = app
        .tg
        .requests()
        .into_iter()
        .filter(|r| r.method.to_ascii_lowercase().starts_with("send"))
        .filter(|r| to_a_group(&r.body["chat_id"]))
        .collect();
    assert_eq!(to_groups.len(), 1, "{to_groups:?}");
    app.stop().await;
}
