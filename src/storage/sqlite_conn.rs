//! What each new SQLite connection is set up with before the pool hands it out.

use std::ffi::c_int;

use sqlx::{Executor, SqliteConnection};

use super::sql::sqlite_batch::GUARD_TABLE;

/// Readies a new SQLite connection: the batches' guard table, and SQLite's query planner
/// stability guarantee.
///
/// Without the guarantee, once the database has statistics (`ANALYZE`, `PRAGMA optimize`,
/// as an operator may well run), SQLite lets a bound value steer the plan of a statement
/// that compares it with an indexed column, and then prepares that statement again every
/// time it runs with another value: a fifth of `/my`'s CPU went to re-preparing (issue 15).
/// With it, a plan depends on the SQL text and the statistics only, so the statements sqlx
/// keeps prepared stay prepared. No query here relies on a bound value to pick an index:
/// where a partial index must match, its condition is written as a literal.
pub(crate) async fn prepare(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    conn.execute(GUARD_TABLE).await?;
    if planner_stability(conn, 1).await? != 1 {
        return Err(sqlx::Error::Configuration(
            "SQLite did not take the query planner stability guarantee".into(),
        ));
    }
    Ok(())
}

/// Sets SQLite's query planner stability guarantee (`1` on, `0` off; `-1` leaves it) and
/// returns the setting now in force.
pub(crate) async fn planner_stability(
    conn: &mut SqliteConnection,
    set: c_int,
) -> Result<c_int, sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    let mut now_on: c_int = -1;
    // SAFETY: `db` is an open connection, held exclusively through `handle` for this call
    // (its worker thread waits meanwhile). SQLITE_DBCONFIG_ENABLE_QPSG takes an int and a
    // pointer to an int that receives the setting, which lives past the call.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            set,
            &mut now_on as *mut c_int,
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sqlx::Error::Configuration(
            format!("SQLite refused a configuration call (code {rc})").into(),
        ));
    }
    Ok(now_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::backend::{temp_file_store, Backend};
    use crate::storage::tx_sqlite::SqliteTx;

    /// Pooled readers and the writers' own connection alike: a plan that varied with
    /// bound values would have its statement prepared again at every run (issue 15).
    #[tokio::test]
    async fn every_sqlite_connection_keeps_its_plans_whatever_the_values() {
        let dir = tempfile::tempdir().unwrap();
        let store = temp_file_store(&dir).await;
        let Backend::Sqlite(pool) = &store.backend else {
            unreachable!("a SQLite URL")
        };
        let mut reader = pool.acquire().await.unwrap();
        assert_eq!(planner_stability(&mut reader, -1).await.unwrap(), 1);
        drop(reader);
        let mut tx = SqliteTx::begin(pool, store.clone()).await.unwrap();
        assert_eq!(
            planner_stability(tx.conn().await.unwrap(), -1)
                .await
                .unwrap(),
            1
        );
    }
}
