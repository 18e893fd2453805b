//! The real dispatcher, scheduler and delivery, against the fake Bot API, a fresh SQLite
//! database and a manual clock: what a person sees, end to end.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use otklik::bot::serve::{spawn_polling_with, Running};
use otklik::bot::{BotCtx, Tg};
use otklik::clock::{Clock, ShiftedClock};
use otklik::config::Config;
use otklik::domain::case::Registration;
use otklik::domain::{CaseId, PersonId};
use otklik::front::Ctx;
use otklik::max::courier::MaxCourier;
use otklik::max::serve::MaxFront;
use otklik::storage::{CaseView, CommandMeta, Store, StoreCtx};

use crate::fake_max::FakeMax;
use crate::fake_telegram::{FakeTelegram, SentMessage, User};
use otklik::service::cases;

pub const CURATOR: u64 = 1001;
pub const EXECUTOR: u64 = 1002;
pub const DEPUTY: u64 = 1003;
pub const ROADS_EXECUTOR: u64 = 1004;
pub const ROADS_DEPUTY: u64 = 1005;
pub const CONTROLLER: u64 = 1006;
pub const COORDINATOR: u64 = 1007;
pub const STRANGER: u64 = 4242;

pub const WAIT: Duration = Duration::from_secs(10);

pub const CONFIG: &str = r#"
[organization]
name = "Администрация Алатырского муниципального округа"
timezone = "Europe/Moscow"
region = "chuvashia"

[directory]
topics = ["ЖКХ", "Дороги", "Благоустройство"]
locations = ["г. Алатырь", "с. Кувакино", "Другое"]
importance = ["Высокая", "Средняя", "Низкая"]

[deadlines.importance."Высокая"]
answer = "4h"

[[people]]
name = "Иванова А.С."
telegram_id = 1001
roles = ["curator", "admin"]

[[people]]
name = "Петров П.П."
telegram_id = 1002
roles = ["executor"]
unit = "Отдел ЖКХ"

[[people]]
name = "Сидоров В.В."
telegram_id = 1003
roles = ["deputy"]

[[people]]
name = "Кузнецов Д.Д."
telegram_id = 1004
roles = ["executor"]
unit = "Отдел дорожного хозяйства"

[[people]]
name = "Смирнова Е.Е."
telegram_id = 1005
roles = ["deputy"]

[[people]]
name = "Фёдоров Ф.Ф."
telegram_id = 1006
roles = ["controller"]

[[people]]
name = "Николаева Н.Н."
telegram_id = 1007
roles = ["coordinator"]

[[units]]
name = "Отдел ЖКХ"
deputy = "Сидоров В.В."

[[units]]
name = "Отдел дорожного хозяйства"
deputy = "Смирнова Е.Е."
"#;

fn bot_ctx(store: &Store, config: &Config, clock: &ShiftedClock) -> BotCtx {
    let config = Arc::new(config.clone());
    let clock: Arc<dyn Clock> = Arc::new(clock.clone());
    let mut front = Ctx::new(store.clone(), config, clock);
    front.bots.telegram = Some("otklik_test_bot".into());
    BotCtx {
        front,
        username: "otklik_test_bot".into(),
        vk_group: None,
        albums: Default::default(),
    }
}

fn telegram(tg: &FakeTelegram) -> Tg {
    tg.bot()
}

/// Moscow wall-clock time.
/// The test registration every suite uses: a VK post about ЖКХ in г. Алатырь.
pub fn registration(link: &str, units: Vec<otklik::domain::UnitId>) -> Registration {
    Registration {
        link: link.into(),
        network: "vk".into(),
        topic: "ЖКХ".into(),
        location: "г. Алатырь".into(),
        importance: "Средняя".into(),
        repeat_of: None,
        units,
        sequential: false,
    }
}

pub fn msk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Moscow
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("unambiguous")
        .with_timezone(&Utc)
}

