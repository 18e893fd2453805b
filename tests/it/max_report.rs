//! The monthly summary on demand in MAX (п.20): `/report ГГГГ-ММ` gives the message, the
//! chart and the workbook as uploaded files to those who may see it, and refuses others.

use std::time::Duration;

use crate::fake_max::{FakeMax, MaxUser};
use crate::helpers::app::*;
use crate::max_flow::{config_in_max, EXECUTOR_MAX};

const COORDINATOR_MAX: i64 = 5007;

/// A summary is built before it is sent: slow in a debug build on a loaded machine.
const SUMMARY_WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p20_report_on_demand_in_max_sends_message_chart_and_workbook() {
    let max = FakeMax::start().await;
    let config = config_in_max(false).replace("telegram_id = 1007", "max_id = 5007");
    let app = TestApp::start_with_max(&config, &max).await;
    let coordinator = MaxUser::new(COORDINATOR_MAX, "Ольга");
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    // October's summary goes out by itself at start (its day passed, and no case says the
    // bot began only in November): let it finish first. Registering before it would race
    // the scheduler's first look: a case from November makes October a month not served.
    max.wait_for_within(COORDINATOR_MAX, SUMMARY_WAIT, |m| {
        m.text.contains("Октябрь 2026")
    })
    .await;
    uploaded(&max, 2).await;
    app.register("https://vk.com/wall-1_900", &["Отдел ЖКХ"])
        .await;
    let before = max.uploads().len();

    max.push_text(&coordinator, "/report 2026-11");
    let summary = max
        .wait_for_within(COORDINATOR_MAX, SUMMARY_WAIT, |m| {
            m.text.contains("Ноябрь 2026")
        })
        .await;
    assert!(
        summary.text.contains("Сообщений в работе: 1"),
        "{}",
        summary.text
    );
    // The chart and the workbook reach the coordinator as files uploaded after `before`
    // (October's summary may still be uploading for its other recipient meanwhile).
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let uploads = max.uploads().split_off(before);
        let sent: Vec<String> = max
            .sent_to(COORDINATOR_MAX)
            .into_iter()
            .flat_map(|m| m.files)
            .collect();
        let delivered = |kind: &str| {
            uploads
                .iter()
                .any(|(t, size)| t.contains(kind) && *size > 1000 && sent.contains(t))
        };
        if delivered("image") && delivered("file") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "uploads {uploads:?}, sent {sent:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Not for an executor; a bad month is explained, and nothing is built.
    max.push_text(&executor, "/report 2026-11");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("Сводка доступна"))
        .await;
    max.push_text(&coordinator, "/report 2026-13");
    max.wait_for(COORDINATOR_MAX, |m| m.text.contains("ГГГГ-ММ"))
        .await;
    assert_eq!(max.uploads().len(), before + 2);
    assert!(max.sent_to(EXECUTOR_MAX).iter().all(|m| m.files.is_empty()));
    max.assert_spec_clean();
    app.stop().await;
}

/// Waits until MAX has received `n` uploads.
async fn uploaded(max: &FakeMax, n: usize) {
    let deadline = tokio::time::Instant::now() + SUMMARY_WAIT;
    while max.uploads().len() < n {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{:#?}",
            max.uploads()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
