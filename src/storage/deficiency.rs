//! п.19 notices sent by hand (issue 9): written inside the use case's transaction, read by
//! the front end that renders one and by the monthly summary that counts them.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};
use crate::domain::ids::{CaseId, PersonId, UnitId};

type R<T> = Result<T, StoreError>;

/// One notice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeficiencyNotice {
    pub unit: UnitId,
    pub case: Option<CaseId>,
    pub author: PersonId,
    pub text: String,
    pub at: DateTime<Utc>,
}

impl Store {
    pub async fn deficiency_notice(&self, id: i64) -> R<Option<DeficiencyNotice>> {
        dispatch!(self, db, pool => db::deficiency::by_id(pool, id).await)
    }

    /// Notices sent in `[start, end)`, counted by unit.
    pub async fn deficiency_notices_by_unit(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> R<Vec<(UnitId, u32)>> {
        dispatch!(self, db, pool => db::deficiency::count_by_unit(pool, start, end).await)
    }
}
