//! Delivery: claimed outbox rows go to the courier within Telegram's limits; the outcome
//! decides between sent, retried later, and given up.
//!
//! Order per chat holds because storage hands out only each chat's oldest pending row, and
//! a row leaves that place only when sent or given up. A row is marked sent only after the
//! courier said so: a send that timed out may have arrived and is retried anyway
//! (at-least-once; the idempotency keys only guarantee a notice is never *queued* twice).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use futures::future::join_all;

use super::limiter::Slot;
use super::{Courier, Delivery, Scheduler};
use crate::domain::messenger::Messenger;
use crate::domain::notice::{Audience, NoticeKind, RoleCode};
use crate::storage::{OutboxItem, StoreError};

/// What one claim-and-send round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub limit: usize,
}

impl<C: Courier> Scheduler<C> {
    /// Claims the rows due now and sends them; returns how many were sent.
    pub async fn deliver_once(&self) -> Result<usize, StoreError> {
        Ok(self.deliver_round().await?.sent)
    }

    pub(crate) async fn deliver_round(&self) -> Result<Round, StoreError> {
        let now = self.now();
        let limit = self.claim_limit(now);
        if limit == 0 {
            return Ok(Round::default());
        }
        let items = self
            .store
            .claim_outbox(now, limit, &self.worker_id, self.settings.lease)
            .await?;
        let chats = by_chat(&items);
        let results = join_all(chats.iter().map(|rows| self.deliver_chat(rows))).await;
        let mut sent = 0;
        for r in results {
            sent += r?;
        }
        for m in Messenger::ALL {
            self.limiter(m).prune(self.now());
        }
        Ok(Round {
            claimed: items.len(),
            sent,
            limit: limit as usize,
        })
    }

    /// Claims the rows due now and groups them by chat, without sending anything.
    pub(crate) async fn claim_chats(&self) -> Result<(Vec<Vec<OutboxItem>>, Round), StoreError> {
        let now = self.now();
        let limit = self.claim_limit(now);
        if limit == 0 {
            return Ok((Vec::new(), Round::default()));
        }
        let items = self
            .store
            .claim_outbox(now, limit, &self.worker_id, self.settings.lease)
            .await?;
        let round = Round {
            claimed: items.len(),
            sent: 0,
            limit: limit as usize,
        };
        let mut chats: Vec<Vec<OutboxItem>> = Vec::new();
        for item in items {
            match chats.iter_mut().find(|c| c[0].chat_id == item.chat_id) {
                Some(chat) => chat.push(item),
                None => chats.push(vec![item]),
            }
        }
        Ok((chats, round))
    }

    /// Delivers one claimed chat's rows in order (see `deliver_chat`).
    pub(crate) async fn deliver_owned(&self, rows: Vec<OutboxItem>) -> Result<usize, StoreError> {
        let refs: Vec<&OutboxItem> = rows.iter().collect();
        let sent = self.deliver_chat(&refs).await;
        for m in Messenger::ALL {
            self.limiter(m).prune(self.now());
        }
        sent
    }

    /// No more rows than Telegram's global pace (the slower) can start within the inline
    /// wait; none at all while Telegram's flood control holds every send.
    fn claim_limit(&self, now: DateTime<Utc>) -> u32 {
        let limiter = self.limiter(Messenger::Telegram);
        if limiter.paused_all(now) {
            return 0;
        }
        let l = limiter.limits();
        let batch = self.settings.outbox_batch;
        if l.global_interval.is_zero() {
            return batch;
        }
        let pace = l.max_inline_wait.as_nanos() / l.global_interval.as_nanos() + 1;
        u32::try_from(pace).unwrap_or(u32::MAX).min(batch)
    }

    /// One chat's rows in order; after one that did not go, the rest wait their turn.
    async fn deliver_chat(&self, rows: &[&OutboxItem]) -> Result<usize, StoreError> {
        let mut sent = 0;
        for (i, item) in rows.iter().enumerate() {
            if !self.deliver_item(item).await? {
                let resume = self.now();
                for later in &rows[i + 1..] {
                    self.store
                        .mark_retry(later.id, resume, "waiting for an earlier message")
                        .await?;
                }
                break;
            }
            sent += 1;
        }
        Ok(sent)
    }

