//! After downtime: timers long past their moment become one combined notice per person
//! listing the cases, instead of a flood of stale reminders and breach notices.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::audience::Resolver;
use super::notices::timer_notices;
use super::{Courier, PassStats, Scheduler};
use crate::domain::ids::PersonId;
use crate::domain::notice::{Audience, LateItem, NoticeKind};
use crate::storage::{StoreError, TimerAction, TimerItem};

impl<C: Courier> Scheduler<C> {
    /// Queues one digest per person, then marks every timer fired with no notice of its
    /// own. The digest goes first so a crash in between loses nothing: the timers are
    /// still due after a restart, and their digest key (derived from its lines) queues
    /// nothing new when the same lines come round again. The cost of that order is that a
    /// timer fired by a concurrent replica in the same instant may be listed by both.
    pub(crate) async fn fire_late(
        &self,
        items: &[TimerItem],
        now: DateTime<Utc>,
        stats: &mut PassStats,
    ) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        for (person, lines) in self.digests(items).await? {
            let key = format!("late:{:016x}", digest_key(&lines));
            let payload = serde_json::to_value(NoticeKind::LateDigest { items: lines })
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let added = self
                .store
                .enqueue_extra(Audience::Person { id: person }, None, &payload, &key, now)
                .await?;
            stats.digests += added;
        }
        for item in items {
            if self.store.fire_timer(item, now, &[]).await? {
                stats.fired += 1;
                stats.late += 1;
            }
        }
        tracing::info!(
            timers = items.len(),
            digests = stats.digests,
            "late timers combined"
        );
        Ok(())
    }

    /// Each person's lines: every timer whose notices would have reached them, once.
    async fn digests(
        &self,
        items: &[TimerItem],
    ) -> Result<BTreeMap<PersonId, Vec<LateItem>>, StoreError> {
        let mut resolver = Resolver::new(&self.store);
        let mut out: BTreeMap<PersonId, Vec<LateItem>> = BTreeMap::new();
        for item in items {
            let line = LateItem {
                case: item.case_id,
                deadline: item.kind,
                breach: item.action == TimerAction::Breach,
            };
            for notice in timer_notices(item) {
                for person in resolver.people(notice.audience).await? {
                    let lines = out.entry(*person).or_default();
                    if !lines.contains(&line) {
                        lines.push(line.clone());
                    }
                }
            }
        }
        Ok(out)
    }
}

/// FNV-1a over the lines: stable across builds and replicas (unlike std's hasher), so the
/// same digest always gets the same idempotency key.
fn digest_key(lines: &[LateItem]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in lines {
        let text = format!("{}:{}:{};", l.case, l.deadline.as_str(), l.breach);
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::DeadlineKind;
    use crate::domain::ids::CaseId;

    fn line(case: i64, breach: bool) -> LateItem {
        LateItem {
            case: CaseId(case),
            deadline: DeadlineKind::Answer,
            breach,
        }
    }

    #[test]
    fn the_digest_key_depends_on_every_line() {
        let a = digest_key(&[line(1, true), line(2, false)]);
        assert_eq!(a, digest_key(&[line(1, true), line(2, false)]));
        assert_ne!(a, digest_key(&[line(1, true), line(2, true)]));
        assert_ne!(a, digest_key(&[line(1, true)]));
    }
}
