//! п.16 across messengers: files of drafts and contributions reach people in the other
//! messenger. A Telegram file is fetched from Telegram (getFile and the download) and
//! uploaded to MAX; a MAX file is downloaded from MAX and uploaded to Telegram. A file
//! that cannot be carried is named in a short line, and the notice is still delivered.

use otklik::domain::case::{AttachmentKind, EventKind};
use otklik::domain::messenger::Messenger;
use otklik::storage::OutboxStatus;

use crate::fake_max::{FakeMax, InFile, MaxUser, Sent};
use crate::fake_telegram::{Failure, MediaKind, SentMessage};
use crate::helpers::app::*;
use crate::helpers::look::writing;
use crate::max_flow::{ask_to_write, config_in_max, press, DEPUTY_MAX, EXECUTOR_MAX};

/// Executor in Telegram, deputy in MAX.
fn deputy_in_max() -> String {
    CONFIG.replace("telegram_id = 1003", "max_id = 5003")
}

/// Waits until every notice of the case went out (none left pending or given up).
async fn all_delivered(app: &TestApp, case: otklik::domain::CaseId) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows = app.store.outbox_for_case(case).await.expect("reads");
        if rows.iter().all(|r| r.status == OutboxStatus::Sent) {
            return;
        }
        let left: Vec<_> = rows
            .iter()
            .filter(|r| r.status != OutboxStatus::Sent)
            .map(|r| (r.id, r.status, r.attempts, r.parts_sent))
            .collect();
        assert!(
            tokio::time::Instant::now() < deadline,
            "notices not delivered: {left:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The files (upload tokens) MAX messages to `user` carry, in order.
fn files_to(max: &FakeMax, user: i64) -> Vec<String> {
    max.sent_to(user)
        .into_iter()
        .flat_map(|m: Sent| m.files)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p16_telegram_photos_reach_a_deputy_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&deputy_in_max(), &max).await;
    let executor = app.user(EXECUTOR);
    app.tg.put_file("photo-a", b"before the repair");
    app.tg.put_file("photo-b", b"after the repair");
    let view = writing(&app, "https://vk.com/wall-1_1701").await;
    for (file, caption) in [("photo-a", "Двор убран, фото до и после."), ("photo-b", "")]
    {
        app.tg
            .message_from(&executor)
            .photo(file)
            .text(caption)
            .media_group("album-1")
            .push();
    }

    let approval = max
        .wait_for(DEPUTY_MAX, |m| {
            m.text.contains("Проект ответа на согласование")
        })
        .await;
    assert!(approval.text.contains("Двор убран"), "{}", approval.text);
    max.wait_for(DEPUTY_MAX, |m| {
        m.files.len() == 1 && m.files[0].contains("image")
    })
    .await;
    all_delivered(&app, view.case.id).await;
    // Both photos, each once, with the bytes the executor sent in Telegram.
    let files = files_to(&max, DEPUTY_MAX);
    let bytes: Vec<Vec<u8>> = files
        .iter()
        .map(|t| max.uploaded_bytes(t).expect("uploaded"))
        .collect();
    assert_eq!(
        bytes,
        [b"before the repair".to_vec(), b"after the repair".to_vec()]
    );
    assert_eq!(app.tg.requests_for("getFile").len(), 2);
    max.assert_spec_clean();
    app.tg.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p16_a_max_executors_files_reach_the_curator_in_telegram() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let deputy = MaxUser::new(DEPUTY_MAX, "Виктор");
    // October's summary reaches the curator at start, its workbook last: let it finish,
    // so the one failed upload below is the answer's document, not the workbook.
    summary_delivered(&app).await;
    let view = app
        .register("https://vk.com/wall-1_1702", &["Отдел ЖКХ"])
        .await;
    let card = max
        .wait_for(EXECUTOR_MAX, |m| m.payload_of("Принять").is_some())
        .await;
    ask_to_write(&max, &executor, &card).await;
    let sent = [
        InFile::new("image", "", b"photo of the yard"),
        InFile::new("file", "акт.pdf", b"%PDF act"),
    ];
    let tokens = max.push_files(&executor, "Двор убран, акт приложен.", &sent);
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("Принято."))
        .await;

    // The deputy, in MAX, gets the same files again by their tokens.
    let approval = max
        .wait_for(DEPUTY_MAX, |m| {
            m.text.contains("Проект ответа на согласование")
        })
        .await;
    max.wait_for(DEPUTY_MAX, |m| m.files.contains(&tokens[1]))
        .await;
    assert_eq!(files_to(&max, DEPUTY_MAX), tokens);
    // The document's upload fails once: the retried notice resumes after the photo.
    app.tg
        .fail_next_in_chat("sendDocument", CURATOR as i64, 1, Failure::Server(500));
    press(&max, &deputy, &approval, "Согласовать");

    // The curator, in Telegram, gets them uploaded: a photo and the named document.
    let publish = approved_draft(&app).await;
    assert!(publish.text.contains("Двор убран"), "{}", publish.text);
    let doc = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| {
                m.media.as_ref().is_some_and(|x| {
                    x.kind == MediaKind::Document && x.file_name.as_deref() == Some("акт.pdf")
                })
            },
            WAIT * 3,
        )
        .await
        .expect("the document");
    let doc = doc.media.expect("media");
    assert_eq!(doc.file_name.as_deref(), Some("акт.pdf"));
    assert_eq!(
        app.tg.uploaded(&doc.file_id).as_deref(),
        Some(&b"%PDF act"[..])
    );
    let photos: Vec<_> = app
        .tg
        .messages(CURATOR as i64)
        .into_iter()
        .filter_map(|m| m.media.filter(|x| x.kind == MediaKind::Photo))
        .filter(|x| app.tg.uploaded(&x.file_id).as_deref() == Some(&b"photo of the yard"[..]))
        .collect();
    // Once, though the notice was retried after the photo went (the summary's chart may be
    // a photo too, so only the yard photo counts).
    assert_eq!(photos.len(), 1, "{}", app.tg.dump_chat(CURATOR as i64));

    // Stored as MAX files, so each messenger knows how to send them.
    let stored = app.case(view.case.id).await;
    let files = stored
        .events()
        .find_map(|e| match &e.kind {
            EventKind::DraftSubmitted { attachments, .. } => Some(attachments.clone()),
            _ => None,
        })
        .expect("a draft");
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.origin == Messenger::Max));
    assert_eq!(files[0].kind, AttachmentKind::Photo);
    assert_eq!(files[1].name.as_deref(), Some("акт.pdf"));
    all_delivered(&app, view.case.id).await;
    max.assert_spec_clean();
    app.tg.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p16_a_too_large_telegram_file_is_named_to_the_deputy_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&deputy_in_max(), &max).await;
    let executor = app.user(EXECUTOR);
    app.tg.file_too_big("video-big");
    let view = writing(&app, "https://vk.com/wall-1_1703").await;
    app.tg
        .message_from(&executor)
        .video("video-big")
        .text("Видео уборки двора.")
        .push();

    max.wait_for(DEPUTY_MAX, |m| {
        m.text.contains("Проект ответа на согласование")
    })
    .await;
    let line = max
        .wait_for(DEPUTY_MAX, |m| m.text.contains("Видео из Telegram"))
        .await;
    assert!(line.text.contains("слишком велико"), "{}", line.text);
    all_delivered(&app, view.case.id).await;
    assert!(files_to(&max, DEPUTY_MAX).is_empty());
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p16_a_max_file_that_cannot_be_downloaded_is_named_to_the_curator() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let deputy = MaxUser::new(DEPUTY_MAX, "Виктор");
    let view = app
        .register("https://vk.com/wall-1_1704", &["Отдел ЖКХ"])
        .await;
    let card = max
        .wait_for(EXECUTOR_MAX, |m| m.payload_of("Принять").is_some())
        .await;
    ask_to_write(&max, &executor, &card).await;
    let tokens = max.push_files(
        &executor,
        "Фото двора.",
        &[InFile::new("image", "", b"photo")],
    );
    let approval = max
        .wait_for(DEPUTY_MAX, |m| {
            m.text.contains("Проект ответа на согласование")
        })
        .await;
    // MAX no longer serves the file when the curator's notice goes out.
    max.lose_file(&tokens[0]);
    press(&max, &deputy, &approval, "Согласовать");
    approved_draft(&app).await;
    let line = app.expect_message(CURATOR, "Фото из MAX").await;
    assert!(line.text.contains("не удалось переслать"), "{}", line.text);
    all_delivered(&app, view.case.id).await;
    // The monthly summary's files may reach the curator too; the lost photo may not.
    let carried = app.tg.messages(CURATOR as i64).into_iter().any(|m| {
        m.media
            .is_some_and(|x| app.tg.uploaded(&x.file_id).as_deref() == Some(&b"photo"[..]))
    });
    assert!(!carried, "{}", app.tg.dump_chat(CURATOR as i64));
    max.assert_spec_clean();
    app.tg.assert_spec_clean();
    app.stop().await;
}

/// The approved draft at the curator in Telegram. It may queue behind the monthly summary,
/// whose chart and workbook are built on first delivery: slow on a loaded machine.
async fn approved_draft(app: &TestApp) -> SentMessage {
    app.tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.text.contains("Согласованный проект"),
            WAIT * 3,
        )
        .await
        .expect("the approved draft at the curator")
}

/// Waits until the monthly summary's workbook has reached the curator.
async fn summary_delivered(app: &TestApp) {
    app.tg
        .wait_for_message(
            CURATOR as i64,
            |m| {
                m.media
                    .as_ref()
                    .is_some_and(|x| x.file_name.as_deref().is_some_and(|n| n.ends_with(".xlsx")))
            },
            WAIT * 3,
        )
        .await
        .expect("the monthly summary's workbook at the curator");
}
