//! What every handler gets: storage, the organization's calendar and terms, the clock, and
//! a way to wake the scheduler's delivery loop after a command wrote to the outbox.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use teloxide::Bot;
use tokio::sync::Notify;

use crate::clock::SharedClock;
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::deadline::DeadlinePolicy;
use crate::service::report::ReportService;
use crate::storage::{CommandMeta, Store, StoreCtx};

/// The bot as handlers see it. Not teloxide's `Throttle`: it applies the group limit
/// (20 a minute) to private chats too and queues a person's reply behind the notices to
/// that chat. The outbox is paced by the scheduler's limiter to Telegram's real limits per
/// chat kind; a reply to a person's own action goes at once and takes the chat's next slot
/// in that limiter (`serve::paced`), so the queued notices wait instead; `reply` retries a
/// 429 or 5xx.
pub type Tg = Bot;

#[derive(Clone)]
pub struct BotCtx {
    pub store: Store,
    pub config: Arc<Config>,
    pub calendar: WorkCalendar,
    pub clock: SharedClock,
    /// Wakes the delivery and timer loops after a command committed new work.
    pub wake: Arc<Notify>,
    /// The bot's username, for invite deep links (`t.me/<name>?start=<token>`).
    pub username: Arc<str>,
    /// The monthly summary's use case, shared by `/report` and delivery.
    pub reports: ReportService,
    /// VK as the community (`OTKLIK_VK_GROUP_TOKEN`), for answers published from the bot.
    pub vk_group: Option<crate::vk::VkClient>,
}

impl BotCtx {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn policy(&self) -> &DeadlinePolicy {
        &self.config.deadlines
    }

    pub fn store_ctx(&self) -> StoreCtx {
        StoreCtx::new(self.calendar.clone(), self.config.deadlines.clone())
    }

    /// Metadata for a command carried by a messenger update, so a redelivered update is
    /// refused by storage instead of applied twice.
    pub fn meta(&self, update_id: i64) -> CommandMeta {
        CommandMeta::for_update(self.now(), update_id)
    }

    /// Tells the background loops that the outbox or the timers changed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}
