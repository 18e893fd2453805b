//! SPEC §7 with MAX: a card on its way to a MAX executor when the binary is SIGKILLed is
//! delivered after the restart, once.

use std::time::{Duration, Instant};

use otklik::clock::{Clock, SystemClock};
use otklik::config::Config;
use otklik::storage::{CommandMeta, Store, StoreCtx};
use serde_json::json;

use crate::fake_max::{Failure, FakeMax, TOKEN};
use crate::fake_telegram::FakeTelegram;
use crate::helpers::app::CONFIG;
use crate::helpers::binary::{sqlite_url, Binary, Mode};

const EXECUTOR_MAX: i64 = 5002;
/// A killed poller's lease lapses after 60 s.
const LAPSE: Duration = Duration::from_secs(100);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s7_a_max_delivery_cut_by_sigkill_completes_after_restart_once() {
    let max = FakeMax::start().await;
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let text = CONFIG.replace("telegram_id = 1002", "max_id = 5002");
    let config_path = dir.path().join("otklik.toml");
    std::fs::write(&config_path, &text).expect("write the config");
    let config = Config::parse(&text, "test.toml").expect("test config");
    let db_url = sqlite_url(dir.path());
    let store = Store::connect(&db_url).await.expect("connect");
    store.migrate().await.expect("migrate");
    otklik::service::directory::apply(&store, &config)
        .await
        .expect("directory");
    let ctx = StoreCtx::from_config(&config);
    let curator = store
        .person_by_telegram(1001)
        .await
        .expect("reads")
        .expect("curator")
        .id;
    let unit = store
        .unit_by_name("Отдел ЖКХ")
        .await
        .expect("reads")
        .expect("unit")
        .id;
    let reg = crate::helpers::app::registration("https://vk.com/wall-7_1", vec![unit]);
    otklik::service::cases::register(
        &store,
        &reg,
        curator,
        CommandMeta::at(SystemClock.now()),
        &ctx,
    )
    .await
    .expect("registered");
    // MAX is down when the card first goes out.
    let body = json!({"code": "internal.error", "message": "try later"});
    max.fail_send(
        EXECUTOR_MAX,
        Failure {
            status: 503,
            body,
            retry_after: None,
        },
    );
    let env = vec![
        ("OTKLIK_MAX_TOKEN".to_owned(), TOKEN.to_owned()),
        ("OTKLIK_MAX_API_URL".to_owned(), max.url()),
    ];
    let mut bin = Binary::start_with_env(&tg, &db_url, &config_path, Mode::Polling, &env)
        .await
        .unwrap_or_else(|e| panic!("otklik did not start: {e:?}"));
    let attempts = || {
        max.requests()
            .iter()
            .filter(|r| {
                r.path == "messages" && r.query.get("user_id").map(String::as_str) == Some("5002")
            })
            .count()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while attempts() == 0 {
        assert!(
            Instant::now() < deadline,
            "no MAX delivery attempt:\n{}",
            bin.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bin.kill9();
    assert!(
        max.sent_to(EXECUTOR_MAX).is_empty(),
        "delivered before the kill"
    );

    let deadline = Instant::now() + LAPSE;
    let _bin = loop {
        match Binary::start_with_env(&tg, &db_url, &config_path, Mode::Polling, &env).await {
            Ok(b) => break b,
            Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_secs(2)).await,
            Err(e) => panic!("otklik did not restart: {e:?}"),
        }
    };
    let deadline = Instant::now() + LAPSE;
    let card = loop {
        let cards = max.sent_to(EXECUTOR_MAX);
        if let Some(c) = cards
            .into_iter()
            .find(|m| m.payload_of("Принять").is_some())
        {
            break c;
        }
        assert!(
            Instant::now() < deadline,
            "the card never arrived after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(card.text.contains("Дело №1"), "{}", card.text);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cards = max
        .sent_to(EXECUTOR_MAX)
        .iter()
        .filter(|m| m.text.contains("Дело №1"))
        .count();
    assert_eq!(cards, 1, "delivered exactly once");
    max.assert_spec_clean();
}
