//! What the monthly summary keeps between months: each closed month's п.10 figures, and
//! the registrations per month, for the 12-month dynamics.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Store, StoreError};
use crate::domain::report::{MonthTrend, Timeliness, YearMonth, TREND_MONTHS};

type R<T> = Result<T, StoreError>;

impl Store {
    /// The months of `month`'s dynamics before it, oldest first: registrations counted
    /// off the index, п.10 figures as stored when each month's summary was made (`None`
    /// for a month never summarized).
    pub async fn month_trends(&self, month: YearMonth, tz: Tz) -> R<Vec<MonthTrend>> {
        let months: Vec<YearMonth> = (1..TREND_MONTHS).rev().map(|b| month.back(b)).collect();
        let periods: Vec<_> = months.iter().map(|m| (m.start(tz), m.end(tz))).collect();
        let (first, last) = (months[0].to_string(), month.previous().to_string());
        let (counts, stored) = dispatch!(self, db, pool => (
            db::report_read::registrations_per_period(pool, &periods).await?,
            db::report_read::stored_months(pool, &first, &last).await?,
        ));
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(months
            .into_iter()
            .zip(counts)
            .map(|(m, registered)| MonthTrend {
                month: m,
                registered: Some(count(registered)),
                timeliness: stored.iter().find(|s| s.0 == m.to_string()).map(
                    |&(_, on_time, late, overdue)| Timeliness {
                        on_time: count(on_time),
                        late: count(late),
                        overdue: count(overdue),
                    },
                ),
            })
            .collect())
    }

    /// Keeps a closed month's п.10 figures for later summaries' dynamics.
    pub async fn save_month_timeliness(
        &self,
        month: YearMonth,
        t: Timeliness,
        at: DateTime<Utc>,
    ) -> R<()> {
        let figures = (
            i64::from(t.on_time),
            i64::from(t.late),
            i64::from(t.overdue),
        );
        let month = month.to_string();
        dispatch!(self, db, pool => db::report_read::store_month(pool, &month, figures, at).await)
    }
}
