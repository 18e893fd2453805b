//! п.20 on a fresh database: no summary for a month the bot never served, the next one as usual.

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(p20_a_fresh_database_sends_no_summary_for_a_month_it_never_served,);

async fn p20_a_fresh_database_sends_no_summary_for_a_month_it_never_served(db: &TestDb) {
    // First started on Sunday 1 November 2026: October was never served.
    let fx = Fx::new(db, msk(2026, 11, 1, 10, 0)).await;
    fx.store
        .mark_serving_since(msk(2026, 11, 1, 10, 0))
        .await
        .unwrap();
    assert_eq!(fx.pass_at(msk(2026, 11, 2, 9, 0)).await.report, None);
    assert_eq!(fx.pass_at(msk(2026, 11, 2, 9, 5)).await.report, None);
    fx.deliver().await;
    assert!(fx.courier.sent().is_empty(), "{:?}", fx.courier.sent());
    // November was served: its summary goes on Tuesday 1 December at 09:00.
    let sent = fx.pass_at(msk(2026, 12, 1, 9, 0)).await;
    assert_eq!(sent.report.map(|m| m.to_string()), Some("2026-11".into()));
}
