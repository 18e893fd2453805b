//! A small organization, a manual clock, a recording courier and a scheduler over a fresh
//! database, with helpers to drive cases and walk the clock.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use otklik::clock::{ManualClock, SharedClock};
use otklik::config::Config;
use otklik::domain::calendar::WorkCalendar;
use otklik::domain::case::{Command, DraftKind, Registration};
use otklik::domain::notice::NoticeKind;
use otklik::domain::{CaseId, PersonId, UnitId};
use otklik::scheduler::testing::RecordingCourier;
use otklik::scheduler::{PassStats, RateLimits, Scheduler, SchedulerSettings};
use otklik::storage::{CaseView, CommandMeta, Store, StoreCtx};
use tokio::sync::Notify;

use crate::helpers::db::TestDb;
use otklik::service::cases;

pub const CONFIG: &str = r#"
[organization]
name = "Тестовая администрация"
timezone = "Europe/Moscow"

[directory]
topics = ["ЖКХ"]
locations = ["г. Алатырь"]
importance = ["Средняя"]

[[people]]
name = "Куратор"
telegram_id = 1001
roles = ["curator", "admin"]

[[people]]
name = "Исполнитель ЖКХ"
telegram_id = 1002
roles = ["executor"]
unit = "Отдел ЖКХ"

[[people]]
name = "Заместитель ЖКХ"
telegram_id = 1003
roles = ["deputy"]

[[people]]
name = "Исполнитель дорог"
telegram_id = 1004
roles = ["executor"]
unit = "Отдел дорог"

[[people]]
name = "Заместитель дорог"
telegram_id = 1005
roles = ["deputy"]

[[people]]
name = "Контролёр"
telegram_id = 1006
roles = ["controller"]

[[people]]
name = "Координатор"
telegram_id = 1007
roles = ["coordinator"]

[[units]]
name = "Отдел ЖКХ"
deputy = "Заместитель ЖКХ"

[[units]]
name = "Отдел дорог"
deputy = "Заместитель дорог"
"#;

/// Chat ids of the people above.
pub const CURATOR: i64 = 1001;
pub const EXEC1: i64 = 1002;
pub const DEPUTY1: i64 = 1003;
pub const EXEC2: i64 = 1004;
pub const DEPUTY2: i64 = 1005;
pub const CONTROLLER: i64 = 1006;
pub const COORDINATOR: i64 = 1007;

/// A Moscow wall-clock time (UTC+3 all year) as UTC.
pub fn msk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid time")
        - chrono::Duration::hours(3)
}

/// Per-chat pacing as in production, no global spacing and no inline waits: a row that may
/// not go yet is put back, so tests move the manual clock instead of sleeping.
pub fn test_settings() -> SchedulerSettings {
    SchedulerSettings {
        limits: RateLimits {
            global_interval: Duration::ZERO,
            per_chat_interval: Duration::from_secs(1),
            per_chat_burst: 1,
            group_interval: Duration::from_secs(1),
            max_inline_wait: Duration::ZERO,
        },
        ..SchedulerSettings::default()
    }
}

pub struct Fx {
    pub store: Store,
    pub ctx: StoreCtx,
    pub config: Config,
    pub calendar: WorkCalendar,
    pub clock: ManualClock,
    pub courier: RecordingCourier,
    pub sched: Scheduler<RecordingCourier>,
    pub curator: PersonId,
    pub exec1: PersonId,
    pub deputy1: PersonId,
    pub unit1: UnitId,
    pub unit2: UnitId,
}

