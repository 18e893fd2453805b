//! Case commands and case reads.

use chrono::{DateTime, Utc};

use super::{CaseView, CommandMeta, Store, StoreCtx, StoreError};
use crate::domain::case::{Command, Registration};
use crate::domain::directory::Actor;
use crate::domain::ids::{CaseId, PersonId};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Registers a post and assigns it to its units (п.8), in one transaction with its
    /// history, timers and notices. The same normalized link twice fails with
    /// `DuplicateLink`; a repeat (п.15) is a new link with `repeat_of` set.
    pub async fn register(
        &self,
        registration: &Registration,
        actor: PersonId,
        meta: CommandMeta,
        ctx: &StoreCtx,
    ) -> R<CaseView> {
        dispatch!(self, db, pool => {
            db::command::register(pool, registration, actor, meta, ctx, None).await
        })
    }

    /// Registers a post and rejects it at once (п.17), so it is counted and never processed.
    pub async fn reject_at_intake(
        &self,
        registration: &Registration,
        reason: &str,
        actor: PersonId,
        meta: CommandMeta,
        ctx: &StoreCtx,
    ) -> R<CaseView> {
        dispatch!(self, db, pool => {
            db::command::register(pool, registration, actor, meta, ctx, Some(reason)).await
        })
    }

    /// Decides `command` on the case and records it with its consequences, or changes
    /// nothing: `Refused` carries the domain's reason, `DuplicateUpdate` a redelivery.
    pub async fn execute(
        &self,
        case: CaseId,
        actor: PersonId,
        command: &Command,
        meta: CommandMeta,
        ctx: &StoreCtx,
    ) -> R<CaseView> {
        dispatch!(self, db, pool => {
            db::command::execute(pool, case, actor, command, meta, ctx).await
        })
    }

    pub async fn case(&self, id: CaseId, ctx: &StoreCtx) -> R<Option<CaseView>> {
        dispatch!(self, db, pool => db::case_read::case(pool, id, ctx).await)
    }

    pub async fn case_by_number(&self, number: i64, ctx: &StoreCtx) -> R<Option<CaseView>> {
        dispatch!(self, db, pool => db::case_read::case_by_number(pool, number, ctx).await)
    }

    /// The case registered for this (already normalized) link.
    pub async fn find_by_link(&self, link: &str, ctx: &StoreCtx) -> R<Option<CaseView>> {
        dispatch!(self, db, pool => db::case_read::find_by_link(pool, link, ctx).await)
    }

    /// What the person should act on now, the nearest due first: an executor's unit's
    /// cases to accept, answer or contribute to; a deputy's drafts on approval; a curator's
    /// registered, returned and approved cases.
    pub async fn open_cases_for(&self, actor: &Actor, ctx: &StoreCtx) -> R<Vec<CaseView>> {
        dispatch!(self, db, pool => db::case_read::open_cases_for(pool, actor, ctx).await)
    }

    /// Open cases with a deadline past at `now`, the most overdue first.
    pub async fn overdue_cases(&self, now: DateTime<Utc>, ctx: &StoreCtx) -> R<Vec<CaseView>> {
        dispatch!(self, db, pool => db::case_read::overdue_cases(pool, now, ctx).await)
    }

    /// Every case registered before `to` and not closed before `from` (the cases a report
    /// for `[from, to)` covers), by number, histories loaded in batches.
    pub async fn cases_for_period(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        ctx: &StoreCtx,
    ) -> R<Vec<CaseView>> {
        dispatch!(self, db, pool => db::case_read::cases_for_period(pool, from, to, ctx).await)
    }

    /// Streams every case of the report period `[from, to)` with its history to `each`,
    /// without replaying or keeping them (the monthly report over a million cases).
    pub async fn for_each_report_case(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        each: impl FnMut(crate::domain::report::ReportCase),
    ) -> R<usize> {
        dispatch!(self, db, pool => db::report_read::for_each_case(pool, from, to, each).await)
    }

    /// Registrations of `[from, to)` counted by (topic, location, network, importance).
    pub async fn registrations_by_class(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> R<Vec<(String, String, String, String, i64)>> {
        dispatch!(self, db, pool => db::report_read::registrations(pool, from, to).await)
    }
}
