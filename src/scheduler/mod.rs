//! The background side of SPEC §7–§8: reminders before deadlines, п.19 deficiency notices on
//! breaches, the monthly summary trigger, and delivery of the outbox through a [`Courier`].
//!
//! Everything is driven by the database: there are no in-memory timers. The timer loop
//! sleeps until the next due moment the database reports (capped, for safety), or until it
//! is woken — by a command that wrote new work ([`Scheduler::waker`]) or by a jump of the
//! clock. Each action is marked done in the same transaction that queues its notices, so
//! a restart loses nothing and a second replica sends nothing twice.
//!
//! Delivery is at-least-once: a row is marked sent only after the messenger accepted it, so
//! a send that timed out (or a crash right after sending) is retried and may reach the
//! person twice. Queueing, by contrast, is exactly-once: every outbox row has a
//! deterministic idempotency key.

mod audience;
mod backoff;
mod courier;
mod delivery;
mod late;
mod limiter;
mod monthly;
mod notices;
mod run;
mod shutdown;
pub mod testing;
mod timers;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveTime, Utc};
use tokio::sync::Notify;

use crate::clock::SharedClock;
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::messenger::Messenger;
use crate::domain::report::YearMonth;
use crate::service::report::ReportService;
use crate::storage::Store;

pub use backoff::Backoff;
pub use courier::{Courier, Couriers, Delivery, NoCourier};
pub use limiter::{Pace, RateLimits};
pub use monthly::report_key;
pub use notices::timer_notices;
pub use shutdown::Shutdown;

use limiter::Limiter;

/// Tunables of both loops; the defaults suit production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchedulerSettings {
    /// Telegram's pace.
    pub limits: RateLimits,
    /// MAX's pace: its own limits, kept apart so neither messenger slows the other.
    pub max_limits: RateLimits,
    pub backoff: Backoff,
    /// Timers read per query.
    pub timer_batch: u32,
    /// Outbox rows claimed per query at most (fewer when the rate limit could not send
    /// them within `limits.max_inline_wait`).
    pub outbox_batch: u32,
    /// How long a claimed row stays ours before another worker may take it.
    pub lease: Duration,
    /// A timer whose moment passed longer ago than this (downtime) goes into one combined
    /// late notice per person instead of its own.
    pub stale_after: Duration,
    /// The loops look at the database at least this often, whatever they were told.
    pub max_sleep: Duration,
    /// Local time of the first working day of a month at which the summary goes out.
    pub report_send_at: NaiveTime,
}

impl Default for SchedulerSettings {
    fn default() -> Self {
        Self {
            limits: RateLimits::default(),
            max_limits: RateLimits::max(),
            backoff: Backoff::default(),
            timer_batch: 500,
            outbox_batch: 100,
            lease: Duration::from_secs(60),
            stale_after: Duration::from_secs(5 * 60),
            max_sleep: Duration::from_secs(60),
            report_send_at: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

fn limiters(settings: &SchedulerSettings) -> [Pace; 2] {
    [Pace::new(settings.limits), Pace::new(settings.max_limits)]
}

/// What one timer pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassStats {
    /// Timers this pass marked done (reminders, breaches and late ones together).
    pub fired: usize,
    /// Reminders sent on time.
    pub reminders: usize,
    /// Breaches reported on time.
    pub breaches: usize,
    /// Timers long past due, folded into combined late notices.
    pub late: usize,
    /// Combined late notices queued (one per person per pass).
    pub digests: usize,
    /// Due timers kept for working hours (a late catch-up is not sent at night).
    pub held: usize,
    /// When the held timers may go.
    pub held_until: Option<DateTime<Utc>>,
    /// The month whose summary this pass queued.
    pub report: Option<YearMonth>,
}

impl PassStats {
    /// Whether the pass queued anything for delivery.
    pub fn queued_work(&self) -> bool {
        self.fired > 0 || self.digests > 0 || self.report.is_some()
    }
}

/// Reminders, escalations, the monthly trigger and outbox delivery. See the module docs.
pub struct Scheduler<C> {
    store: Store,
    calendar: WorkCalendar,
    clock: SharedClock,
    courier: C,
    notify: Arc<Notify>,
    worker_id: String,
    settings: SchedulerSettings,
    /// One pace per messenger: Telegram's, then MAX's.
    limiters: [Pace; 2],
    /// The last month whose summary is known to be queued, to skip the check until the next.
    reported: Mutex<Option<YearMonth>>,
    /// Builds and stores the summary before it is queued, so delivery only sends files.
    reports: ReportService,
}

impl<C: Courier> Scheduler<C> {
    /// `wake` is shared with the chat front end, which calls `notify_one` on it after a
    /// command committed new work.
    pub fn new(
        store: Store,
        calendar: WorkCalendar,
        config: Config,
        clock: SharedClock,
        courier: C,
        wake: Arc<Notify>,
    ) -> Self {
        let settings = SchedulerSettings {
            report_send_at: config.report.send_at,
            ..SchedulerSettings::default()
        };
        let reports = ReportService::new(store.clone(), Arc::new(config), clock.clone());
        Self {
            store,
            calendar,
            clock,
            courier,
            notify: wake,
            worker_id: format!("sched-{}-{:08x}", std::process::id(), rand::random::<u32>()),
            settings,
            limiters: limiters(&settings),
            reported: Mutex::new(None),
            reports,
        }
    }

    /// Shares the report use case with the courier (one build lock for both).
    pub fn with_reports(mut self, reports: ReportService) -> Self {
        self.reports = reports;
        self
    }

    /// Replaces the tunables (tests, benchmarks).
    pub fn with_settings(mut self, settings: SchedulerSettings) -> Self {
        self.settings = settings;
        self.limiters = limiters(&settings);
        self
    }

    /// Telegram's pace, to share with the front end's direct replies (set after
    /// `with_settings`, which starts new ones).
    pub fn with_telegram_pace(mut self, pace: Pace) -> Self {
        self.limiters[0] = pace;
        self
    }

    /// Telegram's pace as the delivery loop keeps it.
    pub fn telegram_pace(&self) -> Pace {
        self.limiters[0].clone()
    }

    /// Names this worker in outbox claims (defaults to a per-process random id).
    pub fn with_worker_id(mut self, id: impl Into<String>) -> Self {
        self.worker_id = id.into();
        self
    }

    /// The signal to call (`notify_one`) after committing a command, so new notices go out
    /// and new timers are seen without waiting.
    pub fn waker(&self) -> Arc<Notify> {
        self.notify.clone()
    }

    pub fn settings(&self) -> &SchedulerSettings {
        &self.settings
    }

    pub fn courier(&self) -> &C {
        &self.courier
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn limiter(&self, messenger: Messenger) -> MutexGuard<'_, Limiter> {
        let i = match messenger {
            Messenger::Telegram => 0,
            Messenger::Max => 1,
        };
        self.limiters[i].lock()
    }
}
