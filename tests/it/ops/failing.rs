//! Failing loudly: one clear line and a non-zero exit for every fatal path; waiting with a
//! line per attempt for what is not up yet, and a stop signal honoured while waiting.

use std::time::Duration;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::binary::{free_port, Binary, Extra, Mode};

use super::cmd::{path_str, Dir};

#[tokio::test]
async fn a_missing_sqlite_folder_gets_a_hint() {
    let d = Dir::new();
    let url = format!(
        "sqlite:{}/no/such/dir/otklik.db?mode=rwc",
        d.dir.path().display()
    );
    let ran = d.run(&["--database-url", &url, "migrate"], &[]).await;
    assert_eq!(ran.code, Some(1), "{ran:?}");
    let lines = ran.error_lines();
    assert_eq!(lines.len(), 1, "{ran:?}");
    assert!(lines[0].contains("mkdir -p"), "{}", lines[0]);
}

#[tokio::test]
async fn an_unreachable_postgres_names_host_port_and_cause_within_5_s() {
    let d = Dir::new();
    let port = free_port().port();
    let url = format!("postgres://postgres@127.0.0.1:{port}/test");
    let ran = d.run(&["--database-url", &url, "migrate"], &[]).await;
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(ran.took < Duration::from_secs(5), "took {:?}", ran.took);
    let lines = ran.error_lines();
    assert_eq!(lines.len(), 1, "{ran:?}");
    let line = lines[0];
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");
    assert!(line.to_lowercase().contains("refused"), "{line}");
    // Each cause once: no "error: error" echoes.
    assert_eq!(line.matches("refused").count(), 1, "{line}");
}

#[tokio::test]
async fn a_taken_listen_port_fails_before_telegram_is_called() {
    let tg = FakeTelegram::start().await;
    let d = Dir::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let config = d.test_config();
    let mut env: Vec<(String, String)> = tg.env_vars();
    env.push(("OTKLIK_CONFIG".into(), path_str(&config).into()));
    env.push(("DATABASE_URL".into(), d.db_url()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let url = format!("http://{addr}/telegram");
    let ran = d
        .run(&["run", "--webhook-url", &url, "--listen", &addr], &env)
        .await;
    assert_eq!(ran.code, Some(1), "{ran:?}");
    let lines = ran.error_lines();
    assert_eq!(lines.len(), 1, "{ran:?}");
    assert!(lines[0].contains(&addr), "{}", lines[0]);
    assert!(!ran.stderr.contains("panicked"), "{ran:?}");
    assert!(tg.requests().is_empty(), "{:?}", tg.requests());
    drop(taken);
}

#[tokio::test]
async fn a_refused_token_exits_at_once() {
    let tg = FakeTelegram::start().await;
    let d = Dir::new();
    let config = d.test_config();
    let api = tg.url().to_string();
    let env = [
        ("TELOXIDE_TOKEN", "999:WRONG"),
        ("TELOXIDE_API_URL", api.as_str()),
        ("OTKLIK_CONFIG", path_str(&config)),
    ];
    let url = d.db_url();
    let ran = d.run(&["--database-url", &url, "run"], &env).await;
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(ran.took < Duration::from_secs(10), "took {:?}", ran.took);
    let lines = ran.error_lines();
    assert_eq!(lines.len(), 1, "{ran:?}");
    assert!(lines[0].contains("401"), "{}", lines[0]);
    assert!(
        !ran.stderr.contains("999:WRONG"),
        "the token leaked: {ran:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_waits_for_telegram_with_a_line_per_attempt() {
    let d = Dir::new();
    let config = d.test_config();
    let addr = free_port();
    // The fake comes up only after the bot started trying.
    let placeholder = FakeTelegram::start().await;
    let env = vec![("TELOXIDE_API_URL".to_owned(), format!("http://{addr}/"))];
    let mut bin = Binary::spawn_with(
        &placeholder,
        &d.db_url(),
        &config,
        Mode::Polling,
        Extra {
            env,
            ..Extra::default()
        },
    )
    .await;
    wait_for_log(&bin, "not reachable yet", 1).await;
    let tg = FakeTelegram::start_on(addr, None).await;
    tg.wait_for_request("getUpdates", Duration::from_secs(30))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", bin.log()));
    bin.terminate();
    let status = bin.wait_exit(Duration::from_secs(20)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "{status:?}\n{}",
        bin.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_signal_while_waiting_for_telegram_ends_at_once() {
    let d = Dir::new();
    let config = d.test_config();
    let placeholder = FakeTelegram::start().await;
    let env = vec![(
        "TELOXIDE_API_URL".to_owned(),
        format!("http://{}/", free_port()),
    )];
    let mut bin = Binary::spawn_with(
        &placeholder,
        &d.db_url(),
        &config,
        Mode::Polling,
        Extra {
            env,
            ..Extra::default()
        },
    )
    .await;
    wait_for_log(&bin, "not reachable yet", 2).await;
    bin.terminate();
    let status = bin.wait_exit(Duration::from_secs(3)).await;
    assert!(
        status.is_some(),
        "still waiting after SIGTERM:\n{}",
        bin.log()
    );
    let log = bin.log();
    assert!(
        log.contains("attempt=1") && log.contains("attempt=2"),
        "{log}"
    );
}

/// Waits until `needle` appears `times` times in the process's log.
async fn wait_for_log(bin: &Binary, needle: &str, times: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while bin.log().matches(needle).count() < times {
        assert!(
            std::time::Instant::now() < deadline,
            "no {needle:?}:\n{}",
            bin.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
