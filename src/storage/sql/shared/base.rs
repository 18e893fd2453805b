//! Transactions shared by every operation, and statements built as data
//! ([`crate::storage::sql::stmt`]) run one at a time.

use sqlx::query::Query;
use sqlx::{Database, Pool, Transaction};

use super::{Conn, Db, DIALECT};
use crate::storage::sql::stmt::{Arg, Stmt};
use crate::storage::StoreError;

pub(crate) type Tx = Transaction<'static, Db>;
pub(crate) type Row = <Db as Database>::Row;

/// Begins a transaction that will write (see `Dialect::begin_write`).
pub(crate) async fn begin_write(pool: &Pool<Db>) -> Result<Tx, StoreError> {
    Ok(pool.begin_with(DIALECT.begin_write()).await?)
}

/// Runs a statement that returns no rows, checking what it changed.
pub(crate) async fn run(conn: &mut Conn, stmt: &Stmt) -> Result<(), StoreError> {
    let done = bind(sqlx::query(&stmt.sql), &stmt.args)
        .execute(&mut *conn)
        .await?;
    stmt.check(done.rows_affected())
}

/// The rows of a statement.
#[allow(dead_code)] // in PostgreSQL's copy only: SQLite's transactions batch their reads
pub(crate) async fn fetch(conn: &mut Conn, stmt: &Stmt) -> Result<Vec<Row>, StoreError> {
    Ok(bind(sqlx::query(&stmt.sql), &stmt.args)
        .fetch_all(&mut *conn)
        .await?)
}

pub(crate) fn bind<'q>(
    mut query: Query<'q, Db, <Db as Database>::Arguments<'q>>,
    args: &'q [Arg],
) -> Query<'q, Db, <Db as Database>::Arguments<'q>> {
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.as_deref()),
            Arg::Bool(v) => query.bind(*v),
        };
    }
    query
}
