//! SQLite connections for the reads on a person's path (who sent an update, `/my`, a case),
//! handed back without sqlx's ping.
//!
//! sqlx's pool pings every connection it gets back; on SQLite that is one more round trip to
//! the connection's worker thread for each read, and on a small machine a thread hand-off
//! costs more than the read (issue 15: a `/my` made five such trips, two of them pings). The
//! ping is there to catch a connection left mid-transaction by a cancelled caller; these
//! connections only ever run single `SELECT`s, so there is nothing to flush, and one whose
//! read was cancelled is closed rather than kept. A file database only: an in-memory one
//! has its pool's one connection, which must stay in the pool.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use sqlx::{SqliteConnection, SqlitePool};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::StoreError;

/// At most this many readers are open at once, as many as the pool's connections: a
/// reader is held only across one or two statements.
const READERS: usize = 4;

/// The idle readers, and the right to hold one.
pub(crate) struct Readers {
    idle: Arc<Mutex<Vec<SqliteConnection>>>,
    permits: Arc<Semaphore>,
}

impl Default for Readers {
    fn default() -> Self {
        Readers {
            idle: Arc::default(),
            permits: Arc::new(Semaphore::new(READERS)),
        }
    }
}

impl Readers {
    /// An idle reader, or a new one taken out of `pool` for good (the pool may open another
    /// in its place), once fewer than [`READERS`] are in use; waits as the pool would.
    pub(crate) async fn get(&self, pool: &SqlitePool) -> Result<Reader, StoreError> {
        let permit = self.permits.clone().acquire_owned();
        let permit = tokio::time::timeout(pool.options().get_acquire_timeout(), permit)
            .await
            .map_err(|_| StoreError::Db(sqlx::Error::PoolTimedOut))?
            .map_err(|_| StoreError::Db(sqlx::Error::PoolClosed))?;
        let idle = self.idle.lock().map(|mut idle| idle.pop()).ok().flatten();
        let conn = match idle {
            Some(conn) => conn,
            None => pool.acquire().await?.detach(),
        };
        Ok(Reader {
            conn: Some(conn),
            home: self.idle.clone(),
            finished: false,
            _permit: permit,
        })
    }

    /// Closes the idle readers; the pool is closed after them.
    pub(crate) async fn close(&self) {
        self.permits.close();
        let idle = match self.idle.lock() {
            Ok(mut idle) => std::mem::take(&mut *idle),
            Err(_) => return,
        };
        for conn in idle {
            if let Err(e) = sqlx::Connection::close(conn).await {
                tracing::warn!(error = %e, "closing a SQLite reader");
            }
        }
    }
}

/// A reader in use. Call [`Reader::finished`] when its reads are done; dropped without it
/// (an error or a cancelled read), the connection is closed instead of kept.
pub(crate) struct Reader {
    conn: Option<SqliteConnection>,
    home: Arc<Mutex<Vec<SqliteConnection>>>,
    finished: bool,
    _permit: OwnedSemaphorePermit,
}

impl Reader {
    /// Passes `result` through, marking the reader fit to keep when it is `Ok`.
    pub(crate) fn finished<T>(mut self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        self.finished = result.is_ok();
        result
    }
}

impl Deref for Reader {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn
            .as_mut()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if self.finished {
            if let Ok(mut idle) = self.home.lock() {
                idle.push(conn);
            }
        }
        // Otherwise dropped: sqlx closes it on its worker thread.
    }
}

#[cfg(test)]
mod tests {
    use sqlx::Executor;

    use sqlx::SqlitePool;

    use crate::storage::backend::{temp_file_store, Backend};
    use crate::storage::Store;

    async fn file_store(dir: &tempfile::TempDir) -> (Store, SqlitePool) {
        let store = temp_file_store(dir).await;
        let Backend::Sqlite(pool) = &store.backend else {
            unreachable!("a SQLite URL")
        };
        let pool = pool.clone();
        (store, pool)
    }

    /// A reader with a `TEMP` table on its connection, which only that connection sees.
    async fn marked_reader(store: &Store, pool: &SqlitePool) -> super::Reader {
        let mut reader = store.readers.get(pool).await.unwrap();
        reader.execute("CREATE TEMP TABLE mark (x)").await.unwrap();
        reader
    }

    /// Whether the connection is [`marked_reader`]'s.
    async fn marked(conn: &mut sqlx::SqliteConnection) -> bool {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM sqlite_temp_master WHERE name = 'mark'")
                .fetch_optional(&mut *conn)
                .await
                .unwrap();
        found.is_some()
    }

    #[tokio::test]
    async fn a_reader_is_kept_after_its_reads_and_handed_out_again() {
        let dir = tempfile::tempdir().unwrap();
        let (store, pool) = file_store(&dir).await;
        let pool = &pool;
        let reader = marked_reader(&store, pool).await;
        reader.finished(Ok(())).unwrap();
        let mut again = store.readers.get(pool).await.unwrap();
        assert!(marked(&mut again).await, "the same connection, kept");
        // Readers come from the pool, so they are set up as its connections are.
        let stable = crate::storage::sqlite_conn::planner_stability(&mut again, -1);
        assert_eq!(stable.await.unwrap(), 1);
    }

    #[tokio::test]
    async fn a_reader_dropped_mid_read_is_closed_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (store, pool) = file_store(&dir).await;
        let pool = &pool;
        let reader = marked_reader(&store, pool).await;
        drop(reader);
        let failed = store.readers.get(pool).await.unwrap();
        let kept = failed.finished::<()>(Err(crate::storage::StoreError::corrupt("read failed")));
        assert!(kept.is_err());
        let mut next = store.readers.get(pool).await.unwrap();
        assert!(!marked(&mut next).await, "a new connection");
    }

    #[tokio::test]
    async fn no_more_readers_than_the_limit_are_open_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let (store, pool) = file_store(&dir).await;
        let pool = &pool;
        let mut held = Vec::new();
        for _ in 0..super::READERS {
            held.push(store.readers.get(pool).await.unwrap());
        }
        let waiting = store.readers.get(pool);
        tokio::pin!(waiting);
        assert!(futures::poll!(&mut waiting).is_pending());
        held.pop().unwrap().finished(Ok(())).unwrap();
        assert!(waiting.await.is_ok(), "handed out once one is back");
    }

    #[tokio::test]
    async fn closing_the_store_closes_its_idle_readers() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = file_store(&dir).await;
        assert!(store.identity_by_telegram(1).await.unwrap().is_none());
        assert_eq!(store.readers.idle.lock().unwrap().len(), 1);
        store.close().await;
        assert!(store.readers.idle.lock().unwrap().is_empty());
        assert!(
            store.identity_by_telegram(1).await.is_err(),
            "refused once closed"
        );
    }
}
