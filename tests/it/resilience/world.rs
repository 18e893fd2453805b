//! A database, a fake Telegram and the test configuration for running the real binary, plus
//! the two things the resilience tests compare: what was stored (history tags per case) and
//! what was sent (notification headlines per chat).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use otklik::config::Config;
use otklik::storage::{CaseView, CommandMeta, OutboxStatus, Store, StoreCtx};
use serde_json::Value;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::app::{CONFIG, CURATOR};
use crate::helpers::binary::{sqlite_url, write_config};
use otklik::service::cases;

pub const ZHKH: &str = "Отдел ЖКХ";
pub const ROADS: &str = "Отдел дорожного хозяйства";

/// Per chat, how many times each notification headline was sent.
pub type Sent = BTreeMap<i64, BTreeMap<String, usize>>;

pub struct World {
    pub tg: FakeTelegram,
    /// The test's own connection to the database the binary uses.
    pub store: Store,
    pub ctx: StoreCtx,
    pub db_url: String,
    pub config: PathBuf,
    /// Holds the SQLite file, the config and the process logs.
    _dir: tempfile::TempDir,
}

impl World {
    /// A fresh SQLite file.
    pub async fn sqlite() -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = sqlite_url(dir.path());
        Self::on(url, dir).await
    }

    /// The database at `db_url` (migrated and given the test directory here).
    pub async fn on(db_url: String, dir: tempfile::TempDir) -> World {
        let config_path = write_config(dir.path());
        let config = Config::parse(CONFIG, "test.toml").expect("test config");
        let store = Store::connect(&db_url).await.expect("connect");
        store.migrate().await.expect("migrate");
        otklik::service::directory::apply(&store, &config)
            .await
            .expect("directory");
        World {
            tg: FakeTelegram::start().await,
            store,
            ctx: StoreCtx::from_config(&config),
            db_url,
            config: config_path,
            _dir: dir,
        }
    }

    /// Registers a post as the curator would; a running binary sees it on its next look at
    /// the outbox (at start, or within its idle sleep).
    pub async fn register(&self, link: &str, unit: &str) -> CaseView {
        let unit = self.store.unit_by_name(unit).await.expect("unit lookup");
        let reg = crate::helpers::app::registration(link, vec![unit.expect("known unit").id]);
        let curator = self
            .store
            .person_by_telegram(CURATOR as i64)
            .await
            .expect("lookup")
            .expect("the curator exists");
        let meta = CommandMeta::at(Utc::now());
        cases::register(&self.store, &reg, curator.id, meta, &self.ctx)
            .await
            .expect("registered")
    }

    pub async fn case(&self, number: i64) -> CaseView {
        self.store
            .case_by_number(number, &self.ctx)
            .await
            .expect("read")
            .unwrap_or_else(|| panic!("no case №{number}"))
    }

    /// The history of case `number` as event tags.
    pub async fn tags(&self, number: i64) -> Vec<&'static str> {
        let view = self.case(number).await;
        view.events().map(|e| e.kind.tag()).collect()
    }

    pub async fn has_event(&self, number: i64, tag: &str) -> bool {
        self.tags(number).await.contains(&tag)
    }

    /// Waits for case `number` to record `tag`; false on timeout.
    pub async fn wait_event(&self, number: i64, tag: &str, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.has_event(number, tag).await {
                return true;
            }
            if tokio::time::Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every outbox row of cases 1..=`cases`, as (status, attempts).
    pub async fn outbox(&self, cases: i64) -> Vec<(OutboxStatus, u32)> {
        let mut rows = Vec::new();
        for n in 1..=cases {
            let id = self.case(n).await.case.id;
            let items = self.store.outbox_for_case(id).await.expect("outbox");
            rows.extend(items.iter().map(|i| (i.status, i.attempts)));
        }
        rows
    }

    /// Waits until every notification about cases 1..=`cases` is sent; panics otherwise.
    pub async fn wait_outbox_sent(&self, cases: i64, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let rows = self.outbox(cases).await;
            if rows.iter().all(|(s, _)| *s == OutboxStatus::Sent) {
                return;
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "outbox not delivered after {timeout:?}: {rows:?}\n{}",
                    self.tg.dump_all()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Notification headlines sent so far, per chat.
    pub fn sent(&self) -> Sent {
        sent_notifications(&self.tg)
    }
}

/// Headlines of the notices the outbox sends (SPEC §7), as they start the message.
const HEADLINES: &[&str] = &[
    "Новое сообщение для вашего отдела",
    "Нужна информация вашего отдела",
    // The deputy's information about the same assignment (issue 9).
    "Новое сообщение для отдела",
    "привлечён соисполнителем",
    "Проект ответа на согласование",
    "Согласованный проект",
    "возвращено отделом",
    "вернул проект",
    "Напоминание по делу",
    "Нарушение срока",
    "недоступен для бота",
];

/// The visible first line of a sent text if it is a notification headline.
pub fn headline(html: &str) -> Option<String> {
    let first = strip_tags(html.lines().next().unwrap_or_default());
    let published = first.contains("Ответ по делу №") && first.contains("опубликован");
    let known = published || HEADLINES.iter().any(|h| first.contains(h));
    known.then_some(first)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The chat a recorded request addresses.
pub fn chat_of(body: &Value) -> Option<i64> {
    match &body["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Notification headlines of every sendMessage the fake answered, per chat (a request the
/// fake refused is not a message, so tests that inject failures count messages instead).
pub fn sent_notifications(tg: &FakeTelegram) -> Sent {
    let mut sent = Sent::new();
    for r in tg.requests_for("sendMessage") {
        let (Some(chat), Some(text)) = (chat_of(&r.body), r.body["text"].as_str()) else {
            continue;
        };
        if let Some(h) = headline(text) {
            *sent.entry(chat).or_default().entry(h).or_default() += 1;
        }
    }
    sent
}

/// Whether `text` names case `number` ("№3", not "№31").
pub fn mentions_case(text: &str, number: i64) -> bool {
    let needle = format!("№{number}");
    text.match_indices(&needle).any(|(i, _)| {
        let rest = &text[i + needle.len()..];
        !rest.starts_with(|c: char| c.is_ascii_digit())
    })
}
