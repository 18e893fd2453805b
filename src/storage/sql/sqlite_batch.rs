//! Several statements in one call to a SQLite connection's worker thread.
//!
//! sqlx runs each SQLite connection on its own thread and hands every statement and its rows
//! across. A case command held the write lock across ten such hand-offs; joined here, it holds
//! it across two (issue 15). The statements are joined into one text with their `$N`
//! parameters renumbered; sqlx-sqlite steps through them in order and stops at the first
//! error. A statement that must change a row is followed by a guard that fails in SQL when
//! it changed none, so nothing after it runs: the results come back through a channel, and
//! by the time a count of zero were read here a `COMMIT` later in the batch could already
//! have run.
//!
//! sqlx marks several statements in one prepared text as deprecated for the other drivers;
//! SQLite's driver supports it (`ExecuteIter` in sqlx-sqlite). The storage tests would fail
//! at once if it stopped doing so.

use futures::TryStreamExt;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Either, Executor, SqliteConnection};

use super::stmt::{shift_params, Arg, Miss, Stmt};
use crate::storage::StoreError;

/// Runs `stmts` in order, in one call, and returns the rows each one returned. Stops at the
/// first statement that fails or changes no row where it must.
pub(crate) async fn run_all(
    conn: &mut SqliteConnection,
    stmts: Vec<Stmt>,
) -> Result<Vec<Vec<SqliteRow>>, StoreError> {
    let count = stmts.len();
    let (sql, args, runs) = join(stmts)?;
    let mut rows: Vec<Vec<SqliteRow>> = (0..count).map(|_| Vec::new()).collect();
    let mut at = 0;
    let mut results = conn.fetch_many(sqlx::query_with(&sql, args));
    loop {
        let step = match results.try_next().await {
            Ok(Some(step)) => step,
            Ok(None) => break,
            Err(e) => {
                return Err(match runs.get(at) {
                    Some(Run::Guard(miss)) => miss.error(),
                    _ => StoreError::Db(e),
                })
            }
        };
        match (step, runs.get(at)) {
            (Either::Right(row), Some(Run::Stmt(i))) => rows[*i].push(row),
            (Either::Left(_), Some(_)) => at += 1,
            _ => return Err(StoreError::corrupt("a batch returned more than it ran")),
        }
    }
    if at != runs.len() {
        return Err(StoreError::corrupt(
            "a batch ended before its last statement",
        ));
    }
    Ok(rows)
}

/// What runs in a joined batch, in order.
enum Run {
    /// The statement at this index of the batch.
    Stmt(usize),
    /// The guard after a statement that must change a row.
    Guard(Miss),
}

/// The statements as one text, their arguments one after another, and what runs.
fn join(stmts: Vec<Stmt>) -> Result<(String, SqliteArguments<'static>, Vec<Run>), StoreError> {
    let mut sql = String::new();
    let mut args = SqliteArguments::default();
    let mut runs = Vec::with_capacity(stmts.len() + 2);
    for (i, stmt) in stmts.into_iter().enumerate() {
        if !sql.is_empty() {
            sql.push_str(";\n");
        }
        sql.push_str(&shift_params(&stmt.sql, args.len()));
        for arg in stmt.args {
            add(&mut args, arg)?;
        }
        runs.push(Run::Stmt(i));
        if let Some(miss) = stmt.must_change {
            sql.push_str(";\n");
            sql.push_str(GUARD);
            runs.push(Run::Guard(miss));
        }
    }
    Ok((sql, args, runs))
}

/// Fails, and so stops the batch, when the statement before it changed no row: `changes()`
/// is the count of the last statement completed. Its table ([`GUARD_TABLE`]) is created on
/// every connection and never holds a row.
const GUARD: &str = "INSERT INTO temp.must_change (n) SELECT changes() WHERE changes() = 0";

/// Run on every new SQLite connection.
pub(crate) const GUARD_TABLE: &str =
    "CREATE TEMP TABLE IF NOT EXISTS must_change (n INTEGER NOT NULL CHECK (n > 0))";

fn add(args: &mut SqliteArguments<'static>, arg: Arg) -> Result<(), StoreError> {
    let added = match arg {
        Arg::Int(v) => args.add(v),
        Arg::Text(v) => args.add(v),
        Arg::Bool(v) => args.add(v),
    };
    added.map_err(|e| StoreError::Db(sqlx::Error::Encode(e)))
}

#[cfg(test)]
mod tests {
    use sqlx::{Connection, Row};

    use super::*;

    async fn connection() -> SqliteConnection {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        conn.execute(GUARD_TABLE).await.unwrap();
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            .await
            .unwrap();
        conn
    }

    async fn count(conn: &mut SqliteConnection) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM t")
            .fetch_one(conn)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn each_statement_gets_its_own_arguments_and_rows() {
        let mut conn = connection().await;
        let insert = "INSERT INTO t (id, v) VALUES ($1, $2)";
        let rows = run_all(
            &mut conn,
            vec![
                Stmt::new(insert).arg(1).arg("one"),
                Stmt::new(insert).arg(2).arg("two"),
                Stmt::new("SELECT v FROM t WHERE id = $1").arg(2),
                Stmt::new("SELECT id FROM t ORDER BY id"),
            ],
        )
        .await
        .unwrap();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].is_empty() && rows[1].is_empty());
        let v: String = rows[2][0].get(0);
        assert_eq!(v, "two");
        let ids: Vec<i64> = rows[3].iter().map(|r| r.get(0)).collect();
        assert_eq!(ids, [1, 2]);
    }

    #[tokio::test]
    async fn a_statement_that_changed_nothing_stops_the_batch_before_its_commit() {
        let mut conn = connection().await;
        let failed = run_all(
            &mut conn,
            vec![
                Stmt::new("BEGIN IMMEDIATE"),
                Stmt::new("INSERT INTO t (id, v) VALUES (1, 'kept?')"),
                Stmt::new("UPDATE t SET v = 'x' WHERE id = $1")
                    .arg(99)
                    .or_fail(Miss::Conflict),
                Stmt::new("COMMIT"),
            ],
        )
        .await;
        assert!(
            matches!(failed, Err(StoreError::Conflict)),
            "{:?}",
            failed.err()
        );
        conn.execute("ROLLBACK").await.unwrap();
        assert_eq!(
            count(&mut conn).await,
            0,
            "the insert before it was not committed"
        );

        let claim = "INSERT INTO t (id, v) VALUES (7, 'u') ON CONFLICT (id) DO NOTHING";
        let first = run_all(
            &mut conn,
            vec![Stmt::new(claim).or_fail(Miss::DuplicateUpdate(7))],
        );
        assert!(first.await.is_ok());
        let again = run_all(
            &mut conn,
            vec![Stmt::new(claim).or_fail(Miss::DuplicateUpdate(7))],
        );
        assert!(matches!(again.await, Err(StoreError::DuplicateUpdate(7))));
        assert_eq!(count(&mut conn).await, 1);
    }
}
