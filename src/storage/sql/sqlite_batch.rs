//! Several statements in one call to a SQLite connection's worker thread.
//!
//! sqlx runs each SQLite connection on its own thread and hands every statement and its rows
//! across. A case command held the write lock across ten such hand-offs; joined here, it holds
//! it across three (issue 15). The statements are joined into one text with their `$N`
//! parameters renumbered; sqlx-sqlite steps through them in order and ends each with its
//! count of changed rows, which is checked against what the statement expects.
//!
//! sqlx marks several statements in one prepared text as deprecated for the other drivers;
//! SQLite's driver supports it (`ExecuteIter` in sqlx-sqlite). The storage tests would fail
//! at once if it stopped doing so.

use futures::TryStreamExt;
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Either, Executor, SqliteConnection};

use super::stmt::{shift_params, Arg, Stmt};
use crate::storage::StoreError;

/// Runs `stmts` in order, in one call, and returns the rows each one returned. Stops at the
/// first statement that fails or changes fewer rows than it must.
pub(crate) async fn run_all(
    conn: &mut SqliteConnection,
    stmts: Vec<Stmt>,
) -> Result<Vec<Vec<SqliteRow>>, StoreError> {
    let mut sql = String::new();
    let mut args = SqliteArguments::default();
    let mut checks = Vec::with_capacity(stmts.len());
    for stmt in stmts {
        if !sql.is_empty() {
            sql.push_str(";\n");
        }
        sql.push_str(&shift_params(&stmt.sql, args.len()));
        for arg in stmt.args {
            add(&mut args, arg)?;
        }
        checks.push(Stmt {
            args: Vec::new(),
            ..stmt
        });
    }
    let mut rows: Vec<Vec<SqliteRow>> = checks.iter().map(|_| Vec::new()).collect();
    let mut at = 0;
    let mut results = conn.fetch_many(sqlx::query_with(&sql, args));
    while let Some(step) = results.try_next().await? {
        let Some(stmt) = checks.get(at) else {
            return Err(StoreError::corrupt(
                "a batch returned more results than statements",
            ));
        };
        match step {
            Either::Right(row) => rows[at].push(row),
            Either::Left(done) => {
                // SQLite reports the last write's count after a read, so only writes are
                // checked.
                stmt.check(done.rows_affected())?;
                at += 1;
            }
        }
    }
    if at != checks.len() {
        return Err(StoreError::corrupt(
            "a batch ended before its last statement",
        ));
    }
    Ok(rows)
}

fn add(args: &mut SqliteArguments<'static>, arg: Arg) -> Result<(), StoreError> {
    let added = match arg {
        Arg::Int(v) => args.add(v),
        Arg::Text(v) => args.add(v),
        Arg::Bool(v) => args.add(v),
    };
    added.map_err(|e| StoreError::Db(sqlx::Error::Encode(e)))
}
