//! What an operator sees: `otklik check`, the metrics endpoint and the logs.

use std::time::Duration;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::app::CURATOR;
use crate::helpers::binary::{free_port, Binary, Extra, Mode};
use crate::resilience::driver::user;
use crate::resilience::world::World;

use super::cmd::{path_str, Dir};

#[tokio::test]
async fn check_prints_a_line_per_check_and_exits_by_the_outcome() {
    let tg = FakeTelegram::start().await;
    let d = Dir::new();
    let config = d.test_config();
    let url = d.db_url();
    let api = tg.url().to_string();
    let migrated = d
        .run(
            &[
                "--config",
                path_str(&config),
                "--database-url",
                &url,
                "migrate",
            ],
            &[],
        )
        .await;
    assert!(migrated.ok(), "{migrated:?}");
    let good = [
        ("TELOXIDE_TOKEN", crate::fake_telegram::TOKEN),
        ("TELOXIDE_API_URL", api.as_str()),
    ];
    let args = [
        "--config",
        path_str(&config),
        "--database-url",
        &url,
        "check",
    ];
    let ok = d.run(&args, &good).await;
    assert!(ok.ok(), "{ok:?}");
    let lines: Vec<&str> = ok.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{ok:?}");
    assert!(lines.iter().all(|l| l.starts_with('✓')), "{ok:?}");
    assert!(lines[0].contains("7 people"), "{}", lines[0]);
    assert!(lines[2].contains('@'), "{}", lines[2]);

    let bad = [
        ("TELOXIDE_TOKEN", "1:WRONG"),
        ("TELOXIDE_API_URL", api.as_str()),
    ];
    let missing = d.path("nowhere.db");
    let bad_db = format!("sqlite:{}", missing.display());
    let args = [
        "--config",
        path_str(&config),
        "--database-url",
        &bad_db,
        "check",
    ];
    let failed = d.run(&args, &bad).await;
    assert_eq!(failed.code, Some(1), "{failed:?}");
    let lines: Vec<&str> = failed.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{failed:?}");
    assert!(lines[0].starts_with('✓'), "{failed:?}");
    assert!(
        lines[1].starts_with('✗') && lines[2].starts_with('✗'),
        "{failed:?}"
    );
    assert!(!missing.exists(), "check created a database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_endpoint_is_scraped_with_updates_outbox_and_cases() {
    let w = World::sqlite().await;
    w.register("https://vk.com/wall-11_1", crate::resilience::world::ZHKH)
        .await;
    let metrics = free_port();
    let extra = Extra {
        args: vec!["--metrics".into(), metrics.to_string()],
        ..Extra::default()
    };
    // An update the bot cannot parse is skipped and counted as an error (pushed before the
    // bot asks for its kinds, as Telegram still serves those).
    w.tg.push_raw(crate::resilience::poison::poison());
    let bin = Binary::start_with(&w.tg, &w.db_url, &w.config, Mode::Polling, extra)
        .await
        .expect("serves");
    let asked = w.tg.push_text(&user(CURATOR), "/help");
    w.tg.wait_for_new_message(CURATOR as i64, asked, |_| true, Duration::from_secs(20))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", bin.log()));

    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://{metrics}/healthz"))
        .send()
        .await
        .expect("healthz answers");
    assert_eq!(health.status(), 200);
    let mut text = String::new();
    // The handler's count lands right after the answer is sent.
    for _ in 0..50 {
        text = client
            .get(format!("http://{metrics}/metrics"))
            .send()
            .await
            .expect("metrics answer")
            .text()
            .await
            .expect("text");
        if value(&text, "otklik_updates_total").is_some_and(|v| v >= 1.0)
            && value(&text, "otklik_update_errors_total").is_some_and(|v| v >= 1.0)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        value(&text, "otklik_updates_total").unwrap_or(0.0) >= 1.0,
        "{text}"
    );
    assert!(
        value(&text, "otklik_update_errors_total").unwrap_or(0.0) >= 1.0,
        "the skipped update is counted:\n{text}"
    );
    for name in [
        "otklik_outbox_pending",
        "otklik_outbox_oldest_age_seconds",
        "otklik_telegram_429_total",
        "otklik_delivery_retries_total",
        "otklik_overdue_cases",
        "otklik_scheduler_last_pass_timestamp_seconds",
        "otklik_scheduler_pass_duration_seconds",
    ] {
        assert!(value(&text, name).is_some(), "{name} missing:\n{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("otklik_open_cases{state=") && l.ends_with(" 1")),
        "one open case:\n{text}"
    );
    drop(bin);
}

/// The value of an unlabelled sample.
fn value(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_have_no_colours_off_a_terminal_and_json_carries_the_update_span() {
    let w = World::sqlite().await;
    // No NO_COLOR: stderr being a file is what must turn colours off.
    let plain_env = Extra {
        unset: vec!["NO_COLOR".into()],
        ..Extra::default()
    };
    let plain = Binary::start_with(&w.tg, &w.db_url, &w.config, Mode::Polling, plain_env)
        .await
        .expect("serves");
    let log = plain.log();
    drop(plain);
    assert!(!log.contains('\u{1b}'), "ANSI escapes in a file:\n{log}");

    let extra = Extra {
        env: vec![
            ("OTKLIK_LOG_FORMAT".into(), "json".into()),
            ("RUST_LOG".into(), "warn,otklik=debug".into()),
        ],
        ..Extra::default()
    };
    // The killed first process's lease is taken over at once (same host, dead pid).
    let json = Binary::start_with(&w.tg, &w.db_url, &w.config, Mode::Polling, extra)
        .await
        .expect("serves");
    let asked = w.tg.push_text(&user(CURATOR), "/help");
    w.tg.wait_for_new_message(CURATOR as i64, asked, |_| true, Duration::from_secs(20))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", json.log()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = json.log();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let handled = lines
        .iter()
        .find(|l| l["span"]["action"] == "/help")
        .unwrap_or_else(|| panic!("no line in the update's span:\n{log}"));
    assert_eq!(handled["span"]["chat"], CURATOR);
    assert!(handled["span"]["id"].is_number(), "{handled}");
}
