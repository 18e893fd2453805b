//! Case reads (commands are use cases: `crate::service::cases`).

use chrono::{DateTime, Utc};

use super::sql::common::Bounds;
use super::{CasePage, CaseView, Store, StoreCtx, StoreError};
use crate::domain::directory::Actor;
use crate::domain::ids::CaseId;

type R<T> = Result<T, StoreError>;

impl Store {
    pub async fn case(&self, id: CaseId, ctx: &StoreCtx) -> R<Option<CaseView>> {
        read!(self, db, c => db::case_read::case(c, id, ctx).await)
    }

    pub async fn case_by_number(&self, number: i64, ctx: &StoreCtx) -> R<Option<CaseView>> {
        read!(self, db, c => db::case_read::case_by_number(c, number, ctx).await)
    }

    /// The case registered for this (already normalized) link.
    pub async fn find_by_link(&self, link: &str, ctx: &StoreCtx) -> R<Option<CaseView>> {
        read!(self, db, c => db::case_read::find_by_link(c, link, ctx).await)
    }

    /// What the person should act on now, the nearest due first: an executor's unit's
    /// cases to accept, answer or contribute to; a deputy's drafts on approval; a curator's
    /// registered, returned and approved cases.
    pub async fn open_cases_for(&self, actor: &Actor, ctx: &StoreCtx) -> R<Vec<CaseView>> {
        let all = (usize::MAX, usize::MAX);
        Ok(self.open_cases_page(actor, all, ctx).await?.views)
    }

    /// The first `limit` of [`Store::open_cases_for`], only those replayed, and how many
    /// there are, counted up to `count_up_to`.
    pub async fn open_cases_page(
        &self,
        actor: &Actor,
        (limit, count_up_to): (usize, usize),
        ctx: &StoreCtx,
    ) -> R<CasePage> {
        let bounds = Bounds::new(limit, count_up_to);
        read!(self, db, c => db::case_lists::open_cases_for(c, actor, bounds, ctx).await)
    }

    /// Open cases with a deadline past at `now`, the most overdue first.
    pub async fn overdue_cases(&self, now: DateTime<Utc>, ctx: &StoreCtx) -> R<Vec<CaseView>> {
        let all = (usize::MAX, usize::MAX);
        Ok(self.overdue_page(now, all, ctx).await?.views)
    }

    /// The first `limit` of [`Store::overdue_cases`], only those replayed, and how many
    /// there are, counted up to `count_up_to`.
    pub async fn overdue_page(
        &self,
        now: DateTime<Utc>,
        (limit, count_up_to): (usize, usize),
        ctx: &StoreCtx,
    ) -> R<CasePage> {
        let bounds = Bounds::new(limit, count_up_to);
        read!(self, db, c => db::case_lists::overdue_cases(c, now, bounds, ctx).await)
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
