//! п.19 notices sent by hand, written inside the use case's transaction.

use super::{Tx, R};
use crate::storage::deficiency::DeficiencyNotice;

impl Tx {
    /// Records a notice; returns its id.
    pub async fn insert_deficiency_notice(&mut self, n: &DeficiencyNotice) -> R<i64> {
        on_tx!(self, db, c => db::deficiency::insert(c, n).await)
    }
}