impl Fx {
    pub async fn new(db: &TestDb, start: DateTime<Utc>) -> Fx {
        let store = db.store.clone();
        let config = Config::parse(CONFIG, "test").expect("the test configuration is valid");
        otklik::service::directory::apply(&store, &config)
            .await
            .expect("the directory applies");
        let calendar = WorkCalendar::new(config.calendar.clone());
        let clock = ManualClock::new(start);
        let courier = RecordingCourier::new();
        let sched = scheduler(&store, &config, &calendar, &clock, &courier);
        let person = |chat: i64| {
            let store = store.clone();
            async move {
                store
                    .person_by_telegram(chat)
                    .await
                    .expect("reads")
                    .expect("the person exists")
                    .id
            }
        };
        let unit = |name: &'static str| {
            let store = store.clone();
            async move {
                store
                    .unit_by_name(name)
                    .await
                    .expect("reads")
                    .expect("unit")
                    .id
            }
        };
        Fx {
            ctx: StoreCtx::from_config(&config),
            curator: person(CURATOR).await,
            exec1: person(EXEC1).await,
            deputy1: person(DEPUTY1).await,
            unit1: unit("Отдел ЖКХ").await,
            unit2: unit("Отдел дорог").await,
            store,
            config,
            calendar,
            clock,
            courier,
            sched,
        }
    }

    /// Another scheduler (another replica) on the same database, clock and courier.
    pub fn replica(&self) -> Scheduler<RecordingCourier> {
        scheduler(
            &self.store,
            &self.config,
            &self.calendar,
            &self.clock,
            &self.courier,
        )
    }

    /// A replica with other tunables.
    pub fn replica_with(&self, settings: SchedulerSettings) -> Scheduler<RecordingCourier> {
        self.replica().with_settings(settings)
    }

    /// Registers a post for `units` (the first responsible) at `at`.
    pub async fn register_for(&self, link: &str, units: &[UnitId], at: DateTime<Utc>) -> CaseView {
        let reg = Registration {
            link: link.to_owned(),
            network: "vk".to_owned(),
            topic: "ЖКХ".to_owned(),
            location: "г. Алатырь".to_owned(),
            importance: "Средняя".to_owned(),
            repeat_of: None,
            units: units.to_vec(),
            sequential: false,
        };
        self.clock.set(at);
        cases::register(
            &self.store,
            &reg,
            self.curator,
            CommandMeta::at(at),
            &self.ctx,
        )
        .await
        .expect("the registration succeeds")
    }

    pub async fn register(&self, link: &str, at: DateTime<Utc>) -> CaseId {
        self.register_for(link, &[self.unit1], at).await.case.id
    }

    pub async fn run(&self, case: CaseId, actor: PersonId, command: Command, at: DateTime<Utc>) {
        self.clock.set(at);
        cases::execute(
            &self.store,
            case,
            actor,
            &command,
            CommandMeta::at(at),
            &self.ctx,
        )
        .await
        .expect("the command succeeds");
    }

    /// Accepted and a final draft submitted and approved at `at`.
    pub async fn approve(&self, case: CaseId, at: DateTime<Utc>) {
        self.run(case, self.exec1, Command::Accept { unit: self.unit1 }, at)
            .await;
        let draft = Command::SubmitDraft {
            kind: DraftKind::Final,
            text: "Ответ".into(),
            attachments: vec![],
        };
        self.run(case, self.exec1, draft, at).await;
        self.run(case, self.deputy1, Command::Approve, at).await;
    }

    /// The case answered for good at `at`.
    pub async fn answer(&self, case: CaseId, at: DateTime<Utc>) {
        self.approve(case, at).await;
        self.run(case, self.curator, Command::Publish { url: None }, at)
            .await;
    }

    /// One pass at `at`.
    pub async fn pass_at(&self, at: DateTime<Utc>) -> PassStats {
        self.clock.set(at);
        self.sched.pass().await.expect("the pass succeeds")
    }

    /// The reminders and breach notices queued about a case: (chat, notice), oldest first.
    pub async fn timer_notices(&self, case: CaseId) -> Vec<(i64, NoticeKind)> {
        let rows = self.store.outbox_for_case(case).await.expect("reads");
        rows.into_iter()
            .filter_map(|r| r.notice().map(|n| (r.chat_id, n)))
            .filter(|(_, n)| matches!(n, NoticeKind::Reminder { .. } | NoticeKind::Breach { .. }))
            .collect()
    }

    /// Runs a pass at every minute of `[from, to]` and returns what each minute queued for
    /// the case: (minute, chat, notice).
    pub async fn walk(
        &self,
        case: CaseId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, i64, NoticeKind)> {
        let mut seen = self.timer_notices(case).await.len();
        let mut out = Vec::new();
        let mut t = from;
        while t <= to {
            self.pass_at(t).await;
            let now = self.timer_notices(case).await;
            out.extend(now[seen..].iter().map(|(chat, n)| (t, *chat, n.clone())));
            seen = now.len();
            t += chrono::Duration::minutes(1);
        }
        out
    }

    /// Jumps to `at` (no timer may be due in between) and checks that nothing fires there.
    pub async fn quiet_at(&self, case: CaseId, at: DateTime<Utc>) {
        let before = self.timer_notices(case).await.len();
        let stats = self.pass_at(at).await;
        assert_eq!(stats.fired, 0, "nothing is due at {at}: {stats:?}");
        assert_eq!(self.timer_notices(case).await.len(), before);
    }

    /// Delivers everything deliverable now.
    pub async fn deliver(&self) -> usize {
        self.sched.deliver_once().await.expect("delivery succeeds")
    }
}

fn scheduler(
    store: &Store,
    config: &Config,
    calendar: &WorkCalendar,
    clock: &ManualClock,
    courier: &RecordingCourier,
) -> Scheduler<RecordingCourier> {
    let shared: SharedClock = Arc::new(clock.clone());
    Scheduler::new(
        store.clone(),
        calendar.clone(),
        config.clone(),
        shared,
        courier.clone(),
        Arc::new(Notify::new()),
    )
    .with_settings(SchedulerSettings {
        report_send_at: config.report.send_at,
        ..test_settings()
    })
}
