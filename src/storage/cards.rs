//! Case cards a front end sent with buttons (SPEC §6): recorded after sending, read and
//! forgotten by the change that leaves them behind.

use super::{CardRef, CaseCard, Store, StoreError};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Records a card just sent or redrawn (a redraw replaces the earlier record).
    pub async fn remember_card(&self, card: &CaseCard) -> R<()> {
        // Recorded after every press: in turn with the commands, see `Store::write_turn`.
        let _turn = self.take_write_turn().await?;
        dispatch!(self, db, pool => db::cards::remember(pool, card).await)
    }

    /// Forgets a card that shows no buttons any more.
    pub async fn forget_card(&self, at: CardRef) -> R<()> {
        dispatch!(self, db, pool => {
            let mut conn = pool.acquire().await?;
            db::cards::forget(&mut conn, at).await
        })
    }

    /// The number a MAX message (`mid`) goes by in recorded cards, given on first use.
    pub async fn max_message_number(&self, mid: &str) -> R<i64> {
        dispatch!(self, db, pool => db::cards::max_message_number(pool, mid).await)
    }

    /// The MAX message a number stands for.
    pub async fn max_mid(&self, id: i64) -> R<Option<String>> {
        dispatch!(self, db, pool => db::cards::max_mid(pool, id).await)
    }
}
