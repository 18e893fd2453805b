//! The directory's reconciliation inside one write transaction: reads of the stored rows and
//! the writes a plan from [`crate::domain::directory::reconcile`] asks for.

use super::{Tx, R};
use crate::domain::directory::reconcile::{EntryOp, PersonOp, StoredEntry, StoredPerson};
use crate::domain::ids::{PersonId, UnitId};
use crate::storage::sql::common::catalog_table;
use crate::storage::Catalog;

/// A name-keyed table the configuration file manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Units,
    Catalog(Catalog),
}

impl Listing {
    fn table(self) -> (&'static str, bool) {
        match self {
            Listing::Units => ("units", false),
            Listing::Catalog(c) => (catalog_table(c), true),
        }
    }
}

impl Tx {
    /// Every row of the listing, active or not.
    pub async fn listing(&mut self, listing: Listing) -> R<Vec<StoredEntry>> {
        let (table, ordered) = listing.table();
        on_tx!(self, db, c => db::dir_apply::entries(c, table, ordered).await)
    }

    pub async fn apply_listing(&mut self, listing: Listing, ops: &[EntryOp]) -> R<()> {
        let (table, _) = listing.table();
        on_tx!(self, db, c => db::dir_apply::apply_entries(c, table, ops).await)
    }

    /// Everyone, active or not, with their roles.
    pub async fn stored_people(&mut self) -> R<Vec<StoredPerson>> {
        on_tx!(self, db, c => db::dir_apply::people(c).await)
    }

    pub async fn apply_people(&mut self, ops: &[PersonOp]) -> R<()> {
        on_tx!(self, db, c => db::dir_apply::apply_people(c, ops).await)
    }

    /// `(id, name, deputy)` of every unit.
    pub async fn unit_deputies(&mut self) -> R<Vec<(UnitId, String, Option<PersonId>)>> {
        on_tx!(self, db, c => db::dir_apply::unit_deputies(c).await)
    }

    pub async fn set_deputy(&mut self, unit: UnitId, deputy: PersonId) -> R<()> {
        on_tx!(self, db, c => db::dir_apply::set_deputy(c, unit, deputy).await)
    }
}
