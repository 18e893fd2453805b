//! Candidate posts from VK communities (issue 13): the poller reads walls and the comments
//! under recent posts from a fake VK API, and the curators get the cards.

use otklik::clock::Clock;
use otklik::service::candidates::Env;
use otklik::storage::candidates::CandidateStatus;
use otklik::vk::{poll_once, VkClient};

use crate::fake_vk::{FakeVk, TOKEN};
use crate::helpers::app::*;

fn config() -> String {
    format!(
        "{CONFIG}\n{}",
        r#"
[candidates]
interval = "10m"
signals = ["яма", "не работает", "отключили", "администрац"]
vk = ["kuvakino_today"]

[[candidates.suggest]]
words = ["авария", "без воды"]
importance = "Высокая"

[[candidates.suggest]]
words = ["вод", "труб"]
topic = "ЖКХ"
unit = "Отдел ЖКХ"

[[candidates.suggest]]
words = ["яма", "дорог", "трасс"]
topic = "Дороги"

[[candidates.suggest]]
words = ["кувакин"]
location = "с. Кувакино"
"#
    )
}

#[tokio::test]
async fn p8_a_vk_wall_post_and_a_comment_become_candidates_and_a_case() {
    let vk = FakeVk::start().await;
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let client = VkClient::new(&vk.base(), TOKEN).expect("client");
    let env = Env {
        store: &app.store,
        rules: &app.config.candidates,
        calendar: &app.ctx.calendar,
        store_ctx: app.store_ctx(),
        now: app.clock.now(),
    };
    let stats = poll_once(&client, &env).await.expect("a poll");
    assert_eq!(
        (stats.read, stats.added, stats.failed_communities),
        (5, 2, 0),
        "{stats:?}"
    );
    app.ctx.wake();

    // The post: a card at once, with the community's name and no author.
    let post = app.expect_message(CURATOR, "wall-555_7000").await;
    for part in [
        "во ВКонтакте — Кувакино сегодня",
        "огромная яма",
        "тема «Дороги»",
        "с. Кувакино",
    ] {
        assert!(post.text.contains(part), "{part:?} in {}", post.text);
    }
    for personal in ["Мария", "Жалобина", "9001"] {
        assert!(
            !post.text.contains(personal),
            "{personal:?} in {}",
            post.text
        );
    }
    // The comment «без воды» is urgent: its own card at once, not paced.
    let comment = app.expect_message(CURATOR, "wall-555_7001?reply=81").await;
    assert!(
        comment.text.contains("важность «Высокая»"),
        "{}",
        comment.text
    );

    // Within VK's limits: the token and version on every call, ≥ 1/3 s apart; comments
    // read only under the post that has some.
    let calls = vk.calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0].method, "wall.get");
    assert_eq!(
        calls[0].params.get("domain").map(String::as_str),
        Some("kuvakino_today")
    );
    assert_eq!(calls[1].method, "wall.getComments");
    assert_eq!(
        calls[1].params.get("post_id").map(String::as_str),
        Some("7001")
    );
    assert_eq!(
        calls[1].params.get("owner_id").map(String::as_str),
        Some("-555")
    );
    for c in &calls {
        assert_eq!(
            c.params.get("access_token").map(String::as_str),
            Some(TOKEN)
        );
        assert_eq!(c.params.get("v").map(String::as_str), Some("5.199"));
    }
    let gap = calls[1].at - calls[0].at;
    assert!(gap >= std::time::Duration::from_millis(330), "{gap:?}");

    // A second poll finds nothing new.
    let again = poll_once(&client, &env).await.expect("a poll");
    assert_eq!(again.added, 0);

    // The comment becomes a case about its post in two taps.
    let curator = app.user(CURATOR);
    app.tg
        .press_button(&curator, comment.message_id, "Зарегистрировать");
    let wizard = app.expect_message(CURATOR, "Проверьте").await;
    app.tg
        .press_button(&curator, wizard.message_id, "Направить");
    app.expect_edit(CURATOR, wizard.message_id, "Дело №1 зарегистрировано")
        .await;
    let view = app
        .store
        .find_by_link("https://vk.com/wall-555_7001", &app.store_ctx())
        .await
        .unwrap()
        .expect("the post's case");
    assert_eq!(
        (view.case.topic.as_str(), view.case.network.as_str()),
        ("ЖКХ", "vk")
    );
    let c = app
        .store
        .candidate_by_link("https://vk.com/wall-555_7001?reply=81")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status, CandidateStatus::Registered);
    app.stop().await;
}
