//! Case cards a front end sent with buttons (SPEC §6): recorded after sending, read and
//! forgotten by the change that leaves them behind.

use super::{CardRef, CaseCard, Store, StoreError};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Records a card just sent or redrawn (a redraw replaces the earlier record).
    pub async fn remember_card(&self, card: &CaseCard) -> R<()> {
        dispatch!(self, db, pool => db::cards::remember(pool, card).await)
    }

    /// Forgets a card that shows no buttons any more.
    pub async fn forget_card(&self, at: CardRef) -> R<()> {
        dispatch!(self, db, pool => {
            let mut conn = pool.acquire().await?;
            db::cards::forget(&mut conn, at).await
        })
    }
}