pub struct TestApp {
    pub tg: FakeTelegram,
    pub store: Store,
    pub clock: ShiftedClock,
    pub ctx: BotCtx,
    pub config: Config,
    /// The database's URL, for a second connection (e.g. to break it on purpose).
    pub db_url: String,
    running: Option<Running>,
    max_running: Option<otklik::max::serve::Running>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// Monday 23 November 2026, 09:00 in Moscow.
    pub async fn start() -> TestApp {
        Self::start_at(msk(2026, 11, 23, 9, 0)).await
    }

    pub async fn start_at(now: DateTime<Utc>) -> TestApp {
        Self::start_full(now, CONFIG, None, true).await
    }

    /// Telegram and MAX in one process, as with both tokens set.
    pub async fn start_with_max(config: &str, max: &FakeMax) -> TestApp {
        Self::start_full(msk(2026, 11, 23, 9, 0), config, Some(max), true).await
    }

    /// With another organization's configuration (e.g. more people).
    pub async fn start_with(config: &str, now: DateTime<Utc>) -> TestApp {
        Self::start_full(now, config, None, true).await
    }

    /// Everything but the dispatcher and the background loops: storage and context only.
    pub async fn start_idle() -> TestApp {
        Self::start_full(msk(2026, 11, 23, 9, 0), CONFIG, None, false).await
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// With a VK community token, as with `OTKLIK_VK_GROUP_TOKEN` (publishing from the bot).
    pub async fn start_with_vk_group(config: &str, vk: otklik::vk::VkClient) -> TestApp {
        Self::start_vk(msk(2026, 11, 23, 9, 0), config, None, true, Some(vk)).await
    }

    /// MAX beside Telegram, with the VK community client for publishing from the bot.
    pub async fn start_with_max_and_vk(
        config: &str,
        max: &FakeMax,
        vk: otklik::vk::VkClient,
    ) -> TestApp {
        Self::start_vk(msk(2026, 11, 23, 9, 0), config, Some(max), true, Some(vk)).await
    }

    async fn start_full(
        now: DateTime<Utc>,
        config: &str,
        max: Option<&FakeMax>,
        run: bool,
    ) -> TestApp {
        Self::start_vk(now, config, max, run, None).await
    }

    async fn start_vk(
        now: DateTime<Utc>,
        config: &str,
        max: Option<&FakeMax>,
        run: bool,
        vk_group: Option<otklik::vk::VkClient>,
    ) -> TestApp {
        super::test_log();
        let tg = FakeTelegram::start().await;
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}?mode=rwc", dir.path().join("otklik.db").display());
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let config = Config::parse(config, "test.toml").expect("test config");
        otklik::service::directory::apply(&store, &config)
            .await
            .expect("directory");
        let clock = ShiftedClock::starting_at(now);
        let mut ctx = bot_ctx(&store, &config, &clock).with_vk_group(vk_group);
        let client = max.map(FakeMax::client);
        if let Some(client) = &client {
            // As at start-up: invites link into MAX by the bot's name from `GET /me`.
            let me = client.me().await.expect("GET /me");
            ctx.front.bots.max = me.username.map(Into::into);
        }
        // Telegram files reach people in MAX through the bot, as `startup` wires it.
        let files = std::sync::Arc::new(otklik::bot::media::TelegramFiles::new(telegram(&tg)));
        let courier = client
            .clone()
            .map(|client| MaxCourier::new(client, ctx.front.clone()).with_telegram_files(files));
        let running = run.then(|| spawn_polling_with(telegram(&tg), ctx.clone(), courier));
        let max_running = client.filter(|_| run).map(|client| {
            MaxFront {
                client,
                ctx: ctx.front.clone(),
                vk_group: ctx.vk_group.clone(),
            }
            .spawn()
        });
        TestApp {
            max_running,
            tg,
            store,
            clock,
            ctx,
            config,
            db_url: url,
            running,
            _dir: dir,
        }
    }

