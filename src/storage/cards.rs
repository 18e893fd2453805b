//! Case cards a front end sent with buttons (SPEC §6): recorded after sending, read and
//! forgotten by the change that leaves them behind.

use super::backend::Backend;
use super::card_log::FLUSH_AFTER;
use super::sql::{postgres, stmt::Stmt};
use super::{CardRef, CaseCard, Store, StoreError};
use crate::domain::ids::CaseId;

type R<T> = Result<T, StoreError>;

impl Store {
    /// Records a card just sent or redrawn (a redraw replaces the earlier record).
    pub async fn remember_card(&self, card: &CaseCard) -> R<()> {
        let write = dispatch!(self, db, _pool => db::cards::remember(card));
        self.write_card(Some(card.case), write).await
    }

    /// Forgets a card that shows no buttons any more.
    pub async fn forget_card(&self, at: CardRef) -> R<()> {
        let write = dispatch!(self, db, _pool => db::cards::forget(at));
        self.write_card(None, write).await
    }

    /// On SQLite, queues the write for the next write transaction (`card_log`) and sees to a
    /// flush soon; on PostgreSQL, where a write does not wait for a lock shared by all, it
    /// is made now.
    async fn write_card(&self, case: Option<CaseId>, write: Stmt) -> R<()> {
        match &self.backend {
            Backend::Sqlite(_) => {
                if self.card_log.push(case, write) {
                    self.flush_card_log_soon();
                }
                Ok(())
            }
            Backend::Postgres(pool) => {
                postgres::base::run(&mut *pool.acquire().await?, &write).await
            }
        }
    }

    /// Flushes the card log after [`FLUSH_AFTER`], unless a command took it first.
    pub(crate) fn flush_card_log_soon(&self) {
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let store = self.clone();
        rt.spawn(async move {
            tokio::time::sleep(FLUSH_AFTER).await;
            store.flush_card_log().await;
        });
    }

    /// Writes the queued card records, if any, in a transaction of their own.
    pub(crate) async fn flush_card_log(&self) {
        if !self.card_log.flushing() {
            return;
        }
        let written = match self.begin_write().await {
            Ok(tx) => tx.commit().await,
            Err(e) => Err(e),
        };
        if let Err(e) = written {
            tracing::warn!(error = %e, "writing queued card records failed");
        }
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
