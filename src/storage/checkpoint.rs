//! SQLite checkpoints taken out of the writers' commits (issue 15).
//!
//! SQLite's automatic checkpoint runs inside the commit that takes the write-ahead log past
//! a thousand pages: that commit copies the log into the database and syncs both, holding
//! the write lock meanwhile, so every press queued behind it waits. The writers' own
//! connection has it off; after [`CHECKPOINT_EVERY`] of its commits a background task runs a
//! passive checkpoint on another connection, which works beside the writers without
//! blocking them (measured side by side: presses 1,889–1,981 → 2,181–2,280/s). Closing the
//! last connection checkpoints what is left, as before.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use sqlx::{Executor, SqliteConnection};

use super::backend::Backend;
use super::Store;

/// About as many log pages as SQLite's automatic checkpoint waits for (a press writes 5–7).
const CHECKPOINT_EVERY: u32 = 150;

#[derive(Debug, Default)]
pub(crate) struct Checkpoints {
    /// Commits through the writers' own connection since the last checkpoint began.
    since: AtomicU32,
    running: AtomicBool,
    /// Checkpoints completed, for tests.
    done: AtomicU64,
}

impl Checkpoints {
    /// Counts a commit; true when a checkpoint is due and none is running (the caller then
    /// starts one, and the count starts again).
    fn committed(&self) -> bool {
        let since = self.since.fetch_add(1, Ordering::AcqRel) + 1;
        let due = since >= CHECKPOINT_EVERY && !self.running.swap(true, Ordering::AcqRel);
        if due {
            self.since.store(0, Ordering::Release);
        }
        due
    }

    #[cfg(test)]
    pub(crate) fn done(&self) -> u64 {
        self.done.load(Ordering::Acquire)
    }
}

/// Turns SQLite's automatic checkpoint off on the writers' own connection.
pub(crate) async fn writer_opened(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
    Ok(())
}

impl Store {
    /// After a commit through the writers' own connection: starts a passive checkpoint on
    /// another connection when one is due.
    pub(crate) fn writer_committed(&self) {
        if !self.checkpoints.committed() {
            return;
        }
        let (Backend::Sqlite(pool), Ok(rt)) =
            (&self.backend, tokio::runtime::Handle::try_current())
        else {
            self.checkpoints.running.store(false, Ordering::Release);
            return;
        };
        let (pool, checkpoints) = (pool.clone(), self.checkpoints.clone());
        rt.spawn(async move {
            let run = async {
                let mut conn = pool.acquire().await?;
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").await
            };
            match run.await {
                Ok(_) => {
                    checkpoints.done.fetch_add(1, Ordering::AcqRel);
                }
                // The next one is due after as many commits again; SQLite's log only grows
                // meanwhile, as it would with readers holding it.
                Err(e) => tracing::warn!(error = %e, "SQLite checkpoint failed"),
            }
            checkpoints.running.store(false, Ordering::Release);
        });
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::storage::backend::temp_file_store;

    /// Commits one recorded update through the writers' own connection.
    async fn commit_one(store: &Store, update: i64) {
        let mut tx = store.begin_write().await.unwrap();
        tx.claim_update(Some(update), chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    #[tokio::test]
    async fn the_writers_own_connection_does_not_checkpoint_in_its_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = temp_file_store(&dir).await;
        commit_one(&store, 1).await;
        let mut turn = store.take_write_turn().await.unwrap();
        let conn = turn.conn.as_mut().expect("the writers' own connection");
        let every: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(conn)
            .await
            .unwrap();
        assert_eq!(every, 0);
    }

    #[tokio::test]
    async fn a_checkpoint_runs_beside_the_writers_after_enough_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = temp_file_store(&dir).await;
        for update in 1..i64::from(CHECKPOINT_EVERY) {
            commit_one(&store, update).await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(store.checkpoints.done(), 0, "not due yet");
        commit_one(&store, i64::from(CHECKPOINT_EVERY)).await;
        let waited = tokio::time::timeout(Duration::from_secs(10), async {
            while store.checkpoints.done() == 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
        assert!(waited.await.is_ok(), "a checkpoint ran");
        // And the writers go on committing after it.
        commit_one(&store, 0).await;
    }
}
