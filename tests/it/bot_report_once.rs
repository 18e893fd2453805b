//! The scheduled summary (п.20) at its moment: built once for all its recipients, each file
//! uploaded to Telegram once and then sent by its file id, and a restart in the middle of
//! delivery neither rebuilds it nor sends anyone a second copy.

use std::time::Duration;

use otklik::domain::case::Registration;
use otklik::service::cases;
use otklik::storage::CommandMeta;

use crate::fake_telegram::{Failure, SentMessage};
use crate::helpers::app::*;

/// The test organization's coordinator and curator plus eight more curators: ten recipients.
const MORE_CURATORS: [i64; 8] = [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008];

fn recipients() -> Vec<i64> {
    let mut all = vec![CURATOR as i64, COORDINATOR as i64];
    all.extend(MORE_CURATORS);
    all
}

fn config() -> String {
    let extra: String = MORE_CURATORS
        .iter()
        .map(|id| format!("[[people]]\nname = \"Куратор {id}\"\ntelegram_id = {id}\nroles = [\"curator\"]\n\n"))
        .collect();
    CONFIG.replacen("[[units]]", &format!("{extra}[[units]]"), 1)
}

fn document(m: &SentMessage, ext: &str) -> Option<String> {
    let media = m.media.as_ref()?;
    let named = media.file_name.as_deref().is_some_and(|n| n.ends_with(ext));
    named.then(|| media.file_id.clone())
}

/// One chat's summary: (summary texts, chart file ids, workbook file ids).
fn received(app: &TestApp, chat: i64) -> (usize, Vec<String>, Vec<String>) {
    let messages = app.tg.messages(chat);
    let texts = messages
        .iter()
        .filter(|m| m.text.contains("Ноябрь 2026"))
        .count();
    let ids = |ext| messages.iter().filter_map(|m| document(m, ext)).collect();
    (texts, ids(".png"), ids(".xlsx"))
}

async fn wait_for_workbook(app: &TestApp, chat: i64) {
    let found = app
        .tg
        .wait_for_message(chat, |m| document(m, ".xlsx").is_some(), WAIT)
        .await;
    assert!(
        found.is_ok(),
        "no workbook in {chat}:\n{}",
        app.tg.dump_chat(chat)
    );
}

/// sendDocument requests that carried the file's bytes rather than a file id.
fn uploads(app: &TestApp) -> usize {
    app.tg
        .requests_for("sendDocument")
        .iter()
        .filter(|r| match &r.body["document"] {
            serde_json::Value::String(s) => s.starts_with("attach://"),
            other => other.is_object(),
        })
        .count()
}

/// Every recipient got one summary, one chart and one workbook, all by the same two files.
fn assert_one_copy_each_from_one_upload(app: &TestApp) {
    let mut charts = Vec::new();
    let mut workbooks = Vec::new();
    for chat in recipients() {
        let (texts, png, xlsx) = received(app, chat);
        assert_eq!((texts, png.len(), xlsx.len()), (1, 1, 1), "chat {chat}");
        charts.extend(png);
        workbooks.extend(xlsx);
    }
    for ids in [&mut charts, &mut workbooks] {
        ids.sort();
        ids.dedup();
    }
    assert_eq!(charts.len(), 1, "one chart upload: {charts:?}");
    assert_eq!(workbooks.len(), 1, "one workbook upload: {workbooks:?}");
    assert_eq!(uploads(app), 2);
    let bytes = app
        .tg
        .uploaded(&workbooks[0])
        .expect("the workbook's bytes");
    assert!(bytes.len() > 1000, "{} bytes", bytes.len());
}

/// Starts on Tuesday 1 December 2026, the first working day (the summary is due at 09:00),
/// with one case registered in November, written as of then without moving the clock back
/// (which would make the scheduler send October's summary too).
async fn start() -> TestApp {
    let app = TestApp::start_with(&config(), msk(2026, 12, 1, 8, 0)).await;
    let unit = app.store.unit_by_name("Отдел ЖКХ").await.unwrap().unwrap();
    let reg = Registration {
        link: "https://vk.com/wall-1_901".into(),
        network: "vk".into(),
        topic: "ЖКХ".into(),
        location: "г. Алатырь".into(),
        importance: "Средняя".into(),
        repeat_of: None,
        units: vec![unit.id],
        sequential: false,
    };
    let curator = app.person(CURATOR).await;
    let at = CommandMeta::at(msk(2026, 11, 30, 12, 0));
    cases::register(&app.store, &reg, curator, at, &app.store_ctx())
        .await
        .expect("registered");
    app
}

fn december_first_nine() -> chrono::DateTime<chrono::Utc> {
    msk(2026, 12, 1, 9, 1)
}

#[tokio::test]
async fn p20_the_summary_is_built_once_and_uploaded_once_for_ten_recipients() {
    let app = start().await;
    app.clock.set(december_first_nine());
    for chat in recipients() {
        wait_for_workbook(&app, chat).await;
    }
    assert_eq!(
        app.ctx.reports.rendered(),
        1,
        "one build for ten recipients"
    );
    let stored = app.store.report_artifacts("2026-11", "ru").await.unwrap();
    let kinds: Vec<&str> = stored.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(kinds, ["chart", "message", "text", "workbook"]);
    assert_one_copy_each_from_one_upload(&app);
    // Nothing for the executor.
    assert!(received(&app, EXECUTOR as i64).0 == 0);
    app.stop().await;
}

#[tokio::test]
async fn p20_a_restart_mid_delivery_neither_rebuilds_nor_resends() {
    let mut app = start().await;
    let (last, served) = (MORE_CURATORS[7], &recipients()[..9]);
    // The last recipient's files fail twice (a server-side error, retried with backoff).
    let failure = Failure::BadRequest("Internal Server Error".into());
    app.tg.fail_next_in_chat("sendDocument", last, 2, failure);
    app.clock.set(december_first_nine());
    for &chat in served {
        wait_for_workbook(&app, chat).await;
    }
    app.expect_message(last as u64, "Ноябрь 2026").await;
    assert_eq!(received(&app, last).2.len(), 0, "the files are still due");
    assert_eq!(app.ctx.reports.rendered(), 1);

    app.restart().await;
    app.clock.advance(chrono::Duration::minutes(1));
    wait_for_workbook(&app, last).await;
    // Give a wrongly repeated delivery a moment to show up.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.ctx.reports.rendered(),
        0,
        "no rebuild after the restart"
    );
    assert_one_copy_each_from_one_upload(&app);
    app.stop().await;
}
