//! The monthly summary in chat (п.20): `/report ГГГГ-ММ` gives the message, the chart and the
//! workbook to those who may see it, and refuses the others.

use crate::fake_telegram::SentMessage;
use crate::helpers::app::*;

fn file_named<'a>(messages: &'a [SentMessage], ext: &str) -> Option<&'a SentMessage> {
    messages.iter().find(|m| {
        m.media
            .as_ref()
            .and_then(|x| x.file_name.as_deref())
            .is_some_and(|n| n.ends_with(ext))
    })
}

#[tokio::test]
async fn p20_report_on_demand_sends_message_chart_and_workbook() {
    let app = TestApp::start_at(msk(2026, 12, 2, 10, 0)).await;
    // A case registered and left unanswered in November.
    app.clock.set(msk(2026, 11, 23, 9, 0));
    app.register("https://vk.com/wall-1_900", &["Отдел ЖКХ"])
        .await;
    app.clock.set(msk(2026, 12, 2, 10, 0));

    let coordinator = app.user(COORDINATOR);
    app.tg.push_text(&coordinator, "/report 2026-11");
    let summary = app.expect_message(COORDINATOR, "Ноябрь 2026").await;
    assert!(summary.text.contains("Отдел ЖКХ"), "{}", summary.text);
    let with_file = |ext: &'static str| {
        move |m: &SentMessage| file_named(std::slice::from_ref(m), ext).is_some()
    };
    let png = app
        .tg
        .wait_for_message(COORDINATOR as i64, with_file(".png"), WAIT)
        .await;
    let xlsx = app
        .tg
        .wait_for_message(COORDINATOR as i64, with_file(".xlsx"), WAIT)
        .await;
    let (png, xlsx) = (png.expect("the chart"), xlsx.expect("the workbook"));
    for doc in [&png, &xlsx] {
        let id = &doc.media.as_ref().expect("media").file_id;
        let bytes = app.tg.uploaded(id).expect("uploaded bytes");
        assert!(bytes.len() > 1000, "{id}: {} bytes", bytes.len());
    }
    app.stop().await;
}

#[tokio::test]
async fn p20_report_is_refused_to_executors_and_bad_months_are_explained() {
    let app = TestApp::start().await;
    let (executor, coordinator) = (app.user(EXECUTOR), app.user(COORDINATOR));
    app.tg.push_text(&executor, "/report 2026-11");
    app.expect_message(EXECUTOR, "Сводка доступна").await;
    app.tg.push_text(&coordinator, "/report 2026-13");
    app.expect_message(COORDINATOR, "ГГГГ-ММ").await;
    app.stop().await;
}

#[tokio::test]
async fn p20_the_summary_goes_out_by_itself_on_the_first_working_day() {
    // Tuesday 1 December 2026 is the first working day; the summary is due at 09:00.
    let app = TestApp::start_at(msk(2026, 12, 1, 8, 59)).await;
    app.clock.set(msk(2026, 12, 1, 9, 1));
    for chat in [COORDINATOR, CURATOR] {
        app.expect_message(chat, "Ноябрь 2026").await;
        let xlsx = |m: &SentMessage| file_named(std::slice::from_ref(m), ".xlsx").is_some();
        app.tg
            .wait_for_message(chat as i64, xlsx, WAIT)
            .await
            .expect("the workbook");
    }
    // Exactly once, and not to an executor.
    assert!(app.tg.messages(EXECUTOR as i64).is_empty());
    let summaries = app
        .tg
        .messages(COORDINATOR as i64)
        .into_iter()
        .filter(|m| m.text.contains("Ноябрь 2026"))
        .count();
    assert_eq!(summaries, 1);
    app.stop().await;
}
