//! The messenger side of delivery: one attempt to hand one outbox row to its chat. The
//! Telegram implementation lives in the front end; the scheduler only reacts to the outcome.

use std::future::Future;
use std::time::Duration;

use crate::domain::messenger::Messenger;
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

/// Hands each row to the courier of its messenger. A row for a messenger whose front end
/// is not running cannot be delivered by this process: it is given up (and logged), as a
/// request Telegram refuses would be.
#[derive(Debug, Clone)]
pub struct Couriers<T, M> {
    pub telegram: Option<T>,
    pub max: Option<M>,
}

impl<T: Courier, M: Courier> Courier for Couriers<T, M> {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let off = |name: &str| Delivery::Permanent(format!("the {name} front end is not running"));
        match item.messenger {
            Messenger::Telegram => match &self.telegram {
                Some(c) => c.deliver(item).await,
                None => off("Telegram"),
            },
            Messenger::Max => match &self.max {
                Some(c) => c.deliver(item).await,
                None => off("MAX"),
            },
        }
    }
}

/// The courier of a messenger that is not running (a type for `Couriers`' empty side).
#[derive(Debug, Clone, Copy)]
pub enum NoCourier {}

impl Courier for NoCourier {
    async fn deliver(&self, _item: &OutboxItem) -> Delivery {
        match *self {}
    }
}
