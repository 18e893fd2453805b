//! The spec checker catches what Telegram would refuse, and stays quiet
//! for what teloxide really sends.

use serde_json::{json, Value};

use super::{alice, spec_path};
use crate::fake_telegram::{FakeTelegram, TOKEN};

/// A server with checks on, or `None` (test skipped) without the spec.
async fn strict_server() -> Option<FakeTelegram> {
    match spec_path() {
        Some(path) => Some(FakeTelegram::start_with_spec(Some(&path)).await),
        None => {
            eprintln!("Bot API spec not found: skipping");
            None
        }
    }
}

async fn post(tg: &FakeTelegram, method: &str, body: Value) -> (u16, Value) {
    let url = tg
        .url()
        .join(&format!("./bot{TOKEN}/{method}"))
        .expect("url");
    let response = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("http");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json answer"))
}

fn has(violations: &[String], needle: &str) -> bool {
    violations.iter().any(|v| v.contains(needle))
}

#[tokio::test]
async fn catches_a_bad_send_message() {
    let Some(tg) = strict_server().await else {
        return;
    };
    let long_data = "x".repeat(65);
    let body = json!({
        "chat_id": alice().id,
        "text": "<b>unclosed & bare",
        "parse_mode": "HTML",
        "bogus": 1,
        "disable_notification": "yes",
        "reply_markup": { "inline_keyboard": [[
            { "text": "long", "callback_data": long_data },
            { "text": "two actions", "callback_data": "a", "url": "https://example.com" },
        ]] },
    });
    let (status, _) = post(&tg, "sendMessage", body).await;
    assert_eq!(
        status, 200,
        "the fake still answers; violations are collected"
    );
    let v = tg.spec_violations();
    assert!(has(&v, "unknown field `bogus`"), "{v:#?}");
    assert!(has(&v, "disable_notification: expected Boolean"), "{v:#?}");
    assert!(has(&v, "callback_data is 65 bytes"), "{v:#?}");
    assert!(has(&v, "needs exactly one action field"), "{v:#?}");
    assert!(has(&v, "unclosed tag <b>"), "{v:#?}");
    assert!(has(&v, "bare `&`"), "{v:#?}");
    assert_eq!(tg.checked_requests(), 1);
    let clean = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tg.assert_spec_clean()));
    assert!(clean.is_err(), "assert_spec_clean must panic");
}

#[tokio::test]
async fn catches_missing_fields_lengths_and_unknown_methods() {
    let Some(tg) = strict_server().await else {
        return;
    };
    post(&tg, "sendMessage", json!({ "text": "no chat" })).await;
    post(
        &tg,
        "sendMessage",
        json!({ "chat_id": 1, "text": "я".repeat(4097) }),
    )
    .await;
    post(
        &tg,
        "sendMessage",
        json!({ "chat_id": 1, "text": "<b> </b>", "parse_mode": "HTML" }),
    )
    .await;
    let (status, answer) = post(&tg, "sendTelepathy", json!({})).await;
    assert_eq!((status, answer["error_code"].as_i64()), (404, Some(404)));
    assert_eq!(answer["description"], "Not Found: method not found");
    let v = tg.spec_violations();
    assert!(has(&v, "chat_id: required field is missing"), "{v:#?}");
    assert!(has(&v, "4097 characters"), "{v:#?}");
    assert!(has(&v, "text: must not be empty"), "{v:#?}");
    assert!(has(&v, "`sendTelepathy` does not exist"), "{v:#?}");
}

#[tokio::test]
async fn html_length_counts_visible_characters() {
    let Some(tg) = strict_server().await else {
        return;
    };
    let text = format!("<b>{}</b>&amp;", "a".repeat(4095));
    post(
        &tg,
        "sendMessage",
        json!({ "chat_id": 1, "text": text, "parse_mode": "HTML" }),
    )
    .await;
    tg.assert_spec_clean();
}

#[tokio::test]
async fn multipart_fields_are_decoded_before_checking() {
    let Some(tg) = strict_server().await else {
        return;
    };
    let url = tg
        .url()
        .join(&format!("./bot{TOKEN}/SendPhoto"))
        .expect("url");
    let form = reqwest::multipart::Form::new()
        .text("chat_id", "1001")
        .text("photo", "attach://f1")
        .text("caption", "подпись")
        .text(
            "reply_markup",
            r#"{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}"#,
        )
        .part(
            "f1",
            reqwest::multipart::Part::bytes(b"img".to_vec()).file_name("a.jpg"),
        )
        .part(
            "stray",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("b.jpg"),
        );
    let response = reqwest::Client::new()
        .post(url)
        .multipart(form)
        .send()
        .await
        .expect("http");
    assert_eq!(response.status().as_u16(), 200);
    let v = tg.spec_violations();
    assert_eq!(v.len(), 1, "{v:#?}");
    assert!(has(&v, "part `stray` is not referenced"), "{v:#?}");
    let sent = tg.last_message(1001).expect("sent");
    assert_eq!(sent.button("A").map(|b| b.1).as_deref(), Some("a"));
}

#[tokio::test]
async fn malformed_bodies_get_400_and_a_violation() {
    let tg = FakeTelegram::start_with_spec(None).await;
    let url = tg
        .url()
        .join(&format!("./bot{TOKEN}/sendMessage"))
        .expect("url");
    let client = reqwest::Client::new();
    let response = client
        .post(url.clone())
        .header("content-type", "application/json")
        .body("{not json")
        .send();
    let response = response.await.expect("http");
    assert_eq!(response.status().as_u16(), 400);
    let answer: Value = response.json().await.expect("json");
    assert_eq!(answer["ok"], false);
    let broken = client
        .post(url)
        .header("content-type", "multipart/form-data; boundary=zz")
        .body("--zz\r\nbad");
    assert_eq!(broken.send().await.expect("http").status().as_u16(), 400);
    assert_eq!(tg.spec_violations().len(), 2);
    assert_eq!(tg.checked_requests(), 0, "checks are off without a spec");

    let wrong_token = tg.url().join("./bot1:WRONG/getMe").expect("url");
    assert_eq!(
        client
            .post(wrong_token)
            .send()
            .await
            .expect("http")
            .status()
            .as_u16(),
        401
    );
}

#[tokio::test]
async fn report_lines_add_up() {
    let Some(tg) = strict_server().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.txt");
    post(&tg, "getMe", json!({})).await;
    tg._guard.append_report(&path);
    tg._guard.append_report(&path); // nothing new: no second line
    post(&tg, "getMe", json!({ "x": 1 })).await;
    tg._guard.append_report(&path);
    let report = std::fs::read_to_string(&path).expect("report written");
    assert_eq!(report, "checked=1 violations=0\nchecked=1 violations=1\n");
}
