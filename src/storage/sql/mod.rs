//! The SQL of every operation, written once in `shared/` and compiled once per backend:
//! `sqlite.rs` and `postgres.rs` each mount the same files as their own modules with their
//! own `Db` type, so both typed drivers run the same statements. SQLite accepts PostgreSQL's
//! `$1` parameters; where the dialects differ, `DIALECT.pick` keeps both texts side by side.

pub(crate) mod common;
pub(crate) mod postgres;
pub(crate) mod sqlite;
pub(crate) mod sqlite_batch;
pub(crate) mod stmt;
