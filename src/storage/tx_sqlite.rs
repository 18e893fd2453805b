//! A SQLite write transaction that sends its statements in as few calls as it can.
//!
//! Writes whose outcome the command does not need at once (the update claim, the history
//! rows, the case row, timers, unit rows and card deletions) wait here and go with the next
//! read, or with `COMMIT`; `BEGIN IMMEDIATE` and the queued card records go with the first
//! call. A press thus holds SQLite's write lock for two calls to the connection's worker
//! thread (its history with its cards, then its writes with `COMMIT`) instead of ten
//! (issue 15). A
//! statement that fails, or changes no row where it must, fails the call it went with, and
//! the transaction is rolled back as before.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, Row, Sqlite, SqliteConnection, SqlitePool};

use super::backend::WriteTurn;
use super::sql::common::Dialect;
use super::sql::sqlite as db;
use super::sql::sqlite_batch::run_all;
use super::sql::stmt::Stmt;
use super::StoreError;
use super::{CardRef, CaseCard, Store};
use crate::domain::ids::CaseId;

type R<T> = Result<T, StoreError>;

/// The largest history row id handed out so far: ids are taken from this under the write
/// lock, so history rows can be written without waiting for `RETURNING id`.
const LAST_EVENT_ID: &str = "SELECT seq FROM sqlite_sequence WHERE name = 'case_events'";

pub(crate) struct SqliteTx {
    /// Held until the transaction ends; holds the writers' own connection when they have one.
    turn: Option<WriteTurn>,
    /// Whose card records (`card_log`) this transaction takes with its first call, ...
    store: Store,
    /// ... and the ones it took, put back if it does not commit.
    carried: Vec<Stmt>,
    /// The connection otherwise (an in-memory database).
    pooled: Option<PoolConnection<Sqlite>>,
    pending: Vec<Stmt>,
    /// Whether `BEGIN` was sent: from then on, a drop without commit rolls back.
    begun: bool,
    committed: bool,
    /// The id the next history row gets; known once begun.
    next_event: i64,
    /// The cards of the case whose history was read, read with it: under the write lock
    /// only this transaction can change them, so the command's redraws need no further call.
    cards: Option<(CaseId, Vec<CaseCard>)>,
}

impl SqliteTx {
    /// Holding this process's turn to write (`Store::write_turn`), takes the writers' own
    /// connection, opening it if need be, or one from the pool; the transaction itself
    /// begins with the first statement sent.
    pub(crate) async fn begin(pool: &SqlitePool, mut turn: WriteTurn, store: Store) -> R<Self> {
        let mut pooled = None;
        if !store.own_writer {
            pooled = Some(pool.acquire().await?);
        } else if turn.is_none() {
            // Out of the pool for good: the pool may open another in its place.
            *turn = Some(pool.acquire().await?.detach());
        }
        Ok(SqliteTx {
            turn: Some(turn),
            store,
            carried: Vec::new(),
            pooled,
            pending: Vec::new(),
            begun: false,
            committed: false,
            next_event: 0,
            cards: None,
        })
    }

    /// Queues a write to go with the next call.
    pub(crate) fn defer(&mut self, stmt: Stmt) {
        self.pending.push(stmt);
    }

    /// The connection, with everything queued sent first: for the statements not built as
    /// data, which run one at a time.
    pub(crate) async fn conn(&mut self) -> R<&mut SqliteConnection> {
        if !self.begun || !self.pending.is_empty() {
            self.send(Vec::new()).await?;
        }
        self.connection()
    }

    /// The rows of `read`, sent with everything queued before it.
    pub(crate) async fn read(&mut self, read: Stmt) -> R<Vec<SqliteRow>> {
        Ok(self.send(vec![read]).await?.pop().unwrap_or_default())
    }

    /// The case's history rows (`(number, version, history)` as `case_read` decodes them),
    /// with its cards kept for [`SqliteTx::case_cards`].
    pub(crate) async fn history_and_cards(&mut self, case: CaseId) -> R<Vec<SqliteRow>> {
        let reads = vec![db::case_read::with_history(case), db::cards::for_case(case)];
        let mut rows = self.send(reads).await?;
        let cards = db::cards::cards_from(rows.pop().unwrap_or_default())?;
        self.cards = Some((case, cards));
        Ok(rows.pop().unwrap_or_default())
    }

