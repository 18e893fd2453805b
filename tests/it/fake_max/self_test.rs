//! The fake's own tests: the reference is read, conforming requests pass, wrong ones are
//! caught, and the client in `src/max/client` speaks the reference's language.

use std::collections::BTreeMap;
use std::time::Duration;

use otklik::max::client::{Button, MaxError, NewMessage, To, UploadType};
use serde_json::json;

use super::{checker, reference_dir, Failure, FakeMax, MaxUser};

fn q(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_vendored_reference_is_the_shared_one() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/maxapi/types");
    if !shared.exists() {
        return; // Outside the project's machines only the vendored copy exists.
    }
    let files = |root: &std::path::Path| {
        let mut out = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("readable dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(root).expect("under root").to_path_buf();
                    out.insert(rel, std::fs::read(&p).expect("readable file"));
                }
            }
        }
        out
    };
    assert!(
        files(&shared) == files(&reference_dir()),
        "tests/maxapi/types differs from shared/maxapi/types"
    );
}

#[test]
fn conforming_requests_pass() {
    let c = checker();
    let body = json!({"text": "<b>№ 1</b>", "format": "html", "attachments": [
        {"type": "inline_keyboard", "payload": {"buttons": [[
            {"type": "callback", "text": "Принять", "payload": "c:1:accept"},
            {"type": "link", "text": "Пост", "url": "https://vk.com/wall1_2"}]]}},
        {"type": "file", "payload": {"token": "t"}}]});
    assert_eq!(
        c.request("POST", "messages", &q(&[("user_id", "5")]), Some(&body)),
        Vec::<String>::new()
    );
    assert_eq!(
        c.request(
            "PUT",
            "messages",
            &q(&[("message_id", "mid.1")]),
            Some(&body)
        ),
        Vec::<String>::new()
    );
    let answer = json!({"message": body});
    assert_eq!(
        c.request(
            "POST",
            "answers",
            &q(&[("callback_id", "cb")]),
            Some(&answer)
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        c.request(
            "POST",
            "answers",
            &q(&[("callback_id", "cb")]),
            Some(&json!({}))
        ),
        Vec::<String>::new()
    );
    let poll = q(&[
        ("marker", "3"),
        ("timeout", "30"),
        ("limit", "100"),
        ("types", "message_created"),
    ]);
    assert_eq!(
        c.request("GET", "updates", &poll, None),
        Vec::<String>::new()
    );
    assert_eq!(c.request("GET", "me", &q(&[]), None), Vec::<String>::new());
    assert_eq!(
        c.request("POST", "uploads", &q(&[("type", "file")]), None),
        Vec::<String>::new()
    );
    let cmds = json!({"commands": [{"name": "start", "description": "Начать"}]});
    assert_eq!(
        c.request("PATCH", "me/commands", &q(&[]), Some(&cmds)),
        Vec::<String>::new()
    );
    assert_eq!(
        c.request("GET", "chats/42", &q(&[]), None),
        Vec::<String>::new()
    );
}

#[test]
fn requests_the_reference_does_not_know_are_violations() {
    let c = checker();
    let user = q(&[("user_id", "5")]);
    let one = |body: serde_json::Value| c.request("POST", "messages", &user, Some(&body));
    // A Telegram habit: `reply_markup` instead of an inline_keyboard attachment.
    assert!(one(json!({"text": "x", "reply_markup": {}}))[0].contains("unknown field reply_markup"));
    // A callback button without its payload.
    let e = one(
        json!({"text": "x", "attachments": [{"type": "inline_keyboard",
        "payload": {"buttons": [[{"type": "callback", "text": "A"}]]}}]}),
    );
    assert!(
        e.iter().any(|e| e.contains("field payload missing")),
        "{e:?}"
    );
    assert!(!one(json!({"text": "x", "format": "MarkdownV2"})).is_empty());
    assert!(!one(json!({"text": 5})).is_empty());
    assert!(!c
        .request(
            "POST",
            "messages",
            &q(&[("user_id", "abc")]),
            Some(&json!({"text": "x"}))
        )
        .is_empty());
    assert!(!c
        .request(
            "POST",
            "messages",
            &q(&[("chat", "1")]),
            Some(&json!({"text": "x"}))
        )
        .is_empty());
    assert!(!c.request("POST", "sendMessage", &q(&[]), None).is_empty());
    assert!(!c
        .request("GET", "me", &q(&[]), Some(&json!({"x": 1})))
        .is_empty());
    assert!(!c
        .request("PUT", "messages", &q(&[]), Some(&json!({"text": "x"})))
        .is_empty());
    // `notification` exists in MAX's prose docs but not in this reference: caught.
    assert!(!c
        .request(
            "POST",
            "answers",
            &q(&[("callback_id", "c")]),
            Some(&json!({"notification": "x"}))
        )
        .is_empty());
}

#[test]
fn updates_are_checked_too() {
    let c = checker();
    let incomplete = json!({"update_type": "bot_started", "timestamp": 1});
    assert!(!c.value(&incomplete, "Update").is_empty());
    let ok = json!({"update_type": "bot_started", "timestamp": 1, "chat_id": 1,
        "user": MaxUser::new(5, "А").json(), "payload": "inv"});
    assert_eq!(c.value(&ok, "Update"), Vec::<String>::new());
}

#[tokio::test]
async fn the_client_speaks_the_reference() {
    let max = FakeMax::start().await;
    let c = max.client();
    let me = c.me().await.expect("me");
    assert_eq!(me.user_id, super::BOT_ID);
    let anna = MaxUser::new(501, "Анна");
    let msg = NewMessage::html("<b>Карточка</b>").with_keyboard(vec![vec![Button::Callback {
        text: "Принять".into(),
        payload: "c:1:accept".into(),
    }]]);
    let sent = c.send(To::User(anna.id), &msg).await.expect("sent");
    assert_eq!(
        max.sent_to(anna.id)[0].buttons,
        vec![("Принять".into(), "c:1:accept".into())]
    );
    let cb = max.press(&anna, &sent.body.mid, "c:1:accept");
    let page = c.updates(None, 1, &[]).await.expect("updates");
    assert_eq!(page.updates.len(), 1);
    let page2 = c.updates(page.marker, 0, &[]).await.expect("updates");
    assert!(
        page2.updates.is_empty(),
        "a marker acknowledges what came before"
    );
    c.answer(&cb, Some(&NewMessage::html("Принято")))
        .await
        .expect("answered");
    assert_eq!(
        max.message(&sent.body.mid)
            .map(|m| (m.text, m.buttons.len())),
        Some(("Принято".into(), 0))
    );
    c.edit(&sent.body.mid, &NewMessage::html("Снова"))
        .await
        .expect("edited");
    c.send_file(
        To::User(anna.id),
        UploadType::File,
        "svodka.xlsx",
        vec![1, 2, 3],
    )
    .await
    .expect("file");
    c.send_file(
        To::User(anna.id),
        UploadType::Image,
        "chart.png",
        vec![4, 5],
    )
    .await
    .expect("image");
    assert_eq!(
        max.sent_to(anna.id)
            .iter()
            .filter(|s| !s.files.is_empty())
            .count(),
        2
    );
    assert_eq!(max.uploads().len(), 2);
    max.assert_spec_clean();
}

#[tokio::test]
async fn the_client_types_what_went_wrong() {
    let max = FakeMax::start().await;
    let c = max.client();
    let fail = |status, code: &str, retry| Failure {
        status,
        body: json!({"code": code, "message": code}),
        retry_after: retry,
    };
    max.fail_send(5, fail(403, "chat.denied", None));
    max.fail_send(5, fail(429, "too.many.requests", Some(7)));
    max.fail_send(5, fail(503, "service.unavailable", None));
    let msg = NewMessage::html("x");
    let send = || c.send(To::User(5), &msg);
    assert!(matches!(send().await, Err(MaxError::Forbidden(_))));
    assert!(
        matches!(send().await, Err(MaxError::RateLimited { retry_after: Some(d) }) if d == Duration::from_secs(7))
    );
    assert!(matches!(
        send().await,
        Err(MaxError::Server { status: 503, .. })
    ));
    assert!(send().await.is_ok());
    let wrong = otklik::max::client::MaxClient::new("wrong", &max.url()).expect("client");
    assert!(matches!(wrong.me().await, Err(MaxError::Unauthorized)));
    let gone = otklik::max::client::MaxClient::new("t", "http://127.0.0.1:9").expect("client");
    assert!(matches!(gone.me().await, Err(MaxError::Network(_))));
    max.assert_spec_clean();
}
