//! After downtime: timers long past their moment become one combined notice per person
//! listing the cases, instead of a flood of stale reminders and breach notices.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::audience::Resolver;
use super::{Courier, PassStats, Scheduler};
use crate::domain::ids::PersonId;
use crate::service::timers;
use crate::storage::{StoreError, TimerItem};

impl<C: Courier> Scheduler<C> {
    /// Marks the timers fired and queues one digest per person listing them, in one
    /// transaction: a crash loses nothing, and a timer a concurrent replica fired in the
    /// same instant is listed only by that replica's digest.
    pub(crate) async fn fire_late(
        &self,
        items: &[TimerItem],
        now: DateTime<Utc>,
        stats: &mut PassStats,
    ) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        let recipients: Vec<_> = self.recipients(items).await?.into_iter().collect();
        let (fired, digests) = timers::fire_late(&self.store, items, &recipients, now).await?;
        stats.fired += fired;
        stats.late += fired;
        stats.digests += digests;
        tracing::info!(timers = items.len(), fired, digests, "late timers combined");
        Ok(())
    }

    /// Each person's lines, as indices into `items`: every timer whose notices would have
    /// reached them, once.
    async fn recipients(
        &self,
        items: &[TimerItem],
    ) -> Result<BTreeMap<PersonId, Vec<usize>>, StoreError> {
        let mut resolver = Resolver::new(&self.store, &self.calendar);
        let mut out: BTreeMap<PersonId, Vec<usize>> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            for notice in resolver.notices(item).await? {
                for person in resolver.people(notice.audience).await? {
                    let lines = out.entry(*person).or_default();
                    if !lines.contains(&i) {
                        lines.push(i);
                    }
                }
            }
        }
        Ok(out)
    }
}
