//! What operating the service needs to see: metrics figures, the file-managed people, and the
//! moment the bot started serving.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// The meta key holding when this database first served (written at its first start).
const SERVING_SINCE: &str = "serving_since";

/// Figures for `/metrics`, read in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpsFigures {
    /// Notices waiting to be delivered.
    pub outbox_pending: i64,
    /// When the oldest of them was queued.
    pub outbox_oldest: Option<DateTime<Utc>>,
    /// Open cases per state code.
    pub open_by_state: Vec<(String, i64)>,
    /// Open cases past a deadline.
    pub overdue: i64,
}

impl Store {
    pub async fn ops_figures(&self, now: DateTime<Utc>) -> R<OpsFigures> {
        dispatch!(self, db, pool => db::ops::figures(pool, now).await)
    }

    /// Names of the active people that came from the configuration file (removing them from
    /// the file deactivates them).
    pub async fn managed_people(&self) -> R<Vec<String>> {
        dispatch!(self, db, pool => db::ops::managed_people(pool).await)
    }

    /// Whether every migration this build knows has been applied.
    pub async fn schema_current(&self) -> R<bool> {
        dispatch!(self, db, pool => db::ops::schema_current(pool, &db::MIGRATOR).await)
    }

    /// Records `now` as the moment this database started serving, unless one is recorded.
    pub async fn mark_serving_since(&self, now: DateTime<Utc>) -> R<()> {
        self.meta_insert_if_absent(SERVING_SINCE, &now.to_rfc3339())
            .await
            .map(drop)
    }

    /// Since when the bot has served this database: the recorded start or the first case,
    /// whichever is earlier; `None` for a database that carries neither.
    pub async fn serving_since(&self) -> R<Option<DateTime<Utc>>> {
        let marked = match self.meta_get(SERVING_SINCE).await? {
            Some(s) => Some(
                DateTime::parse_from_rfc3339(&s)
                    .map_err(StoreError::corrupt)?
                    .to_utc(),
            ),
            None => None,
        };
        let first_case = dispatch!(self, db, pool => db::ops::first_case_at(pool).await)?;
        Ok(marked.into_iter().chain(first_case).min())
    }
}