    /// Waits for the row's slot and sends it; true if it was sent.
    async fn deliver_item(&self, item: &OutboxItem) -> Result<bool, StoreError> {
        let slot = self
            .limiter(item.messenger)
            .reserve(item.chat_id, self.now());
        match slot {
            Slot::Later(at) => {
                self.store
                    .mark_retry(item.id, ceil_second(at), "rate limited")
                    .await?;
                return Ok(false);
            }
            Slot::At(at) => self.wait_until(at).await,
        }
        let outcome = self.courier.deliver(item).await;
        self.settle(item, outcome).await
    }

    /// Records the outcome of one attempt; true if the row was sent.
    async fn settle(&self, item: &OutboxItem, outcome: Delivery) -> Result<bool, StoreError> {
        let now = self.now();
        match outcome {
            Delivery::Sent => {
                self.store.mark_sent(item.id, now).await?;
                return Ok(true);
            }
            Delivery::RetryAfter(wait) => {
                ::metrics::counter!(crate::ops::metrics::FLOOD_WAITS).increment(1);
                let until = self.limiter(item.messenger).flood(item.chat_id, now, wait);
                tracing::warn!(chat = item.chat_id, secs = wait.as_secs(), "flood control");
                let why = format!("flood control: retry after {} s", wait.as_secs());
                self.store
                    .mark_retry(item.id, ceil_second(until), &why)
                    .await?;
            }
            Delivery::Transient(error) => self.transient(item, now, &error).await?,
            Delivery::Unreachable => self.unreachable(item, now).await?,
            Delivery::Permanent(error) => {
                tracing::error!(outbox = item.id, chat = item.chat_id, %error, "delivery refused");
                self.store.mark_dead(item.id, &error).await?;
            }
        }
        Ok(false)
    }

    async fn transient(
        &self,
        item: &OutboxItem,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        let backoff = self.settings.backoff;
        if backoff.exhausted(item.attempts) {
            tracing::error!(outbox = item.id, attempts = item.attempts, %error, "delivery given up");
            return self.store.mark_dead(item.id, error).await;
        }
        ::metrics::counter!(crate::ops::metrics::DELIVERY_RETRIES).increment(1);
        let at = now + delta(backoff.delay(item.attempts));
        tracing::warn!(outbox = item.id, attempts = item.attempts, %error, "delivery failed, will retry");
        self.store.mark_retry(item.id, ceil_second(at), error).await
    }

    /// The person blocked the bot: record it, give the row up, and tell the curators once
    /// (a person already marked unreachable is not announced again).
    async fn unreachable(&self, item: &OutboxItem, now: DateTime<Utc>) -> Result<(), StoreError> {
        let known = self
            .store
            .person_settings(item.person)
            .await?
            .is_some_and(|s| s.unreachable);
        self.store.mark_dead(item.id, "unreachable").await?;
        if known {
            return Ok(());
        }
        self.store.set_unreachable(item.person, true).await?;
        tracing::warn!(person = %item.person, "person unreachable");
        let payload = serde_json::to_value(NoticeKind::PersonUnreachable {
            person: item.person,
        })
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let curators = Audience::Role {
            role: RoleCode::Curator,
        };
        let key = format!("unreachable:{}:{}", item.person, item.id);
        self.store
            .enqueue_extra(curators, None, &payload, &key, now)
            .await?;
        Ok(())
    }

    /// Sleeps until `at` by the scheduler's clock. A manual clock that does not move ends
    /// the wait after the real time has passed, so tests never hang on it.
    async fn wait_until(&self, at: DateTime<Utc>) {
        loop {
            let Ok(wait) = (at - self.now()).to_std() else {
                return;
            };
            if wait.is_zero() {
                return;
            }
            let Some(changed) = self.clock.changed() else {
                tokio::time::sleep(wait).await;
                return;
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => return,
                () = changed.notified() => {}
            }
        }
    }
}

/// Claimed rows grouped by chat, each group in id order, groups in order of their first row.
fn by_chat(items: &[OutboxItem]) -> Vec<Vec<&OutboxItem>> {
    let mut index: HashMap<(Messenger, i64), usize> = HashMap::new();
    let mut groups: Vec<Vec<&OutboxItem>> = Vec::new();
    for item in items {
        let i = *index
            .entry((item.messenger, item.chat_id))
            .or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        if let Some(g) = groups.get_mut(i) {
            g.push(item);
        }
    }
    groups
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

/// Storage keeps whole seconds: round up so a row is never claimable before its moment.
fn ceil_second(t: DateTime<Utc>) -> DateTime<Utc> {
    if t.timestamp_subsec_nanos() == 0 {
        return t;
    }
    DateTime::from_timestamp(t.timestamp().saturating_add(1), 0).unwrap_or(t)
}
