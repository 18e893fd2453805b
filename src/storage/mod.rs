//! Persistence, repositories only: [`Store`] (reads and small keyed writes) and [`Tx`] (a
//! write transaction the use cases of `crate::service` work through), over two typed sqlx
//! backends — SQLite (the default, one file) and PostgreSQL (larger or replicated
//! deployments). No rule is decided here.
//!
//! Every operation's SQL is written once, in `sql/shared/`, and compiled once per backend
//! (`sql/sqlite.rs`, `sql/postgres.rs`), so both typed drivers run the same text; the few
//! statements that must differ sit side by side there. The methods in this module's files
//! only pick the backend ([`dispatch!`], `on_tx!`, `write_tx!`).
//!
//! A command's hot statements are built as data (`sql/stmt.rs`): SQLite sends them in as few
//! calls to its connection's worker thread as it can (`tx_sqlite.rs`), PostgreSQL runs each at
//! once. SQLite's writers take turns in this process (`Store::write_turn`), read a command's
//! case before their turn when they can, leave checkpoints to a background task
//! (`checkpoint.rs`), and the redrawn cards' records wait for the next write transaction
//! (`card_log.rs`). The reads on a person's path go through readers handed back without
//! sqlx's ping (`readers.rs`).
//!
//! Kept here: history rows are never updated nor deleted; a timer's done flags survive a
//! rewrite of its case's timers; outbox rows are unique by idempotency key.

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

/// Runs `$body` with `$conn` one connection for a read on a person's path: on a SQLite
/// file a reader handed back without sqlx's ping (`readers.rs`), otherwise one from the
/// pool. `$body` runs on that one connection and acquires no other.
macro_rules! read {
    ($store:expr, $db:ident, $conn:ident => $body:expr) => {
        match &$store.backend {
            $crate::storage::backend::Backend::Sqlite(pool) if $store.own_writer => {
                use $crate::storage::sql::sqlite as $db;
                let mut reader = $store.readers.get(pool).await?;
                let result = {
                    let $conn: &mut $db::Conn = &mut reader;
                    $body
                };
                reader.finished(result)
            }
            $crate::storage::backend::Backend::Sqlite(pool) => {
                use $crate::storage::sql::sqlite as $db;
                let mut pooled = pool.acquire().await?;
                let $conn: &mut $db::Conn = &mut pooled;
                $body
            }
            $crate::storage::backend::Backend::Postgres(pool) => {
                use $crate::storage::sql::postgres as $db;
                let mut pooled = pool.acquire().await?;
                let $conn: &mut $db::Conn = &mut pooled;
                $body
            }
        }
    };
}

mod backend;
pub mod candidates;
mod card_log;
mod cards;
mod cases;
mod checkpoint;
pub mod deficiency;
mod directory;
mod error;
mod invites;
mod kv;
mod messengers;
mod ops;
mod outbox;
pub mod publications;
mod readers;
mod report;
mod report_files;
mod sql;
mod sqlite_conn;
mod timers;
mod tx;
mod tx_sqlite;
mod types;
mod wakeups;

pub use backend::Store;
pub use error::{InviteError, StoreError};
pub use ops::OpsFigures;
pub use report_files::ReportArtifact;
pub use tx::{Listing, Tx};
pub use types::{
    CardRef, CaseCard, CasePage, CaseView, Catalog, CommandMeta, DirectoryChanges, Identity,
    NameRows, OutboxItem, OutboxStatus, PersonSettings, StoreCtx, TimerAction, TimerItem,
    TimerPlan,
};
pub use wakeups::Wakeups;
