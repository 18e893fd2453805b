//! What the publishing tests share: a configuration reading two chats, a case brought to
//! the curator with an approved answer, the curator's publish prompt.

use otklik::clock::Clock;
use otklik::domain::case::{Attachment, AttachmentKind, Command, DraftKind, EventKind};
use otklik::domain::{CaseId, PersonId};
use otklik::service::cases;
use otklik::storage::{CaseView, CommandMeta};

use crate::fake_telegram::SentMessage;
use crate::helpers::app::*;

/// A private supergroup the bot reads, named by id (`t.me/c/1500000002/…` links).
pub const PRIVATE_CHAT: i64 = -1_001_500_000_002;
pub const ANSWER: &str = "Яму на ул. Ленина засыпали 25 ноября. Спасибо за обращение!";

pub fn config() -> String {
    format!(
        "{CONFIG}\n{}",
        r#"
[candidates]
signals = ["яма", "не работает"]

[[candidates.chats]]
chat = "@alatyr_chat"

[[candidates.chats]]
chat = -1001500000002
mode = "watched"

[[candidates.suggest]]
words = ["яма"]
topic = "ЖКХ"
unit = "Отдел ЖКХ"

[[candidates.suggest]]
words = ["ленина"]
location = "г. Алатырь"

[[candidates.suggest]]
words = ["яма"]
importance = "Средняя"
"#
    )
}

/// The chat id the fake Bot API gives a public chat addressed as `@name`.
pub fn public_chat(name: &str) -> i64 {
    let hash = name
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    -1_000_000_000_000 - (hash % 1_000_000_000) as i64
}

pub async fn run(app: &TestApp, case: CaseId, who: PersonId, cmd: Command) {
    let meta = CommandMeta::at(app.clock.now());
    cases::execute(&app.store, case, who, &cmd, meta, &app.store_ctx())
        .await
        .expect("command");
}

pub const BOT_BUTTON: &str = "📤 Опубликовать от бота";

/// A case of `link` taken by the executor, answered with a photo and approved: the curator
/// has it for publication.
pub async fn approved(app: &TestApp, link: &str) -> CaseView {
    let photo = file(AttachmentKind::Photo, "photo-after-repair");
    approved_with(app, link, vec![photo]).await
}

pub fn file(kind: AttachmentKind, file_id: &str) -> Attachment {
    Attachment::telegram(kind, file_id)
}

/// [`approved`] with these files in the answer.
pub async fn approved_with(app: &TestApp, link: &str, attachments: Vec<Attachment>) -> CaseView {
    let view = app.register(link, &["Отдел ЖКХ"]).await;
    let id = view.case.id;
    let unit = view.case.assignments[0].unit;
    let executor = app.person(EXECUTOR).await;
    run(app, id, executor, Command::Accept { unit }).await;
    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: ANSWER.into(),
        attachments,
    };
    run(app, id, executor, draft).await;
    run(app, id, app.person(DEPUTY).await, Command::Approve).await;
    app.ctx.wake();
    app.case(id).await
}

const PUBLISHED: &str = "📢 Опубликовано";

/// The curator's card of case `number` waiting for publication (with «Опубликовано»).
pub async fn curators_card(app: &TestApp, number: i64) -> SentMessage {
    let needle = format!("№{number}");
    app.tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.has_button(PUBLISHED) && m.text.contains(&needle),
            WAIT,
        )
        .await
        .expect("the curator's card with «Опубликовано»")
}

/// The curator presses «Опубликовано» on the case's card and gets the publish prompt.
pub async fn publish_prompt(app: &TestApp, number: i64) -> SentMessage {
    let card = curators_card(app, number).await;
    app.tg
        .press_button(&app.user(CURATOR), card.message_id, PUBLISHED);
    let prompt = format!("Дело №{number}: пришлите ссылку");
    app.expect_message(CURATOR, &prompt).await
}

pub fn published_url(view: &CaseView) -> Option<String> {
    view.events().find_map(|e| match &e.kind {
        EventKind::Published { url, .. } => url.clone(),
        _ => None,
    })
}

pub fn bot_posts(app: &TestApp, chat: i64) -> Vec<SentMessage> {
    app.tg.messages(chat)
}

/// A chat id as sent: private chats are positive, groups and channels negative or `@name`.
pub fn to_a_group(chat: &serde_json::Value) -> bool {
    let id = match chat {
        serde_json::Value::String(s) => s.parse::<i64>().ok(),
        other => other.as_i64(),
    };
    id.is_none_or(|c| c < 0)
}

pub async fn wait_for_toasts(app: &TestApp, n: usize, needle: &str) {
    for _ in 0..500 {
        let count = app
            .tg
            .callback_answers()
            .iter()
            .filter(|(_, t, _)| t.as_deref().is_some_and(|t| t.contains(needle)))
            .count();
        if count >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!(
        "fewer than {n} toasts {needle:?}: {:?}",
        app.tg.callback_answers()
    );
}
