//! Webhook replicas behind a load balancer: with no secret configured both derive the same
//! one from the token, a replica's stop leaves the webhook alone, and the other keeps
//! answering. `otklik webhook delete` is the one way to remove it.

use std::time::{Duration, Instant};

use crate::fake_telegram::TOKEN;
use crate::helpers::app::CURATOR;
use crate::helpers::binary::{Binary, Extra, Mode};
use crate::resilience::driver::user;
use crate::resilience::relay::Relay;
use crate::resilience::world::World;

use super::cmd::Dir;

fn derived() -> Extra {
    Extra {
        derived_secret: true,
        ..Extra::default()
    }
}

fn url_of(b: &Binary) -> String {
    match &b.mode {
        Mode::Webhook { url, .. } => url.clone(),
        Mode::Polling => unreachable!("webhook replicas"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_a_derived_secret_and_survive_each_others_stop() {
    let w = World::sqlite().await;
    let (a, b) = tokio::join!(
        Binary::start_with(&w.tg, &w.db_url, &w.config, Mode::webhook(), derived()),
        Binary::start_with(&w.tg, &w.db_url, &w.config, Mode::webhook(), derived()),
    );
    let (mut a, b) = (a.expect("replica A serves"), b.expect("replica B serves"));

    let sets = w.tg.requests_for("setWebhook");
    assert_eq!(sets.len(), 2, "{sets:?}");
    let secrets: Vec<&str> = sets
        .iter()
        .map(|r| r.body["secret_token"].as_str().expect("a secret"))
        .collect();
    assert_eq!(secrets[0], secrets[1], "the same secret on both replicas");
    assert!(
        !secrets[0].contains(TOKEN),
        "the secret does not show the token"
    );
    let secret = secrets[0].to_owned();
    let relay = Relay::start_with_secret(&w.tg, vec![url_of(&a), url_of(&b)], secret);

    let curator = user(CURATOR);
    let asked = w.tg.push_text(&curator, "/help");
    w.tg.wait_for_new_message(CURATOR as i64, asked, |_| true, Duration::from_secs(20))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", a.log(), b.log()));

    a.terminate();
    let status = a.wait_exit(Duration::from_secs(20)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "{status:?}\n{}",
        a.log()
    );
    assert!(
        w.tg.requests_for("deleteWebhook").is_empty(),
        "a replica's stop removed the webhook"
    );

    let asked = w.tg.push_text(&curator, "/help");
    w.tg.wait_for_new_message(CURATOR as i64, asked, |_| true, Duration::from_secs(20))
        .await
        .unwrap_or_else(|e| panic!("B stopped answering: {e}\n{}", b.log()));
    // The reply can reach Telegram before B's answer to the relay's post, which the
    // relay counts.
    let counted = Instant::now() + Duration::from_secs(5);
    while relay.served()[1] == 0 && Instant::now() < counted {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(relay.served()[1] > 0, "{:?}", relay.served());
    relay.stop().await;
}

#[tokio::test]
async fn webhook_delete_is_an_explicit_command() {
    let w = World::sqlite().await;
    let d = Dir::new();
    let env = w.tg.env_vars();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let ran = d.run(&["webhook", "delete"], &env).await;
    assert!(ran.ok(), "{ran:?}");
    assert_eq!(w.tg.requests_for("deleteWebhook").len(), 1);
    assert!(ran.stdout.contains("Webhook deleted"), "{ran:?}");
}
