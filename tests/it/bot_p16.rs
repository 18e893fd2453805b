//! Issue 9, п.16: a draft or a contribution may carry several photos, videos and documents,
//! sent as a Telegram album (one update per item sharing a `media_group_id`, the caption on
//! one of them). The reply is taken once with all its files, and the deputy and the curator
//! receive them as an album.

use crate::fake_telegram::{SentMessage, User};
use crate::helpers::app::*;
use crate::helpers::look::writing;
use otklik::domain::case::{AttachmentKind, EventKind};

/// One item of album `group` from `from`.
fn item(app: &TestApp, from: &User, group: &str, file: &str, caption: &str) {
    app.tg
        .message_from(from)
        .photo(file)
        .text(caption)
        .media_group(group)
        .push();
}

/// The album (sendMediaGroup) in `chat` carrying `files`, in that order.
async fn album(app: &TestApp, chat: u64, files: &[&str]) -> Vec<SentMessage> {
    let first = files[0];
    let found = app
        .tg
        .wait_for_message(
            chat as i64,
            |m| m.media.as_ref().is_some_and(|x| x.file_id == first),
            WAIT,
        )
        .await
        .unwrap_or_else(|_| panic!("no album:\n{}", app.tg.dump_chat(chat as i64)));
    let group = found.media_group_id.clone().expect("sent as an album");
    let items: Vec<SentMessage> = app
        .tg
        .messages(chat as i64)
        .into_iter()
        .filter(|m| m.media_group_id.as_deref() == Some(group.as_str()))
        .collect();
    assert!(
        items.iter().all(|m| m.method == "sendMediaGroup"),
        "{items:?}"
    );
    let ids: Vec<_> = items
        .iter()
        .filter_map(|m| m.media.as_ref().map(|x| x.file_id.as_str()))
        .collect();
    assert_eq!(ids, files);
    items
}

/// Whether an item was answered as a message the bot does not understand.
fn refused_as_command(app: &TestApp, chat: u64) -> bool {
    app.tg
        .messages(chat as i64)
        .iter()
        .any(|m| m.text.contains("работаю через команды"))
}

fn asked_for_text(app: &TestApp, chat: u64) -> bool {
    app.tg
        .messages(chat as i64)
        .iter()
        .any(|m| m.text.contains("Нужен текст"))
}

