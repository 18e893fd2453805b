//! A missing or emptied configuration never empties the directory; bad arguments are refused
//! before the database exists.

use otklik::storage::Store;

use super::cmd::{path_str, Dir};

async fn active_people(d: &Dir) -> Vec<String> {
    let store = Store::connect(&d.db_url()).await.expect("connect");
    let people = store.people().await.expect("people");
    store.close().await;
    people
        .into_iter()
        .filter(|p| p.active)
        .map(|p| p.name)
        .collect()
}

#[tokio::test]
async fn a_command_without_a_configuration_leaves_the_directory_alone() {
    let d = Dir::new();
    let config = d.test_config();
    let url = d.db_url();
    let first = d
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
    assert!(first.ok(), "{first:?}");
    let before = active_people(&d).await;
    assert_eq!(before.len(), 7, "{before:?}");

    let bare = d.run(&["--database-url", &url, "migrate"], &[]).await;
    assert!(bare.ok(), "{bare:?}");
    assert_eq!(active_people(&d).await, before);
}

#[tokio::test]
async fn an_emptied_configuration_is_refused_naming_who_and_the_flag() {
    let d = Dir::new();
    let config = d.test_config();
    let url = d.db_url();
    let first = d
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
    assert!(first.ok(), "{first:?}");
    let before = active_people(&d).await;

    let empty = d.config("empty.toml", "");
    let refused = d
        .run(
            &[
                "--config",
                path_str(&empty),
                "--database-url",
                &url,
                "migrate",
            ],
            &[],
        )
        .await;
    assert_eq!(refused.code, Some(1), "{refused:?}");
    let lines = refused.error_lines();
    assert_eq!(lines.len(), 1, "one line: {refused:?}");
    for needle in [
        "Иванова А.С.",
        "Николаева Н.Н.",
        "--confirm-removals",
        "curator",
    ] {
        assert!(lines[0].contains(needle), "{needle}: {}", lines[0]);
    }
    assert_eq!(active_people(&d).await, before, "nothing changed");

    let confirmed = d
        .run(
            &[
                "--config",
                path_str(&empty),
                "--database-url",
                &url,
                "--confirm-removals",
                "migrate",
            ],
            &[],
        )
        .await;
    assert!(confirmed.ok(), "{confirmed:?}");
    assert!(active_people(&d).await.is_empty());
}

#[tokio::test]
async fn removing_the_last_curator_alone_needs_confirming() {
    let d = Dir::new();
    let config = d.test_config();
    let url = d.db_url();
    let first = d
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
    assert!(first.ok(), "{first:?}");
    let demoted = crate::helpers::app::CONFIG.replace(
        "roles = [\"curator\", \"admin\"]",
        "roles = [\"controller\"]",
    );
    let demoted = d.config("demoted.toml", &demoted);
    let refused = d
        .run(
            &[
                "--config",
                path_str(&demoted),
                "--database-url",
                &url,
                "migrate",
            ],
            &[],
        )
        .await;
    assert_eq!(refused.code, Some(1), "{refused:?}");
    assert!(refused.stderr.contains("curator"), "{refused:?}");
}

#[tokio::test]
async fn bad_arguments_are_refused_before_the_database_is_created() {
    let d = Dir::new();
    let config = d.test_config();
    let url = d.db_url();
    let c = path_str(&config);
    let token = [
        ("TELOXIDE_TOKEN", "1:x"),
        ("TELOXIDE_API_URL", "http://127.0.0.1:9/"),
    ];
    let cases: [(&[&str], &str); 8] = [
        (&["invite", "--role", "boss"], "--role"),
        (
            &["invite", "--role", "curator", "--ttl-hours", "0"],
            "--ttl-hours",
        ),
        (
            &["invite", "--role", "curator", "--unit", "Отдел ЖКХ"],
            "--unit",
        ),
        (&["invite", "--role", "executor"], "--unit"),
        (
            &["invite", "--role", "executor", "--unit", "Нет такого"],
            "Нет такого",
        ),
        (&["report", "--month", "2026-13"], "--month"),
        (
            &[
                "run",
                "--webhook-url",
                "not a url",
                "--listen",
                "127.0.0.1:0",
            ],
            "--webhook-url",
        ),
        (&["run", "--listen", "127.0.0.1:0"], "--webhook-url"),
    ];
    for (args, needle) in cases {
        let mut all = vec!["--config", c, "--database-url", &url];
        all.extend_from_slice(args);
        let ran = d.run(&all, &token).await;
        assert!(!ran.ok(), "{args:?} accepted: {ran:?}");
        assert!(ran.stderr.contains(needle), "{args:?}: {}", ran.stderr);
        assert!(!d.db_file().exists(), "{args:?} created the database");
    }
}
