//! The messenger side of delivery: one attempt to hand one outbox row to its chat. The
//! Telegram implementation lives in the front end; the scheduler only reacts to the outcome.

use std::future::Future;
use std::time::Duration;

use crate::storage::OutboxItem;

/// How one delivery attempt ended, in the terms the delivery loop acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The messenger accepted the message.
    Sent,
    /// Flood control (Telegram 429 `retry_after`): wait exactly this long before the next send.
    RetryAfter(Duration),
    /// 5xx, network error, timeout: may or may not have been delivered; retry with backoff.
    Transient(String),
    /// The person blocked the bot (Telegram 403): stop writing to them.
    Unreachable,
    /// The request itself is wrong (Telegram 400 etc.): retrying cannot help.
    Permanent(String),
}

/// Sends one outbox row. Implementations must not retry on their own: the loop decides.
pub trait Courier: Send + Sync + 'static {
    fn deliver(&self, item: &OutboxItem) -> impl Future<Output = Delivery> + Send;
}
