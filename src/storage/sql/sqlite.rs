//! The SQLite instance of the shared SQL (see `mod.rs`). Keep the module list in step with
//! the other backend's file.

// Each shared file is mounted once per backend on purpose: that is how one SQL text is
// compiled against both typed drivers.
#![allow(clippy::duplicate_mod)]

use sqlx::migrate::Migrator;

use super::common::Dialect;

pub(crate) type Db = sqlx::Sqlite;
pub(crate) type Conn = sqlx::SqliteConnection;
pub(crate) const DIALECT: Dialect = Dialect::Sqlite;
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

#[path = "shared/base.rs"]
pub(crate) mod base;
#[path = "shared/candidates.rs"]
pub(crate) mod candidates;
#[path = "shared/cards.rs"]
pub(crate) mod cards;
#[path = "shared/case_lists.rs"]
pub(crate) mod case_lists;
#[path = "shared/case_read.rs"]
pub(crate) mod case_read;
#[path = "shared/case_write.rs"]
pub(crate) mod case_write;
#[path = "shared/deficiency.rs"]
pub(crate) mod deficiency;
#[path = "shared/dir_apply.rs"]
pub(crate) mod dir_apply;
#[path = "shared/dir_read.rs"]
pub(crate) mod dir_read;
#[path = "shared/dir_write.rs"]
pub(crate) mod dir_write;
#[path = "shared/identity.rs"]
pub(crate) mod identity;
#[path = "shared/invites.rs"]
pub(crate) mod invites;
#[path = "shared/kv.rs"]
pub(crate) mod kv;
#[path = "shared/messengers.rs"]
pub(crate) mod messengers;
#[path = "shared/notify.rs"]
pub(crate) mod notify;
#[path = "shared/ops.rs"]
pub(crate) mod ops;
#[path = "shared/outbox.rs"]
pub(crate) mod outbox;
#[path = "shared/publications.rs"]
pub(crate) mod publications;
#[path = "shared/report_files.rs"]
pub(crate) mod report_files;
#[path = "shared/report_read.rs"]
pub(crate) mod report_read;
#[path = "shared/timers.rs"]
pub(crate) mod timers;
