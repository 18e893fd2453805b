//! The transaction-scoped repository the use cases (`crate::service`) work through: history,
//! events, case rows, timers, outbox, update claims and directory reads, all inside one
//! write transaction of either backend. Each method only picks the backend's copy of the
//! shared SQL; no rule is decided here.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::backend::Backend;
use super::sql::{postgres, sqlite};
use super::tx_sqlite::SqliteTx;
use super::wakeups::{Wakeups, Wrote};
use super::{Store, StoreError, TimerItem, TimerPlan};
use crate::domain::case::{Assignment, Case, CaseEvent, Registration};
use crate::domain::directory::Actor;
use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::domain::notice::Audience;

pub(super) type R<T> = Result<T, StoreError>;

/// An open write transaction. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    conn: TxConn,
    /// What to signal once committed (nothing if rolled back).
    wrote: Wrote,
    wakeups: Arc<Wakeups>,
}

pub(super) enum TxConn {
    // Boxed: the SQLite side carries its queued statements and the store.
    Sqlite(Box<SqliteTx>),
    Postgres(postgres::base::Tx),
}

/// Runs `$body` with `$db` naming the backend's SQL module and `$conn` its connection.
macro_rules! on_tx {
    ($tx:expr, $db:ident, $conn:ident => $body:expr) => {
        match &mut $tx.conn {
            $crate::storage::tx::TxConn::Sqlite(t) => {
                use $crate::storage::sql::sqlite as $db;
                let $conn: &mut $db::Conn = t.conn().await?;
                $body
            }
            $crate::storage::tx::TxConn::Postgres(t) => {
                use $crate::storage::sql::postgres as $db;
                let $conn: &mut $db::Conn = &mut **t;
                $body
            }
        }
    };
}

/// Writes statements built by `$db`'s SQL as data: SQLite sends them with its next call,
/// PostgreSQL runs them now.
macro_rules! write_tx {
    ($tx:expr, $db:ident => $stmts:expr) => {
        match &mut $tx.conn {
            TxConn::Sqlite(t) => {
                use $crate::storage::sql::sqlite as $db;
                for stmt in $stmts {
                    t.defer(stmt);
                }
                Ok(())
            }
            TxConn::Postgres(t) => {
                use $crate::storage::sql::postgres as $db;
                for stmt in $stmts {
                    $db::base::run(&mut **t, &stmt).await?;
                }
                Ok(())
            }
        }
    };
}

impl Store {
    /// Begins a transaction that will write (SQLite takes its write lock with the first
    /// statement sent, and `BEGIN IMMEDIATE`).
    pub async fn begin_write(&self) -> R<Tx> {
        let conn = match &self.backend {
            Backend::Sqlite(pool) => {
                TxConn::Sqlite(Box::new(SqliteTx::begin(pool, self.clone()).await?))
            }
            Backend::Postgres(pool) => TxConn::Postgres(postgres::base::begin_write(pool).await?),
        };
        Ok(Tx {
            conn,
            wrote: Wrote::default(),
            wakeups: self.wakeups.clone(),
        })
    }

    /// Ids of the cases not closed, by id.
    pub async fn open_case_ids(&self) -> R<Vec<CaseId>> {
        dispatch!(self, db, pool => db::case_read::open_ids(pool).await)
    }
}

impl Tx {
    pub async fn commit(self) -> R<()> {
        match self.conn {
            TxConn::Sqlite(t) => t.commit().await?,
            TxConn::Postgres(t) => t.commit().await?,
        }
        self.wakeups.committed(&self.wrote);
        Ok(())
    }

    /// Records the messenger update; `DuplicateUpdate` if it was already recorded.
    pub async fn claim_update(&mut self, update_id: Option<i64>, now: DateTime<Utc>) -> R<()> {
        write_tx!(self, db => db::kv::claim_update(update_id, now).into_iter())
    }

    /// `(id, number)` of the case registered for this link.
    pub async fn link_owner(&mut self, link: &str) -> R<Option<(i64, i64)>> {
        on_tx!(self, db, c => db::case_read::link_owner(c, link).await)
    }

    /// `(number, version)` of a case.
    pub async fn case_head(&mut self, id: CaseId) -> R<Option<(i64, i64)>> {
        on_tx!(self, db, c => db::case_write::head(c, id).await)
    }

    /// `(number, version, history)` of a case, read in one statement.
    pub async fn case_with_history(
        &mut self,
        id: CaseId,
    ) -> R<Option<(i64, i64, Vec<(i64, CaseEvent)>)>> {
        match &mut self.conn {
            TxConn::Sqlite(t) => {
                sqlite::case_read::with_history_from(t.history_and_cards(id).await?)
            }
            TxConn::Postgres(t) => {
                let rows = postgres::base::fetch(t, &postgres::case_read::with_history(id)).await?;
                postgres::case_read::with_history_from(rows)
            }
        }
    }

    /// The active person with their roles and supervised units, as of this transaction.
    pub async fn actor(&mut self, id: PersonId) -> R<Option<Actor>> {
        on_tx!(self, db, c => db::identity::actor_in(c, id).await)
    }

    pub async fn unit_is_active(&mut self, unit: UnitId) -> R<bool> {
        on_tx!(self, db, c => db::dir_read::unit_is_active(c, unit).await)
    }

