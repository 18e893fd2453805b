//! Processed updates, chat dialogs, meta facts and leases.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Store, StoreError};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Records a messenger update handled outside a case command; false if it was already
    /// recorded (a redelivery to ignore).
    pub async fn mark_update(&self, update_id: i64, now: DateTime<Utc>) -> R<bool> {
        dispatch!(self, db, pool => db::kv::mark_update(pool, update_id, now).await)
    }

    /// Forgets processed updates recorded before `before`; returns how many.
    pub async fn prune_updates(&self, before: DateTime<Utc>) -> R<u64> {
        dispatch!(self, db, pool => db::kv::prune_updates(pool, before).await)
    }

    pub async fn dialog_get(&self, chat_id: i64) -> R<Option<Value>> {
        dispatch!(self, db, pool => db::kv::dialog_get(pool, chat_id).await)
    }

    pub async fn dialog_put(&self, chat_id: i64, state: &Value, now: DateTime<Utc>) -> R<()> {
        dispatch!(self, db, pool => db::kv::dialog_put(pool, chat_id, state, now).await)
    }

    /// The chats whose dialog awaits `kind` (its `await` tag).
    pub async fn dialogs_awaiting(&self, kind: &str) -> R<Vec<i64>> {
        dispatch!(self, db, pool => db::kv::dialogs_awaiting(pool, kind).await)
    }

    pub async fn dialog_clear(&self, chat_id: i64) -> R<()> {
        dispatch!(self, db, pool => db::kv::dialog_clear(pool, chat_id).await)
    }

    pub async fn meta_get(&self, key: &str) -> R<Option<String>> {
        dispatch!(self, db, pool => db::kv::meta_get(pool, key).await)
    }

    pub async fn meta_put(&self, key: &str, value: &str) -> R<()> {
        dispatch!(self, db, pool => db::kv::meta_put(pool, key, value).await)
    }

    /// Stores the value unless the key exists; true if this call stored it — e.g. "the
    /// report for 2026-03 is sent", which exactly one replica wins.
    pub async fn meta_insert_if_absent(&self, key: &str, value: &str) -> R<bool> {
        dispatch!(self, db, pool => db::kv::meta_insert_if_absent(pool, key, value).await)
    }

    /// Takes or renews the lease `key` (e.g. the poller's or the scheduler leader's) for
    /// `holder` until `now + ttl`; false while another holder's lease runs.
    pub async fn try_lease(
        &self,
        key: &str,
        holder: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> R<bool> {
        dispatch!(self, db, pool => db::kv::try_lease(pool, key, holder, now, ttl).await)
    }

    /// Gives the lease up if `holder` has it; true if it did.
    /// Who holds the lease `key` now (whether or not it has lapsed).
    pub async fn lease_holder(&self, key: &str) -> R<Option<String>> {
        let raw = self.meta_get(key).await?;
        Ok(raw
            .and_then(|v| serde_json::from_str::<Value>(&v).ok())
            .and_then(|v| v.get("holder")?.as_str().map(str::to_owned)))
    }

    pub async fn release_lease(&self, key: &str, holder: &str) -> R<bool> {
        dispatch!(self, db, pool => db::kv::release_lease(pool, key, holder).await)
    }
}
