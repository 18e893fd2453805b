//! п.20 dynamics: registrations per month counted off the index, and each closed month's
//! п.10 figures kept for later summaries, on both backends.

use otklik::domain::report::{Timeliness, YearMonth};

use super::fixture::{msk, Fx};
use crate::helpers::db::TestDb;

contract!(p20_twelve_months_come_from_stored_counts);

async fn p20_twelve_months_come_from_stored_counts(db: &TestDb) {
    let fx = Fx::new(db).await;
    let tz = chrono_tz::Europe::Moscow;
    // Two in January (one at 00:30 Moscow on 1 February is February's), one in March.
    fx.register("https://t.me/m/1", msk(2026, 1, 12, 9, 0))
        .await;
    fx.register("https://t.me/m/2", msk(2026, 1, 31, 23, 0))
        .await;
    fx.register("https://t.me/m/3", msk(2026, 2, 1, 0, 30))
        .await;
    fx.register("https://t.me/m/4", msk(2026, 3, 2, 9, 0)).await;
    let month = |m| YearMonth::new(2026, m).expect("a valid month");
    let january = Timeliness {
        on_time: 30,
        late: 6,
        overdue: 4,
    };
    fx.store
        .save_month_timeliness(
            month(1),
            Timeliness {
                on_time: 1,
                ..january
            },
            msk(2026, 2, 2, 9, 0),
        )
        .await
        .unwrap();
    // Made again later: the figures are replaced, not duplicated.
    fx.store
        .save_month_timeliness(month(1), january, msk(2026, 2, 3, 9, 0))
        .await
        .unwrap();
    let trends = fx.store.month_trends(month(4), tz).await.unwrap();
    let listed: Vec<String> = trends.iter().map(|t| t.month.to_string()).collect();
    assert_eq!(
        listed,
        [
            "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
            "2026-01", "2026-02", "2026-03"
        ]
    );
    let registered: Vec<Option<u32>> = trends.iter().map(|t| t.registered).collect();
    assert_eq!(registered[8..], [Some(2), Some(1), Some(1)]);
    assert!(registered[..8].iter().all(|r| *r == Some(0)));
    assert_eq!(trends[8].timeliness, Some(january));
    assert!(trends.iter().filter(|t| t.timeliness.is_some()).count() == 1);
}
