//! п.20: the previous month's summary goes to the coordinator and the curators on the first
//! working day of each month at `report_send_at`, exactly once.

use chrono::{DateTime, Utc};

use super::audience::Resolver;
use super::{Courier, Scheduler};
use crate::domain::notice::{Audience, NoticeKind, RoleCode};
use crate::domain::report::{first_working_day_send_moment, YearMonth};
use crate::i18n::Lang;
use crate::storage::StoreError;

const RECIPIENTS: [RoleCode; 2] = [RoleCode::Coordinator, RoleCode::Curator];

/// The meta key (and outbox key prefix) for the summary of `month`.
pub fn report_key(month: YearMonth) -> String {
    format!("report:{month}")
}

impl<C: Courier> Scheduler<C> {
    /// Queues the previous month's summary if its moment has come; returns that month if
    /// this call queued it.
    ///
    /// Exactly once per person across restarts and replicas comes from the outbox keys
    /// (`report:YYYY-MM:{person}`, unique): whoever gets there first queues, a repeat adds
    /// nothing — so a person who is both curator and coordinator gets one. The meta
    /// marker, written after queueing, only spares later passes the work.
    pub(crate) async fn monthly_report(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<YearMonth>, StoreError> {
        let month = YearMonth::containing(now, self.calendar.timezone());
        let reported = month.previous();
        if self.reported_cached() == Some(reported) || now < self.report_moment(month) {
            return Ok(None);
        }
        let key = report_key(reported);
        if self.store.meta_get(&key).await?.is_some() {
            self.cache_reported(reported);
            return Ok(None);
        }
        if self.never_served(reported).await? {
            // A fresh database has nothing to say about a month before it existed.
            self.store.meta_insert_if_absent(&key, "not served").await?;
            self.cache_reported(reported);
            tracing::info!(month = %reported, "no summary for a month the bot did not serve");
            return Ok(None);
        }
        self.store_summary(reported).await?;
        let payload = serde_json::to_value(NoticeKind::MonthlyReport {
            month: reported.to_string(),
        })
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut added = 0;
        for role in RECIPIENTS {
            let audience = Audience::Role { role };
            added += self
                .store
                .enqueue_extra(audience, None, &payload, &key, now)
                .await?;
        }
        self.store
            .meta_insert_if_absent(&key, &now.to_rfc3339())
            .await?;
        self.cache_reported(reported);
        tracing::info!(month = %reported, recipients = added, "monthly summary queued");
        Ok((added > 0).then_some(reported))
    }

    /// Whether the bot started serving only after `month` ended.
    async fn never_served(&self, month: YearMonth) -> Result<bool, StoreError> {
        let since = self.store.serving_since().await?;
        Ok(since.is_some_and(|since| since >= month.end(self.calendar.timezone())))
    }

    /// Builds the summary once in each language its recipients read, before anything is
    /// queued, so delivery only sends the stored files. A failed build is logged and the
    /// summary queued anyway: delivery builds what is missing, and retries with backoff.
    async fn store_summary(&self, month: YearMonth) -> Result<(), StoreError> {
        let langs = self.recipient_langs().await?;
        match self.reports.prepare(month, &langs).await {
            Ok(built) => tracing::info!(%month, languages = built, "monthly summary built"),
            Err(e) => tracing::error!(%month, error = %e, "building the monthly summary failed"),
        }
        Ok(())
    }

    /// The languages the summary's recipients read, each once, Russian first.
    async fn recipient_langs(&self) -> Result<Vec<Lang>, StoreError> {
        let mut langs = Vec::new();
        let mut people = Resolver::new(&self.store, &self.calendar);
        for role in RECIPIENTS {
            for &person in people.people(Audience::Role { role }).await? {
                let settings = self.store.person_settings(person).await?;
                langs.push(Lang::from_code(
                    settings.and_then(|s| s.language).as_deref(),
                ));
            }
        }
        langs.sort_by_key(|l| *l != Lang::Ru);
        langs.dedup();
        Ok(langs)
    }

    /// When the summary queued in `month` goes out.
    fn report_moment(&self, month: YearMonth) -> DateTime<Utc> {
        first_working_day_send_moment(month, &self.calendar, self.settings.report_send_at)
    }

    /// The next moment the timer loop must wake for a summary.
    pub(crate) fn next_report_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let month = YearMonth::containing(now, self.calendar.timezone());
        let this = self.report_moment(month);
        if now < this {
            this
        } else {
            self.report_moment(month.next())
        }
    }

    fn reported_cached(&self) -> Option<YearMonth> {
        *self.reported.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cache_reported(&self, month: YearMonth) {
        *self.reported.lock().unwrap_or_else(|p| p.into_inner()) = Some(month);
    }
}
