//! Publishing to VK: a community comment under the post, or in reply to the comment the
//! case came from, with the comment's link recorded.

use otklik::clock::Clock;
use otklik::domain::candidate::{Plan, Slot, Suggestion};
use otklik::domain::case::CaseState;
use otklik::domain::CaseId;
use otklik::storage::candidates::{CandidateStatus, NewCandidate};
use otklik::vk::VkClient;

use super::setup::*;
use crate::fake_vk::{FakeVk, GROUP_TOKEN};
use crate::helpers::app::*;

#[tokio::test]
async fn p12_publish_from_bot_to_vk_posts_a_community_comment_and_records_the_link() {
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let app = TestApp::start_with_vk_group(&config(), client).await;
    let view = approved(&app, "https://vk.com/wall-555_7001?reply=81").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    app.tg.press_button(
        &app.user(CURATOR),
        prompt.message_id,
        "📤 Опубликовать от бота",
    );
    let done = app
        .expect_edit(CURATOR, prompt.message_id, "опубликован от бота")
        .await;

    let calls = vk.calls_of("wall.createComment");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let p = &calls[0].params;
    assert_eq!(p["owner_id"], "-555");
    assert_eq!(p["post_id"], "7001");
    assert_eq!(p["from_group"], "555");
    assert_eq!(p["message"], ANSWER);
    assert!(p.get("guid").is_some_and(|g| !g.is_empty()));
    let after = app.case(view.case.id).await;
    let url = published_url(&after).expect("a link");
    assert_eq!(after.case.state, CaseState::Answered);
    // The case's link names a comment: the answer replies to it.
    assert_eq!(p.get("reply_to_comment").map(String::as_str), Some("81"));
    assert!(
        url.starts_with("https://vk.com/wall-555_7001?reply=9"),
        "{url}"
    );
    assert!(done.text.contains(&url), "{}", done.text);
    // The photo is a Telegram file: VK cannot take it, the curator is told.
    assert!(
        done.text.contains("Не удалось приложить файлов: 1"),
        "{}",
        done.text
    );

    // A case of a post, registered from a comment's candidate: the answer replies to the
    // comment the candidate was.
    let view = approved(&app, "https://vk.com/wall-555_7002").await;
    comment_candidate(&app, view.case.id, "https://vk.com/wall-555_7002?reply=81").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    app.tg.press_button(
        &app.user(CURATOR),
        prompt.message_id,
        "📤 Опубликовать от бота",
    );
    app.expect_edit(CURATOR, prompt.message_id, "опубликован от бота")
        .await;
    let calls = vk.calls_of("wall.createComment");
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[1].params["post_id"], "7002");
    assert_eq!(calls[1].params["reply_to_comment"], "81");
    app.stop().await;
}

/// Stores the candidate a comment became and settles it with `case`, as the card would.
async fn comment_candidate(app: &TestApp, case: CaseId, link: &str) {
    let new = NewCandidate {
        source: "vk".into(),
        link: link.into(),
        chat_id: Some(-555),
        message_id: Some(81),
        place: "Кувакино сегодня".into(),
        excerpt: "Яма у школы".into(),
        reason: "яма".into(),
        suggestion: Suggestion::default(),
        same_case: None,
        repeat_of: None,
    };
    let now = app.clock.now();
    let plan = |_| Plan {
        slot: Slot::Card,
        at: now,
    };
    let c = app
        .store
        .add_candidate(&new, now, plan)
        .await
        .unwrap()
        .unwrap();
    let settled = app
        .store
        .settle_candidate(c.id, CandidateStatus::Registered, Some(case));
    assert!(settled.await.unwrap());
}
