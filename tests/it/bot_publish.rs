//! «Опубликовать от бота» (issue 13, п.12 in seconds): the approved answer goes under the
//! source post — a reply in a Telegram chat the bot reads, a community comment on VK — the
//! link is recorded and the case closed; a failure leaves it open; only the curator may.

use serde_json::json;

use otklik::clock::Clock;
use otklik::domain::candidate::{Plan, Slot, Suggestion};
use otklik::domain::case::{Attachment, AttachmentKind, CaseState, Command, DraftKind, EventKind};
use otklik::domain::{CaseId, PersonId};
use otklik::service::cases;
use otklik::storage::candidates::{CandidateStatus, NewCandidate};
use otklik::storage::{CaseView, CommandMeta};
use otklik::vk::VkClient;

use crate::fake_telegram::{Failure, SentMessage};
use crate::fake_vk::{FakeVk, GROUP_TOKEN};
use crate::helpers::app::*;

/// A private supergroup the bot reads, named by id (`t.me/c/1500000002/…` links).
const PRIVATE_CHAT: i64 = -1_001_500_000_002;
const ANSWER: &str = "Яму на ул. Ленина засыпали 25 ноября. Спасибо за обращение!";

fn config() -> String {
    format!(
        "{CONFIG}\n{}",
        r#"
[candidates]
signals = ["яма", "не работает"]

[[candidates.chats]]
chat = "@alatyr_chat"

[[candidates.chats]]
chat = -1001500000002
mode = "watched"

[[candidates.suggest]]
words = ["яма"]
topic = "ЖКХ"
unit = "Отдел ЖКХ"

[[candidates.suggest]]
words = ["ленина"]
location = "г. Алатырь"

[[candidates.suggest]]
words = ["яма"]
importance = "Средняя"
"#
    )
}

/// The chat id the fake Bot API gives a public chat addressed as `@name`.
fn public_chat(name: &str) -> i64 {
    let hash = name
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    -1_000_000_000_000 - (hash % 1_000_000_000) as i64
}

async fn run(app: &TestApp, case: CaseId, who: PersonId, cmd: Command) {
    let meta = CommandMeta::at(app.clock.now());
    cases::execute(&app.store, case, who, &cmd, meta, &app.store_ctx())
        .await
        .expect("command");
}

/// A case of `link` taken by the executor, answered with a photo and approved: the curator
/// has it for publication.
async fn approved(app: &TestApp, link: &str) -> CaseView {
    let view = app.register(link, &["Отдел ЖКХ"]).await;
    let id = view.case.id;
    let unit = view.case.assignments[0].unit;
    let executor = app.person(EXECUTOR).await;
    run(app, id, executor, Command::Accept { unit }).await;
    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: ANSWER.into(),
        attachments: vec![Attachment {
            kind: AttachmentKind::Photo,
            file_id: "photo-after-repair".into(),
        }],
    };
    run(app, id, executor, draft).await;
    run(app, id, app.person(DEPUTY).await, Command::Approve).await;
    app.ctx.wake();
    app.case(id).await
}

/// The curator presses «Опубликовано» on the case's card and gets the publish prompt.
async fn publish_prompt(app: &TestApp, number: i64) -> SentMessage {
    let label = "📢 Опубликовано";
    let needle = format!("№{number}");
    let card = app
        .tg
        .wait_for_message(CURATOR as i64, |m| m.has_button(label) && m.text.contains(&needle), WAIT)
        .await
        .expect("the curator's card with «Опубликовано»");
    app.tg.press_button(&app.user(CURATOR), card.message_id, label);
    let prompt = format!("Дело №{number}: пришлите ссылку");
    app.expect_message(CURATOR, &prompt).await
}

fn published_url(view: &CaseView) -> Option<String> {
    view.events().find_map(|e| match &e.kind {
        EventKind::Published { url, .. } => url.clone(),
        _ => None,
    })
}

fn bot_posts(app: &TestApp, chat: i64) -> Vec<SentMessage> {
    app.tg.messages(chat)
}

