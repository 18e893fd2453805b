//! A SQLite write transaction that sends its statements in as few calls as it can.
//!
//! Writes whose outcome the command does not need at once (the update claim, the history
//! rows, the case row, timers and unit rows) wait here and go with the next read, or with
//! `COMMIT`; `BEGIN IMMEDIATE` goes with the first call. A press thus takes SQLite's write
//! lock for three calls to the connection's worker thread instead of ten (issue 15). A
//! statement that fails, or changes no row where it must, fails the call it went with, and
//! the transaction is rolled back as before.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, Row, Sqlite, SqliteConnection, SqlitePool};

use super::sql::sqlite_batch::run_all;
use super::sql::stmt::Stmt;
use super::sql::common::Dialect;
use super::StoreError;

type R<T> = Result<T, StoreError>;

/// The largest history row id handed out so far: ids are taken from this under the write
/// lock, so history rows can be written without waiting for `RETURNING id`.
const LAST_EVENT_ID: &str = "SELECT seq FROM sqlite_sequence WHERE name = 'case_events'";

pub(crate) struct SqliteTx {
    conn: Option<PoolConnection<Sqlite>>,
    pending: Vec<Stmt>,
    /// Whether `BEGIN` was sent: from then on, a drop without commit rolls back.
    begun: bool,
    committed: bool,
    /// The id the next history row gets; known once begun.
    next_event: i64,
}

impl SqliteTx {
    /// Takes a connection; the transaction itself begins with the first statement sent.
    pub(crate) async fn begin(pool: &SqlitePool) -> R<Self> {
        Ok(SqliteTx {
            conn: Some(pool.acquire().await?),
            pending: Vec::new(),
            begun: false,
            committed: false,
            next_event: 0,
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
            self.send(None).await?;
        }
        self.connection()
    }

    /// The rows of `read`, sent with everything queued before it.
    pub(crate) async fn read(&mut self, read: Stmt) -> R<Vec<SqliteRow>> {
        self.send(Some(read)).await
    }

    /// The id for a new history row.
    pub(crate) async fn take_event_id(&mut self) -> R<i64> {
        if !self.begun {
            self.send(None).await?;
        }
        let id = self.next_event;
        self.next_event += 1;
        Ok(id)
    }

    pub(crate) async fn commit(mut self) -> R<()> {
        self.pending.push(Stmt::new("COMMIT"));
        self.send(None).await?;
        self.committed = true;
        Ok(())
    }

    /// Sends `BEGIN` (the first time), the queued writes and `read`, in one call; returns
    /// `read`'s rows.
    async fn send(&mut self, read: Option<Stmt>) -> R<Vec<SqliteRow>> {
        let opening = !self.begun;
        let mut stmts = Vec::with_capacity(self.pending.len() + 3);
        if opening {
            stmts.push(Stmt::new(Dialect::Sqlite.begin_write()));
            stmts.push(Stmt::new(LAST_EVENT_ID));
        }
        stmts.append(&mut self.pending);
        let reads = read.is_some();
        stmts.extend(read);
        self.begun = true;
        let mut rows = run_all(self.connection()?, stmts).await?;
        if opening {
            let last: Option<i64> = match rows[1].first() {
                Some(row) => row.try_get(0)?,
                None => None,
            };
            self.next_event = last.unwrap_or(0) + 1;
        }
        Ok(if reads { rows.pop().unwrap_or_default() } else { Vec::new() })
    }

    fn connection(&mut self) -> R<&mut SqliteConnection> {
        self.conn
            .as_deref_mut()
            .ok_or_else(|| StoreError::corrupt("a finished transaction was used"))
    }
}

impl Drop for SqliteTx {
    /// Rolls back what was begun and not committed before the connection goes back to the
    /// pool, as sqlx's own transactions do. Without a runtime the connection is closed
    /// instead, which rolls back too.
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        if !self.begun || self.committed {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    if let Err(e) = conn.execute("ROLLBACK").await {
                        tracing::debug!(error = %e, "rollback after a failed batch");
                        conn.close_on_drop();
                    }
                });
            }
            Err(_) => conn.close_on_drop(),
        }
    }
}