    /// Stops the bot, its scheduler and delivery, and starts them again on the same
    /// database and fake Telegram, as a process restart would (nothing kept in memory).
    pub async fn restart(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
        self.ctx = bot_ctx(&self.store, &self.config, &self.clock);
        self.running = Some(spawn_polling_with(
            telegram(&self.tg),
            self.ctx.clone(),
            None::<MaxCourier>,
        ));
    }

    pub fn user(&self, id: u64) -> User {
        let name = match id {
            CURATOR => "Анна",
            EXECUTOR => "Пётр",
            DEPUTY => "Виктор",
            ROADS_EXECUTOR => "Дмитрий",
            ROADS_DEPUTY => "Елена",
            CONTROLLER => "Фёдор",
            COORDINATOR => "Нина",
            _ => "Незнакомец",
        };
        User::ru(id as i64, name)
    }

    pub fn store_ctx(&self) -> StoreCtx {
        StoreCtx::new(self.ctx.calendar.clone(), self.config.deadlines.clone())
    }

    pub async fn person(&self, telegram_id: u64) -> PersonId {
        self.store
            .person_by_telegram(telegram_id as i64)
            .await
            .expect("lookup")
            .expect("person exists")
            .id
    }

    /// Registers a case as the curator would (bypassing the wizard) and wakes delivery.
    pub async fn register(&self, link: &str, units: &[&str]) -> CaseView {
        let mut ids = Vec::new();
        for name in units {
            ids.push(
                self.store
                    .unit_by_name(name)
                    .await
                    .expect("unit")
                    .expect("known unit")
                    .id,
            );
        }
        let reg = registration(link, ids);
        let curator = self.person(CURATOR).await;
        let view = cases::register(
            &self.store,
            &reg,
            curator,
            CommandMeta::at(self.clock.now()),
            &self.store_ctx(),
        )
        .await
        .expect("registered");
        self.ctx.wake();
        view
    }

    pub async fn case(&self, id: CaseId) -> CaseView {
        self.store
            .case(id, &self.store_ctx())
            .await
            .expect("read")
            .expect("exists")
    }

    /// Waits until every queued notice is settled. Delivery claims rows for a lease measured
    /// on the test clock: moving the clock while a send is in flight would expire the claim
    /// and send the row again, which no real clock does within one send.
    pub async fn delivered(&self) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let figures = self
                .store
                .ops_figures(self.clock_now())
                .await
                .expect("reads the outbox");
            if figures.outbox_pending == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{} notices still queued",
                figures.outbox_pending
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Waits for a message in `chat` whose visible text contains `needle`.
    pub async fn expect_message(&self, chat: u64, needle: &str) -> SentMessage {
        let chat = chat as i64;
        match self
            .tg
            .wait_for_message(chat, |m| m.text.contains(needle), WAIT)
            .await
        {
            Ok(m) => m,
            Err(_) => panic!(
                "no message containing {needle:?} in chat {chat}:\n{}",
                self.tg.dump_chat(chat)
            ),
        }
    }

    /// Waits until message `id` of `chat` contains `needle` (edited in place).
    pub async fn expect_edit(&self, chat: u64, id: i32, needle: &str) -> SentMessage {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(m) = self.tg.message(chat as i64, id) {
                if m.text.contains(needle) {
                    return m;
                }
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "message {id} never showed {needle:?}:\n{}",
                    self.tg.dump_chat(chat as i64)
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for a toast (callback answer) containing `needle`.
    pub async fn expect_toast(&self, needle: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let answers = self.tg.callback_answers();
            if let Some(text) = answers
                .iter()
                .filter_map(|(_, t, _)| t.clone())
                .find(|t| t.contains(needle))
            {
                return text;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("no toast {needle:?}; got {answers:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
        if let Some(r) = self.max_running.take() {
            r.stop().await;
        }
        self.tg.assert_spec_clean();
    }
}