    /// The case's cards: kept from its history read, or read now.
    pub(crate) async fn case_cards(&mut self, case: CaseId) -> R<Vec<CaseCard>> {
        match &self.cards {
            Some((read, cards)) if *read == case => Ok(cards.clone()),
            _ => db::cards::cards_from(self.read(db::cards::for_case(case)).await?),
        }
    }

    /// Forgets a card, with the next call.
    pub(crate) fn forget_card(&mut self, at: CardRef) {
        if let Some((_, cards)) = &mut self.cards {
            cards.retain(|c| c.at != at);
        }
        self.defer(db::cards::forget(at));
    }

    /// The id for a new history row.
    pub(crate) async fn take_event_id(&mut self) -> R<i64> {
        if !self.begun {
            self.send(Vec::new()).await?;
        }
        let id = self.next_event;
        self.next_event += 1;
        Ok(id)
    }

    pub(crate) async fn commit(mut self) -> R<()> {
        self.pending.push(Stmt::new("COMMIT"));
        self.send(Vec::new()).await?;
        self.committed = true;
        Ok(())
    }

    /// Sends `BEGIN` (the first time), the queued writes and `reads`, in one call; returns
    /// the rows of each of `reads`.
    async fn send(&mut self, reads: Vec<Stmt>) -> R<Vec<Vec<SqliteRow>>> {
        let opening = !self.begun;
        let mut stmts = Vec::with_capacity(self.pending.len() + reads.len() + 2);
        if opening {
            stmts.push(Stmt::new(Dialect::Sqlite.begin_write()));
            stmts.push(Stmt::new(LAST_EVENT_ID));
            self.carried = self.store.card_log.take();
            stmts.extend(self.carried.iter().cloned());
        }
        stmts.append(&mut self.pending);
        let first_read = stmts.len();
        stmts.extend(reads);
        self.begun = true;
        let mut rows = run_all(self.connection()?, stmts).await?;
        if opening {
            let last: Option<i64> = match rows[1].first() {
                Some(row) => row.try_get(0)?,
                None => None,
            };
            self.next_event = last.unwrap_or(0) + 1;
        }
        Ok(rows.split_off(first_read))
    }

    fn connection(&mut self) -> R<&mut SqliteConnection> {
        let own = self.turn.as_mut().and_then(|t| t.as_mut());
        own.or(self.pooled.as_deref_mut())
            .ok_or_else(|| StoreError::corrupt("a finished transaction was used"))
    }
}

impl Drop for SqliteTx {
    /// Rolls back what was begun and not committed before the connection is used again, as
    /// sqlx's own transactions do, still holding the turn. A connection that cannot roll
    /// back, or without a runtime to do it, is closed, which rolls back too.
    fn drop(&mut self) {
        let carried = std::mem::take(&mut self.carried);
        if !self.committed && self.store.card_log.put_back(carried) {
            self.store.flush_card_log_soon();
        }
        if !self.begun || self.committed {
            return;
        }
        let (mut turn, mut pooled) = (self.turn.take(), self.pooled.take());
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return close(&mut turn, &mut pooled);
        };
        rt.spawn(async move {
            let conn = match (
                turn.as_mut().and_then(|t| t.as_mut()),
                pooled.as_deref_mut(),
            ) {
                (Some(own), _) => own,
                (None, Some(pooled)) => pooled,
                (None, None) => return,
            };
            if let Err(e) = conn.execute("ROLLBACK").await {
                tracing::debug!(error = %e, "rollback after a failed batch");
                close(&mut turn, &mut pooled);
            }
        });
    }
}

/// Closes the transaction's connection: the writers' own is dropped (the next turn opens
/// another), a pooled one is closed instead of returned.
fn close(turn: &mut Option<WriteTurn>, pooled: &mut Option<PoolConnection<Sqlite>>) {
    if let Some(turn) = turn {
        turn.take();
    }
    if let Some(pooled) = pooled {
        pooled.close_on_drop();
    }
}
