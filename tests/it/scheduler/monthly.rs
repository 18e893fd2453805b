//! п.20: the previous month's summary on the first working day at 09:00, exactly once.

use otklik::domain::notice::NoticeKind;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(p20_monthly_summary_goes_once_on_the_first_working_day,);

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
