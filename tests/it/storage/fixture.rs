//! A small organization (two units, each with an executor and a deputy) and helpers to
//! drive cases through the store.

use chrono::{DateTime, TimeZone, Utc};
use otklik::config::Config;
use otklik::domain::case::{Command, Registration};
use otklik::domain::{CaseId, PersonId, UnitId};
use otklik::storage::{CaseView, CommandMeta, Store, StoreCtx, StoreError};

use crate::helpers::db::TestDb;
use otklik::service::cases;

pub const CONFIG: &str = r#"
[organization]
name = "Тестовая администрация"
timezone = "Europe/Moscow"

[directory]
topics = ["ЖКХ", "Дороги", "Другое"]
locations = ["г. Алатырь", "Другое"]
importance = ["Высокая", "Средняя"]

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
name = "Новичок"
roles = ["executor"]
unit = "Отдел дорог"

[[units]]
name = "Отдел ЖКХ"
deputy = "Заместитель ЖКХ"

[[units]]
name = "Отдел дорог"
deputy = "Заместитель дорог"
"#;

pub fn config(text: &str) -> Config {
    Config::parse(text, "test").expect("the test configuration is valid")
}

/// A Moscow wall-clock time (UTC+3 all year) as UTC.
pub fn msk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid time")
        - chrono::Duration::hours(3)
}

/// Monday 2 March 2026, 09:00 in Moscow: an ordinary working morning.
pub fn monday_9() -> DateTime<Utc> {
    msk(2026, 3, 2, 9, 0)
}

pub struct Fx {
    pub store: Store,
    pub ctx: StoreCtx,
    pub curator: PersonId,
    pub exec1: PersonId,
    pub deputy1: PersonId,
    pub exec2: PersonId,
    pub deputy2: PersonId,
    pub controller: PersonId,
    pub newbie: PersonId,
    pub unit1: UnitId,
    pub unit2: UnitId,
}

impl Fx {
    pub async fn new(db: &TestDb) -> Fx {
        let store = db.store.clone();
        let config = config(CONFIG);
        otklik::service::directory::apply(&store, &config)
            .await
            .expect("the directory applies");
        let person = |name: &'static str| {
            let store = store.clone();
            async move { id_of(&store, name).await }
        };
        let unit = |name: &'static str| {
            let store = store.clone();
            async move {
                store
                    .unit_by_name(name)
                    .await
                    .expect("reads")
                    .expect("the unit exists")
                    .id
            }
        };
        Fx {
            ctx: StoreCtx::from_config(&config),
            curator: person("Куратор").await,
            exec1: person("Исполнитель ЖКХ").await,
            deputy1: person("Заместитель ЖКХ").await,
            exec2: person("Исполнитель дорог").await,
            deputy2: person("Заместитель дорог").await,
            controller: person("Контролёр").await,
            newbie: person("Новичок").await,
            unit1: unit("Отдел ЖКХ").await,
            unit2: unit("Отдел дорог").await,
            store,
        }
    }

    pub fn reg(&self, link: &str, units: &[UnitId]) -> Registration {
        Registration {
            link: link.to_owned(),
            network: "vk".to_owned(),
            topic: "ЖКХ".to_owned(),
            location: "г. Алатырь".to_owned(),
            importance: "Средняя".to_owned(),
            repeat_of: None,
            units: units.to_vec(),
            sequential: false,
        }
    }

    /// Registers `link` for the first unit at `at`.
    pub async fn register(&self, link: &str, at: DateTime<Utc>) -> CaseView {
        cases::register(
            &self.store,
            &self.reg(link, &[self.unit1]),
            self.curator,
            CommandMeta::at(at),
            &self.ctx,
        )
        .await
        .expect("the registration succeeds")
    }

    pub async fn run(
        &self,
        case: CaseId,
        actor: PersonId,
        command: Command,
        at: DateTime<Utc>,
    ) -> Result<CaseView, StoreError> {
        cases::execute(
            &self.store,
            case,
            actor,
            &command,
            CommandMeta::at(at),
            &self.ctx,
        )
        .await
    }

    pub async fn view(&self, case: CaseId) -> CaseView {
        self.store
            .case(case, &self.ctx)
            .await
            .expect("reads")
            .expect("the case exists")
    }
}

pub async fn id_of(store: &Store, name: &str) -> PersonId {
    store
        .people()
        .await
        .expect("reads")
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is in the directory"))
        .id
}
