//! A SQLite write transaction that sends its statements in as few calls as it can, and
//! holds the write lock for as few of them as it can.
//!
//! Writes whose outcome the command does not need at once (the update claim, the history
//! rows, the case row, timers, unit rows and card deletions) wait here and go with the next
//! read, or with `COMMIT`; `BEGIN IMMEDIATE` and the queued card records go with the first
//! call. A statement that fails, or changes no row where it must, fails the call it went
//! with, and the transaction is rolled back.
//!
//! A command's first read, its case's history with its cards, is made on a reader before
//! the write lock when it can be (issue 15: a press held the lock across two calls to the
//! connection's worker thread, each mostly waiting for that thread to be scheduled, so
//! presses queued behind it). That is safe because the case row's write checks the version
//! the history was read at (`Conflict`, and the command is run again), and the history row
//! ids are taken from the last commit's ([`Writer::next_event`]) with a check in the same
//! call that no other process wrote history since. The cards are read this way only when no
//! queued card record may be about the case. A press then holds the lock for one call: its
//! writes with `COMMIT`.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, Row, Sqlite, SqliteConnection, SqlitePool};

use super::backend::{WriteTurn, Writer};
use super::card_log::Queued;
use super::sql::common::Dialect;
use super::sql::sqlite as db;
use super::sql::sqlite_batch::run_all;
use super::sql::stmt::{Miss, Stmt};
use super::StoreError;
use super::{CardRef, CaseCard, Store};
use crate::domain::ids::CaseId;

type R<T> = Result<T, StoreError>;

/// The largest history row id handed out so far: ids are taken from this under the write
/// lock, so history rows can be written without waiting for `RETURNING id`.
const LAST_EVENT_ID: &str = "SELECT seq FROM sqlite_sequence WHERE name = 'case_events'";

/// Changes a row only when the largest history row id is still `$1`: with
/// [`Miss::Conflict`], it stops a command whose ids came from [`Writer::next_event`] when
/// another process wrote history since.
const LAST_EVENT_STILL: &str =
    "UPDATE sqlite_sequence SET seq = seq WHERE name = 'case_events' AND seq = $1";

pub(crate) struct SqliteTx {
    /// Taken when first needed and held until the transaction ends; holds the writers' own
    /// connection when they have one.
    turn: Option<WriteTurn>,
    pool: SqlitePool,
    /// Whose card records (`card_log`) this transaction takes with its first call, ...
    store: Store,
    /// ... and the ones it took, put back if it does not commit.
    carried: Vec<Queued>,
    /// The connection otherwise (an in-memory database).
    pooled: Option<PoolConnection<Sqlite>>,
    pending: Vec<Stmt>,
    /// Whether `BEGIN` was sent: from then on, a drop without commit rolls back.
    begun: bool,
    committed: bool,
    /// The id the next history row gets; known once begun, or once taken from
    /// [`Writer::next_event`] ...
    next_event: i64,
    /// ... which the first call then checks: the largest id it expects to find.
    expect_last_event: Option<i64>,
    /// The cards of the case whose history was read, read with it, so the command's redraws
    /// need no further call. A card recorded after that read is not among them: like a card
    /// recorded during the command, it is left as it was, and a press on it is still checked
    /// against the case's version.
    cards: Option<(CaseId, Vec<CaseCard>)>,
}

impl SqliteTx {
    /// A transaction that begins with the first statement sent. On a file, it takes this
    /// process's turn to write (`Store::write_turn`) when it first needs it; an in-memory
    /// database's writers take it now, with the pool's one connection.
    pub(crate) async fn begin(pool: &SqlitePool, store: Store) -> R<Self> {
        let (mut turn, mut pooled) = (None, None);
        if !store.own_writer {
            turn = Some(store.take_write_turn().await?);
            pooled = Some(pool.acquire().await?);
        }
        Ok(SqliteTx {
            turn,
            pool: pool.clone(),
            store,
            carried: Vec::new(),
            pooled,
            pending: Vec::new(),
            begun: false,
            committed: false,
            next_event: 0,
            expect_last_event: None,
            cards: None,
        })
    }