#[tokio::test]
async fn p16_album_reaches_deputy_and_curator_as_one_group() {
    let app = TestApp::start().await;
    let (executor, deputy) = (app.user(EXECUTOR), app.user(DEPUTY));
    let view = writing(&app, "https://vk.com/wall-1_1601").await;
    item(
        &app,
        &executor,
        "album-1",
        "photo-a",
        "Двор убран, фото до и после.",
    );
    item(&app, &executor, "album-1", "photo-b", "");
    item(&app, &executor, "album-1", "photo-c", "");

    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    assert!(approval.text.contains("Двор убран"), "{}", approval.text);
    album(&app, DEPUTY, &["photo-a", "photo-b", "photo-c"]).await;
    app.tg
        .press_button(&deputy, approval.message_id, "Согласовать");
    app.expect_message(CURATOR, "Согласованный проект").await;
    album(&app, CURATOR, &["photo-a", "photo-b", "photo-c"]).await;

    // Accepted once, with all three files; nothing answered as an unknown message.
    let accepted = app
        .tg
        .messages(EXECUTOR as i64)
        .iter()
        .filter(|m| m.text.contains("Принято"))
        .count();
    assert_eq!(accepted, 1, "{}", app.tg.dump_chat(EXECUTOR as i64));
    assert!(!refused_as_command(&app, EXECUTOR));
    assert!(!asked_for_text(&app, EXECUTOR));
    let drafts: Vec<_> = app
        .case(view.case.id)
        .await
        .events()
        .filter_map(|e| match &e.kind {
            EventKind::DraftSubmitted { attachments, .. } => Some(attachments.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(drafts.len(), 1);
    let files: Vec<_> = drafts[0].iter().map(|a| a.file_id.as_str()).collect();
    assert_eq!(files, ["photo-a", "photo-b", "photo-c"]);
    app.stop().await;
}

#[tokio::test]
async fn p16_second_photo_of_an_album_is_not_refused() {
    second_item_after_restart(false).await;
}

/// The pending album is completed after the restart before its second item arrives: it
/// has no text yet, so the executor is asked for it, and the second item still completes it.
#[tokio::test]
async fn p16_second_item_after_the_restart_completed_the_album_is_taken() {
    second_item_after_restart(true).await;
}

/// Item 1 of an album, a restart, then item 2 with the caption; `late`: only once the
/// restarted bot has completed the pending album without it.
async fn second_item_after_restart(late: bool) {
    let mut app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    // Its own album id: the memory of answered albums is per process, shared by tests.
    let (link, group) = match late {
        false => ("https://vk.com/wall-1_1602", "album-2"),
        true => ("https://vk.com/wall-1_1605", "album-5"),
    };
    let view = writing(&app, link).await;
    // The caption on the second item; a restart between the items loses neither.
    item(&app, &executor, group, "photo-x", "");
    let deadline = tokio::time::Instant::now() + WAIT;
    while app
        .store
        .dialog_get(EXECUTOR as i64)
        .await
        .ok()
        .flatten()
        .is_none_or(|d| d["await"] != "album")
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the first item was not kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.restart().await;
    if late {
        app.expect_message(EXECUTOR, "Нужен текст").await;
    }
    app.tg
        .message_from(&executor)
        .document("doc-y", "акт.pdf")
        .text("Акт и фото приложены.")
        .media_group(group)
        .push();

    let approval = app
        .expect_message(DEPUTY, "Проект ответа на согласование")
        .await;
    assert!(approval.text.contains("Акт и фото"), "{}", approval.text);
    // A photo and a document cannot share an album: each goes as itself.
    for file in ["photo-x", "doc-y"] {
        app.tg
            .wait_for_message(
                DEPUTY as i64,
                |m| m.media.as_ref().is_some_and(|x| x.file_id == file),
                WAIT,
            )
            .await
            .unwrap_or_else(|_| panic!("{file} did not reach the deputy"));
    }
    assert!(
        !refused_as_command(&app, EXECUTOR),
        "{}",
        app.tg.dump_chat(EXECUTOR as i64)
    );
    let kinds: Vec<_> = app
        .case(view.case.id)
        .await
        .case
        .draft
        .iter()
        .flat_map(|d| d.attachments.iter().map(|a| a.kind))
        .collect();
    assert_eq!(kinds, [AttachmentKind::Photo, AttachmentKind::Document]);
    app.stop().await;
}

#[tokio::test]
async fn p16_an_album_nobody_asked_for_gets_one_answer() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    for file in ["p1", "p2", "p3"] {
        item(&app, &executor, "album-3", file, "");
    }
    app.expect_message(EXECUTOR, "сейчас не жду").await;
    app.tg.push_text(&executor, "/my");
    app.expect_message(EXECUTOR, "задач").await;
    let texts: Vec<_> = app
        .tg
        .messages(EXECUTOR as i64)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        texts.iter().filter(|t| t.contains("сейчас не жду")).count(),
        1,
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("работаю через команды")),
        "{texts:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn p16_an_album_left_pending_by_a_restart_is_completed_after_it() {
    use otklik::bot::dialog::Dialog;
    use otklik::domain::case::{Attachment, DraftKind};
    let mut app = TestApp::start().await;
    let view = writing(&app, "https://vk.com/wall-1_1604").await;
    // The process stopped after the album's last item, before it was taken as complete.
    let photo = |id: &str| Attachment::telegram(AttachmentKind::Photo, id);
    let pending = Dialog::Album {
        reply: Box::new(Dialog::Draft {
            case: view.case.id,
            kind: DraftKind::Final,
            seen: None,
        }),
        text: "Освещение восстановлено.".into(),
        files: vec![photo("photo-m"), photo("photo-n")],
        items: 2,
        update: 990_001,
        group: "album-4".into(),
    };
    pending
        .save(&app.store, EXECUTOR as i64, app.clock_now())
        .await
        .expect("saved");
    app.restart().await;
    app.expect_message(DEPUTY, "Освещение восстановлено").await;
    album(&app, DEPUTY, &["photo-m", "photo-n"]).await;
    assert!(app
        .store
        .dialog_get(EXECUTOR as i64)
        .await
        .expect("reads")
        .is_none());
    app.stop().await;
}
