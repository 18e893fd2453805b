//! Transactions shared by every operation.

use sqlx::{Pool, Transaction};

use super::{Db, DIALECT};
use crate::storage::StoreError;

pub(crate) type Tx = Transaction<'static, Db>;

/// Begins a transaction that will write (see `Dialect::begin_write`).
pub(crate) async fn begin_write(pool: &Pool<Db>) -> Result<Tx, StoreError> {
    Ok(pool.begin_with(DIALECT.begin_write()).await?)
}
