//! п.20: the previous month's summary on the first working day at 09:00, exactly once.

use std::sync::Arc;

use otklik::clock::ManualClock;
use otklik::domain::notice::NoticeKind;
use otklik::domain::report::YearMonth;
use otklik::i18n::Lang;
use otklik::service::report::{ArtifactKind, ReportService};

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    p20_monthly_summary_goes_once_on_the_first_working_day,
    p20_the_summary_is_stored_once_before_it_is_queued,
);

async fn p20_monthly_summary_goes_once_on_the_first_working_day(db: &TestDb) {
    // 1 November 2026 is a Sunday: the October summary goes Monday 2 November at 09:00.
    let fx = Fx::new(db, msk(2026, 11, 1, 9, 0)).await;
    assert_eq!(fx.pass_at(msk(2026, 11, 1, 9, 0)).await.report, None);
    assert_eq!(fx.pass_at(msk(2026, 11, 2, 8, 59)).await.report, None);
    let sent = fx.pass_at(msk(2026, 11, 2, 9, 0)).await;
    assert_eq!(
        sent.report.map(|m| m.to_string()),
        Some("2026-10".to_owned())
    );
    assert_eq!(fx.pass_at(msk(2026, 11, 2, 9, 1)).await.report, None);
    // Another replica, or this one after a restart, adds nothing.
    assert_eq!(fx.replica().pass().await.unwrap().report, None);

    fx.deliver().await;
    let mut chats: Vec<i64> = fx
        .courier
        .sent()
        .into_iter()
        .filter(|a| {
            a.notice
                == Some(NoticeKind::MonthlyReport {
                    month: "2026-10".into(),
                })
        })
        .map(|a| a.chat_id)
        .collect();
    chats.sort_unstable();
    assert_eq!(chats, [CURATOR, COORDINATOR]);
}

async fn p20_the_summary_is_stored_once_before_it_is_queued(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 11, 2, 8, 0)).await;
    let moment = msk(2026, 11, 2, 9, 0);
    assert!(fx.pass_at(moment).await.report.is_some());
    let stored = fx.store.report_artifacts("2026-10", "ru").await.unwrap();
    let kinds: Vec<&str> = stored.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(kinds, ["chart", "message", "text", "workbook"]);
    assert!(stored.iter().all(|(_, _, at)| *at == moment), "{stored:?}");
    assert!(fx
        .store
        .report_artifacts("2026-10", "en")
        .await
        .unwrap()
        .is_empty());

    // Another process finds it stored: nothing is built again for Russian, English is
    // built on its own when a reader of it turns up.
    let clock = Arc::new(ManualClock::new(msk(2026, 11, 2, 9, 5)));
    let reports = ReportService::new(fx.store.clone(), Arc::new(fx.config.clone()), clock);
    let october = YearMonth::parse("2026-10").unwrap();
    assert_eq!(reports.prepare(october, &[Lang::Ru]).await.unwrap(), 0);
    assert_eq!(reports.rendered(), 0);
    let prepared = reports.stored(october, Lang::Ru).await.unwrap();
    assert_eq!(reports.rendered(), 0);
    assert!(
        prepared.message.contains("Октябрь 2026"),
        "{}",
        prepared.message
    );
    let names: Vec<&str> = prepared.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["otklik-report-2026-10.png", "otklik-report-2026-10.xlsx"]
    );
    let workbook = &prepared.files[1];
    assert_eq!(workbook.kind, ArtifactKind::Workbook);
    assert!(reports.content(workbook).await.unwrap().starts_with(b"PK"));
    assert_eq!(
        reports
            .prepare(october, &[Lang::Ru, Lang::En])
            .await
            .unwrap(),
        1
    );
    assert_eq!(reports.rendered(), 1);

    // The first file id recorded is the one reused; a refused one is forgotten.
    assert_eq!(reports.file_id(workbook, "telegram").await.unwrap(), None);
    reports
        .remember_file_id(workbook, "telegram", "F1")
        .await
        .unwrap();
    reports
        .remember_file_id(workbook, "telegram", "F2")
        .await
        .unwrap();
    let id = reports.file_id(workbook, "telegram").await.unwrap();
    assert_eq!(id.as_deref(), Some("F1"));
    reports.forget_file_id(workbook, "telegram").await.unwrap();
    assert_eq!(reports.file_id(workbook, "telegram").await.unwrap(), None);
}
