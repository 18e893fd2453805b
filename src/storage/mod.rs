//! Persistence: one interface, [`Store`], over two typed sqlx backends — SQLite (the default,
//! one file) and PostgreSQL (larger or replicated deployments).
//!
//! Every operation's SQL is written once, in `sql/shared/`, and compiled once per backend
//! (`sql/sqlite.rs`, `sql/postgres.rs`), so both typed drivers run the same text; the few
//! statements that must differ sit side by side there. The `Store` methods in this module's
//! files only pick the backend with [`dispatch!`].
//!
//! Invariants kept here: a command, its history rows, the derived case columns, the case's
//! timers and the notices it causes are committed in one transaction; history rows are never
//! updated nor deleted; every outbox row has a deterministic idempotency key.

/// Runs `$body` once per backend: `$db` names that backend's SQL module and `$pool` its pool.
macro_rules! dispatch {
    ($store:expr, $db:ident, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::storage::backend::Backend::Sqlite($pool) => {
                use $crate::storage::sql::sqlite as $db;
                $body
            }
            $crate::storage::backend::Backend::Postgres($pool) => {
                use $crate::storage::sql::postgres as $db;
                $body
            }
        }
    };
}

mod backend;
pub mod candidates;
mod cases;
mod directory;
mod error;
mod invites;
mod kv;
mod outbox;
mod sql;
mod timers;
mod types;

pub use backend::Store;
pub use error::{InviteError, StoreError};
pub use types::{
    CaseView, Catalog, CommandMeta, DirectoryChanges, OutboxItem, OutboxStatus, PersonSettings,
    StoreCtx, TimerAction, TimerItem,
};