#[tokio::test]
async fn p12_publish_from_bot_replies_in_the_source_chat_and_records_the_link() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let view = approved(&app, "https://t.me/c/1500000002/501").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    assert!(prompt.has_button("📤 Опубликовать от бота"), "{}", prompt.describe());
    assert!(prompt.has_button("Без ссылки"));

    app.tg
        .press_button(&app.user(CURATOR), prompt.message_id, "📤 Опубликовать от бота");
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
async fn p12_publish_from_bot_to_vk_posts_a_community_comment_and_records_the_link() {
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let app = TestApp::start_with_vk_group(&config(), client).await;
    let view = approved(&app, "https://vk.com/wall-555_7001?reply=81").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    app.tg
        .press_button(&app.user(CURATOR), prompt.message_id, "📤 Опубликовать от бота");
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
    assert!(url.starts_with("https://vk.com/wall-555_7001?reply=9"), "{url}");
    assert!(done.text.contains(&url), "{}", done.text);
    // The photo is a Telegram file: VK cannot take it, the curator is told.
    assert!(done.text.contains("Не удалось приложить файлов: 1"), "{}", done.text);

    // A case of a post, registered from a comment's candidate: the answer replies to the
    // comment the candidate was.
    let view = approved(&app, "https://vk.com/wall-555_7002").await;
    comment_candidate(&app, view.case.id, "https://vk.com/wall-555_7002?reply=81").await;
    let prompt = publish_prompt(&app, view.case.number).await;
    app.tg
        .press_button(&app.user(CURATOR), prompt.message_id, "📤 Опубликовать от бота");
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
    let c = app.store.add_candidate(&new, now, plan).await.unwrap().unwrap();
    let settled = app.store.settle_candidate(c.id, CandidateStatus::Registered, Some(case));
    assert!(settled.await.unwrap());
}

#[tokio::test]
async fn p12_publish_from_bot_is_offered_only_for_sources_the_bot_can_reach() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    // A chat the bot reads, by username; a chat it does not read; VK without a community token.
    let read = approved(&app, "https://t.me/alatyr_chat/77").await;
    let unread = approved(&app, "https://t.me/other_town/5").await;
    let vk = approved(&app, "https://vk.com/wall-555_7000").await;
    let prompt = publish_prompt(&app, read.case.number).await;
    assert!(prompt.has_button("📤 Опубликовать от бота"), "{}", prompt.describe());
    for view in [&unread, &vk] {
        let prompt = publish_prompt(&app, view.case.number).await;
        assert!(!prompt.has_button("📤 Опубликовать от бота"), "{}", prompt.describe());
        assert!(prompt.has_button("Без ссылки"));
    }
    // A forged press for the unreachable case posts nothing and says why.
    let data = format!("1|pf:{}", unread.case.id.0);
    app.tg
        .press_unchecked(&app.user(CURATOR), prompt.message_id, &data);
    app.expect_toast("не может ответить").await;
    assert_eq!(app.case(unread.case.id).await.case.state, CaseState::WithCurator);
    assert!(bot_posts(&app, public_chat("other_town")).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn p12_publish_from_bot_by_a_non_curator_is_refused() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let view = approved(&app, "https://t.me/c/1500000002/502").await;
    let data = format!("1|pf:{}", view.case.id.0);
    for who in [EXECUTOR, DEPUTY] {
        let card = app.expect_message(who, &format!("№{}", view.case.number)).await;
        app.tg.press_unchecked(&app.user(who), card.message_id, &data);
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
    let refusal = Failure::BadRequest("Bad Request: not enough rights to send text messages".into());
    app.tg
        .fail_next_in_chat("sendMessage", PRIVATE_CHAT, 1, refusal);
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_toast("Не удалось опубликовать").await;
    assert_eq!(app.case(tg_case.case.id).await.case.state, CaseState::WithCurator);
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
    assert_eq!(app.case(tg_case.case.id).await.case.state, CaseState::Answered);

    // VK refuses: the same.
    let vk_case = approved(&app, "https://vk.com/wall-555_7000").await;
    let prompt = publish_prompt(&app, vk_case.case.number).await;
    vk.fail_next("wall.createComment", 1);
    app.tg
        .press_button(&curator, prompt.message_id, "📤 Опубликовать от бота");
    app.expect_edit(CURATOR, prompt.message_id, "пришлите ссылку")
        .await;
    wait_for_toasts(&app, 2, "Не удалось опубликовать").await;
    assert_eq!(app.case(vk_case.case.id).await.case.state, CaseState::WithCurator);
    assert_eq!(vk.comments_made(), 0);
    app.stop().await;
}

/// A chat id as sent: private chats are positive, groups and channels negative or `@name`.
fn to_a_group(chat: &serde_json::Value) -> bool {
    let id = match chat {
        serde_json::Value::String(s) => s.parse::<i64>().ok(),
        other => other.as_i64(),
    };
    id.is_none_or(|c| c < 0)
}

async fn wait_for_toasts(app: &TestApp, n: usize, needle: &str) {
    for _ in 0..500 {
        let count = app
            .tg
            .callback_answers()
            .iter()
            .filter(|(_, t, _)| t.as_deref().is_some_and(|t| t.contains(needle)))
            .count();
        if count >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("fewer than {n} toasts {needle:?}: {:?}", app.tg.callback_answers());
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
    app.tg.press_button(&curator, card.message_id, "Зарегистрировать");
    let wizard = app.expect_message(CURATOR, "Проверьте").await;
    app.tg.press_button(&curator, wizard.message_id, "Направить");
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