    pub async fn next_case_number(&mut self) -> R<i64> {
        on_tx!(self, db, c => db::case_write::next_number(c).await)
    }

    pub async fn insert_case(
        &mut self,
        number: i64,
        reg: &Registration,
        now: DateTime<Utc>,
        by: PersonId,
    ) -> R<CaseId> {
        on_tx!(self, db, c => db::case_write::insert_case(c, number, reg, now, by).await)
    }

    /// Optimistic concurrency: `Conflict` if the case changed since read at `version`.
    pub async fn bump_version(&mut self, id: CaseId, version: i64) -> R<()> {
        on_tx!(self, db, c => db::case_write::bump_version(c, id, version).await)
    }

    /// Appends one history row; returns its id.
    pub async fn append_event(&mut self, case: CaseId, event: &CaseEvent) -> R<i64> {
        match &mut self.conn {
            TxConn::Sqlite(t) => {
                let id = t.take_event_id().await?;
                t.defer(sqlite::case_write::event_with_id(id, case, event)?);
                Ok(id)
            }
            TxConn::Postgres(t) => postgres::case_write::insert_event(t, case, event).await,
        }
    }

    /// Writes the columns derived from the replayed case and bumps its version; with
    /// `expected`, `Conflict` if the case changed since it was read at that version.
    pub async fn write_case_row(
        &mut self,
        case: &Case,
        expected: Option<i64>,
        closed_at: Option<DateTime<Utc>>,
        next_due_at: Option<DateTime<Utc>>,
    ) -> R<()> {
        let next = next_due_at.map(|t| t.timestamp());
        write_tx!(self, db => [db::case_write::update_row(case, expected, closed_at, next)])
    }

    /// Only the nearest due moment of a case (after its timers were re-derived).
    pub async fn write_next_due(&mut self, id: CaseId, next: Option<DateTime<Utc>>) -> R<()> {
        let next = next.map(|t| t.timestamp());
        on_tx!(self, db, c => db::case_write::set_next_due(c, id, next).await)
    }

    /// Brings the case's unit rows from the assignments `before` (what they hold now; none
    /// for a new case) to its current ones, writing only what changed.
    pub async fn write_case_units(&mut self, case: &Case, before: &[Assignment]) -> R<()> {
        write_tx!(self, db => db::case_write::write_units(case, before))
    }

    /// Replaces the case's timers with `plans`, keeping what was already done for the ones
    /// that stay.
    pub async fn replace_timers(&mut self, case: CaseId, plans: &[TimerPlan]) -> R<()> {
        for plan in plans {
            self.wrote
                .timer(plan.remind_at.unwrap_or(plan.due_at).min(plan.due_at));
        }
        write_tx!(self, db => db::timers::rewrite(case, plans))
    }

    /// Marks one timer's action done; false if it already was or the deadline closed.
    pub async fn mark_timer(&mut self, item: &TimerItem) -> R<bool> {
        on_tx!(self, db, c => db::timers::mark(c, item).await)
    }

    /// Queues `payload` for every reachable person of `audience` under `{key}:{person}`;
    /// a key already queued is skipped. Returns rows added.
    pub async fn enqueue(
        &mut self,
        audience: Audience,
        case: Option<CaseId>,
        payload: &Value,
        key: &str,
        now: DateTime<Utc>,
    ) -> R<usize> {
        let added =
            on_tx!(self, db, c => db::notify::enqueue(c, audience, case, payload, key, now).await)?;
        self.wrote.outbox |= added > 0;
        Ok(added)
    }

    /// The people `audience` means now (those reachable in some messenger), by id.
    pub async fn audience(&mut self, audience: Audience) -> R<Vec<PersonId>> {
        on_tx!(self, db, c => {
            let rows = db::notify::recipients(c, audience).await?;
            Ok(rows.into_iter().map(|(id, _, _)| PersonId(id)).collect())
        })
    }

    /// The recorded cards of a case (SPEC §6).
    pub async fn case_cards(&mut self, case: CaseId) -> R<Vec<super::CaseCard>> {
        match &mut self.conn {
            TxConn::Sqlite(t) => t.case_cards(case).await,
            TxConn::Postgres(t) => postgres::cards::cards_from(
                postgres::base::fetch(t, &postgres::cards::for_case(case)).await?,
            ),
        }
    }

    pub async fn forget_card(&mut self, at: super::CardRef) -> R<()> {
        match &mut self.conn {
            TxConn::Sqlite(t) => {
                t.forget_card(at);
                Ok(())
            }
            TxConn::Postgres(t) => postgres::base::run(t, &postgres::cards::forget(at)).await,
        }
    }

    /// Queues `payload` for one person in one chat of one messenger (e.g. an edit of a
    /// card there) under `key`; a key already queued is skipped. Returns rows added.
    pub async fn enqueue_to(
        &mut self,
        to: (PersonId, super::CardRef),
        case: Option<CaseId>,
        payload: &Value,
        key: &str,
        now: DateTime<Utc>,
    ) -> R<usize> {
        let added =
            on_tx!(self, db, c => db::notify::enqueue_to(c, to, case, payload, key, now).await)?;
        self.wrote.outbox |= added > 0;
        Ok(added)
    }
}

#[path = "tx_directory.rs"]
mod directory;
pub use directory::Listing;

#[path = "tx_invites.rs"]
mod invites;

#[path = "tx_deficiency.rs"]
mod deficiency;