    /// This process's turn to write, taken now if not yet, with the writers' own
    /// connection, opened if need be.
    async fn turn(&mut self) -> R<&mut Writer> {
        if self.turn.is_none() {
            self.turn = Some(self.store.take_write_turn().await?);
        }
        let Some(writer) = self.turn.as_deref_mut() else {
            unreachable!("taken above")
        };
        if self.store.own_writer && writer.conn.is_none() {
            // Out of the pool for good: the pool may open another in its place.
            let mut conn = self.pool.acquire().await?.detach();
            super::checkpoint::writer_opened(&mut conn).await?;
            writer.conn = Some(conn);
        }
        Ok(writer)
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
    /// with its cards kept for [`SqliteTx::case_cards`]: read before the write lock when
    /// this is the transaction's first call and no queued card record may be about the case.
    pub(crate) async fn history_and_cards(&mut self, case: CaseId) -> R<Vec<SqliteRow>> {
        let reads = vec![db::case_read::with_history(case), db::cards::for_case(case)];
        let early = self.turn.is_none() && !self.store.card_log.may_touch(case);
        let mut rows = if early {
            let mut reader = self.store.readers.get(&self.pool).await?;
            let rows = run_all(&mut reader, reads).await;
            reader.finished(rows)?
        } else {
            self.send(reads).await?
        };
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

    /// The id for a new history row: before the first call, the one the last commit left
    /// (checked by that call), or else the one read under the lock.
    pub(crate) async fn take_event_id(&mut self) -> R<i64> {
        if !self.begun && self.expect_last_event.is_none() {
            let cached = self.turn().await?.next_event;
            match cached {
                Some(next) if self.store.own_writer => {
                    self.next_event = next;
                    self.expect_last_event = Some(next - 1);
                }
                _ => {
                    self.send(Vec::new()).await?;
                }
            }
        }
        let id = self.next_event;
        self.next_event += 1;
        Ok(id)
    }

    pub(crate) async fn commit(mut self) -> R<()> {
        self.pending.push(Stmt::new("COMMIT"));
        self.send(Vec::new()).await?;
        self.committed = true;
        // No history written yet leaves no row to check the next ids against.
        let next = (self.next_event > 1).then_some(self.next_event);
        if let Some(writer) = self.turn.as_deref_mut() {
            writer.next_event = next;
        }
        if self.store.own_writer {
            self.store.writer_committed();
        }
        Ok(())
    }

    /// Sends `BEGIN` (the first time), the queued writes and `reads`, in one call; returns
    /// the rows of each of `reads`.
    async fn send(&mut self, reads: Vec<Stmt>) -> R<Vec<Vec<SqliteRow>>> {
        self.turn().await?;
        let opening = !self.begun;
        let mut stmts = Vec::with_capacity(self.pending.len() + reads.len() + 2);
        if opening {
            stmts.push(Stmt::new(Dialect::Sqlite.begin_write()));
            stmts.push(match self.expect_last_event {
                Some(last) => Stmt::new(LAST_EVENT_STILL)
                    .arg(last)
                    .or_fail(Miss::Conflict),
                None => Stmt::new(LAST_EVENT_ID),
            });
            self.carried = self.store.card_log.take();
            stmts.extend(self.carried.iter().map(|q| q.write.clone()));
        }
        stmts.append(&mut self.pending);
        let first_read = stmts.len();
        stmts.extend(reads);
        self.begun = true;
        let mut rows = run_all(self.connection()?, stmts).await?;
        if opening && self.expect_last_event.is_none() {
            let last: Option<i64> = match rows[1].first() {
                Some(row) => row.try_get(0)?,
                None => None,
            };
            self.next_event = last.unwrap_or(0) + 1;
        }
        Ok(rows.split_off(first_read))
    }

    fn connection(&mut self) -> R<&mut SqliteConnection> {
        let own = self.turn.as_mut().and_then(|t| t.conn.as_mut());
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
        // The ids it took are not written: the next writer asks again.
        if let Some(writer) = turn.as_deref_mut() {
            writer.next_event = None;
        }
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return close(&mut turn, &mut pooled);
        };
        rt.spawn(async move {
            let conn = match (
                turn.as_mut().and_then(|t| t.conn.as_mut()),
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
        turn.conn.take();
    }
    if let Some(pooled) = pooled {
        pooled.close_on_drop();
    }
}
