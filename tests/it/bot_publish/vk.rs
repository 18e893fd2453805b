//! Publishing to VK: a community comment under the post, or in reply to the comment the
//! case came from, with the answer's files uploaded to VK and the comment's link recorded.

use otklik::clock::Clock;
use otklik::domain::candidate::{Plan, Slot, Suggestion};
use otklik::domain::case::{AttachmentKind, CaseState};
use otklik::domain::CaseId;
use otklik::storage::candidates::{CandidateStatus, NewCandidate};
use otklik::vk::VkClient;

use super::setup::*;
use crate::fake_telegram::SentMessage;
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
    // The photo went with it, uploaded to VK.
    assert!(
        p.get("attachments")
            .is_some_and(|a| a.starts_with("photo-555_")),
        "{p:?}"
    );
    assert!(!done.text.contains("Не удалось приложить"), "{}", done.text);

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

/// A VK community comment from the curator's card.
async fn publish_from_card(app: &TestApp, number: i64) -> SentMessage {
    let card = curators_card(app, number).await;
    app.tg
        .press_button(&app.user(CURATOR), card.message_id, BOT_BUTTON);
    app.expect_edit(CURATOR, card.message_id, "опубликован от бота")
        .await
}

#[tokio::test]
async fn p12_publish_from_bot_to_vk_attaches_the_photos() {
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let app = TestApp::start_with_vk_group(&config(), client).await;
    let files = vec![
        file(AttachmentKind::Photo, "photo-after-repair"),
        file(AttachmentKind::Document, "act-of-works"),
    ];
    let view = approved_with(&app, "https://vk.com/wall-555_7003", files).await;
    let done = publish_from_card(&app, view.case.number).await;

    // Each file was fetched from Telegram and uploaded to the community's wall.
    let fetched: Vec<_> = app
        .tg
        .requests()
        .into_iter()
        .filter(|r| r.is("getFile"))
        .map(|r| r.body["file_id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(fetched, ["photo-after-repair", "act-of-works"]);
    for method in ["photos.getWallUploadServer", "docs.getWallUploadServer"] {
        let calls = vk.calls_of(method);
        assert_eq!(calls.len(), 1, "{method}: {calls:?}");
        assert_eq!(calls[0].params["group_id"], "555");
    }
    let uploaded = vk.uploaded();
    let fields: Vec<_> = uploaded.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(fields, ["photo", "file"]);
    assert!(uploaded
        .iter()
        .all(|(_, _, bytes)| bytes == b"fake file content"));
    assert_eq!(vk.calls_of("photos.saveWallPhoto").len(), 1);
    assert_eq!(vk.calls_of("docs.save").len(), 1);
    // The comment carries both (the fake refuses names it never saved).
    let comments = vk.calls_of("wall.createComment");
    assert_eq!(comments.len(), 1, "{comments:?}");
    let p = &comments[0].params;
    assert_eq!(p["message"], ANSWER);
    let attached: Vec<_> = p["attachments"].split(',').collect();
    assert_eq!(attached.len(), 2, "{p:?}");
    assert!(attached[0].starts_with("photo-555_"), "{p:?}");
    assert!(attached[1].starts_with("doc-555_"), "{p:?}");

    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Answered);
    let url = published_url(&after).expect("a link");
    assert!(
        url.starts_with("https://vk.com/wall-555_7003?reply="),
        "{url}"
    );
    assert!(done.text.contains(&url), "{}", done.text);
    assert!(!done.text.contains("Не удалось приложить"), "{}", done.text);
    app.stop().await;
}

#[tokio::test]
async fn p12_a_file_vk_does_not_take_is_named_and_the_answer_still_goes() {
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let app = TestApp::start_with_vk_group(&config(), client).await;
    let files = vec![
        file(AttachmentKind::Photo, "photo-after-repair"),
        file(AttachmentKind::Document, "act-of-works"),
        file(AttachmentKind::Video, "video-of-works"),
    ];
    let view = approved_with(&app, "https://vk.com/wall-555_7004", files).await;
    // The upload server refuses the photo.
    vk.refuse_uploads(1);
    let done = publish_from_card(&app, view.case.number).await;

    let comments = vk.calls_of("wall.createComment");
    assert_eq!(comments.len(), 1, "{comments:?}");
    let p = &comments[0].params;
    assert_eq!(p["message"], ANSWER);
    assert!(p["attachments"].starts_with("doc-555_"), "{p:?}");
    assert!(!p["attachments"].contains(','), "{p:?}");
    assert!(
        done.text
            .contains("Не удалось приложить к ответу: фото №1, видео №3"),
        "{}",
        done.text
    );
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Answered);
    assert!(published_url(&after).is_some());
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
