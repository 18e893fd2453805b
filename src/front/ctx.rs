//! What both messenger adapters share: storage, the organization's calendar and terms, the
//! clock, the monthly summary's use case, and a way to wake the scheduler's loops after a
//! command wrote to the outbox.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::clock::SharedClock;
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::deadline::DeadlinePolicy;
use crate::front::names::NamesCache;
use crate::service::report::ReportService;
use crate::storage::{CommandMeta, Store, StoreCtx};

#[derive(Clone)]
pub struct Ctx {
    pub store: Store,
    pub config: Arc<Config>,
    pub calendar: WorkCalendar,
    pub clock: SharedClock,
    /// Wakes the delivery and timer loops after a command committed new work.
    pub wake: Arc<Notify>,
    /// The monthly summary's use case, shared by `/report` and delivery.
    pub reports: ReportService,
    /// Whether answers can be posted to VK as the community (`OTKLIK_VK_GROUP_TOKEN`), so
    /// cards of VK posts may offer «Опубликовать от бота».
    pub vk_publishing: bool,
    /// Unit and person names for cards, kept until the directory changes.
    pub names: Arc<NamesCache>,
    /// The bots' usernames in the messengers that run, for invite links into each.
    pub bots: BotNames,
}

/// The bot's username in each messenger that runs (Telegram's from `getMe`, MAX's from
/// `GET /me`); `None` where that messenger is off.
#[derive(Debug, Clone, Default)]
pub struct BotNames {
    pub telegram: Option<Arc<str>>,
    pub max: Option<Arc<str>>,
}

impl Ctx {
    /// The context over `store` and `config`, with a fresh wake-up signal.
    pub fn new(store: Store, config: Arc<Config>, clock: SharedClock) -> Self {
        Self {
            calendar: WorkCalendar::new(config.calendar.clone()),
            reports: ReportService::new(store.clone(), config.clone(), clock.clone()),
            store,
            config,
            clock,
            wake: Arc::new(Notify::new()),
            vk_publishing: false,
            names: Arc::default(),
            bots: BotNames::default(),
        }
    }

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

    /// Tells the background loops that the outbox or the timers changed, after a write
    /// outside a [`crate::storage::Tx`] (a `Tx` signals on commit, see
    /// [`crate::storage::Wakeups`]).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}
