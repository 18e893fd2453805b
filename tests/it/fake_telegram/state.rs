//! The fake server's memory: what the bot sent, what users sent, what is
//! queued for `getUpdates`, and everything recorded for assertions.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Instant;

use serde_json::{json, Value};

use super::failures::{FailRule, RateLimiter};
use super::html;

/// A user the test acts as. Chats are private, so the chat id is the user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub first_name: String,
    pub language_code: Option<String>,
}

impl User {
    pub fn new(id: i64, first_name: &str, language_code: Option<&str>) -> Self {
        let language_code = language_code.map(str::to_owned);
        Self {
            id,
            first_name: first_name.to_owned(),
            language_code,
        }
    }

    /// A Russian-speaking user (the product's main locale).
    pub fn ru(id: i64, first_name: &str) -> Self {
        Self::new(id, first_name, Some("ru"))
    }

    pub fn en(id: i64, first_name: &str) -> Self {
        Self::new(id, first_name, Some("en"))
    }
}

/// Kind of media a message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Photo,
    Video,
    Document,
}

impl MediaKind {
    /// The Message field (and InputMedia `type`) of this kind.
    pub fn field(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Video => "video",
            MediaKind::Document => "document",
        }
    }

    pub fn from_field(field: &str) -> Option<Self> {
        match field {
            "photo" => Some(MediaKind::Photo),
            "video" => Some(MediaKind::Video),
            "document" => Some(MediaKind::Document),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub kind: MediaKind,
    pub file_id: String,
    /// File name of an uploaded document, when known.
    pub file_name: Option<String>,
}

/// A bot message as the user currently sees it (edits applied in place).
#[derive(Debug, Clone, PartialEq)]
pub struct SentMessage {
    pub chat_id: i64,
    pub message_id: i32,
    /// Visible text or caption: HTML tags stripped and entities decoded.
    pub text: String,
    /// Text or caption exactly as the bot sent it (HTML source).
    pub raw_text: String,
    pub parse_mode: Option<String>,
    /// Inline keyboard rows of `(label, callback_data or url)`.
    pub keyboard: Vec<Vec<(String, String)>>,
    /// The `reply_markup` as sent (also reply keyboards, force_reply).
    pub reply_markup: Option<Value>,
    pub media: Option<Media>,
    pub media_group_id: Option<String>,
    pub reply_to: Option<i32>,
    /// The Bot API method that created it (`sendMessage`, `copyMessage`, ...).
    pub method: String,
    /// Number of successful edits (text, caption or markup).
    pub edits: u32,
    pub date: i64,
}

impl SentMessage {
    /// All buttons, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        self.keyboard.iter().flatten().cloned().collect()
    }

    /// The first button whose label contains `label`.
    pub fn button(&self, label: &str) -> Option<(String, String)> {
        self.buttons()
            .into_iter()
            .find(|(text, _)| text.contains(label))
    }

    /// Labels of all buttons, row by row.
    pub fn button_labels(&self) -> Vec<String> {
        self.buttons().into_iter().map(|(text, _)| text).collect()
    }

    pub fn has_button(&self, label: &str) -> bool {
        self.button(label).is_some()
    }

    /// One readable line for failure dumps.
    pub fn describe(&self) -> String {
        let mut line = format!("#{} [{}", self.message_id, self.method);
        if self.edits > 0 {
            line.push_str(&format!(", edits={}", self.edits));
        }
        if let Some(media) = &self.media {
            line.push_str(&format!(", {} {}", media.kind.field(), media.file_id));
        }
        line.push_str(&format!("] {:?}", self.text));
        for row in &self.keyboard {
            let row: Vec<String> = row.iter().map(|(t, d)| format!("{t:?}→{d:?}")).collect();
            line.push_str(&format!("\n      [{}]", row.join(", ")));
        }
        line
    }
}

/// One HTTP call the bot made.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Method name as sent (teloxide sends PascalCase, e.g. `SendMessage`).
    pub method: String,
    /// JSON body, or multipart text fields as a JSON object (uploaded files
    /// appear as `{"file_name": .., "size": ..}`).
    pub body: Value,
    pub multipart: bool,
    pub at: Instant,
}

impl RecordedRequest {
    /// Case-insensitive method comparison.
    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }
}

/// An update waiting in the `getUpdates` queue.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: i64,
    pub update: Value,
    /// Re-delivered regardless of the bot's offset (idempotency tests).
    pub duplicate: bool,
    /// Created before the last change of `allowed_updates`, which (the Bot API says) does
    /// not affect updates created before the call: served whatever its kind.
    pub exempt: bool,
}

#[derive(Default)]
pub struct State {
    pub next_update_id: i64,
    pub next_message_id: i32,
    pub next_callback_id: u64,
    pub next_file_id: u64,
    pub queue: VecDeque<Queued>,
    /// Every update ever pushed, for `push_duplicate`.
    pub pushed: HashMap<i64, Value>,
    pub allowed_updates: Option<Vec<String>>,
    /// Bot messages per chat, in order.
    pub chats: HashMap<i64, Vec<SentMessage>>,
    /// Message JSON of every message (bot's and users') by (chat, id).
    pub raw_messages: HashMap<(i64, i32), Value>,
    pub users: HashMap<i64, User>,
    pub deleted: Vec<(i64, i32)>,
    pub callback_answers: Vec<(String, Option<String>, bool)>,
    pub requests: Vec<RecordedRequest>,
    pub api_errors: Vec<(String, String)>,
    pub sent_count: usize,
    pub uploads: HashMap<String, Vec<u8>>,
    /// Files a person sent that are over the 20 MB a bot may download (getFile refuses).
    pub too_big: HashSet<String>,
    /// File names of uploaded documents by file id: a send by file id keeps the name.
    pub upload_names: HashMap<String, String>,
    pub commands: HashMap<String, Value>,
    pub menu_button: Option<Value>,
    pub webhook_url: String,
    pub blocked: HashSet<i64>,
    pub fail_rules: Vec<FailRule>,
    pub limiter: Option<RateLimiter>,
    pub too_many_requests: usize,
    pub violations: Vec<String>,
    pub checked: usize,
}

impl State {
    pub fn new() -> Self {
        Self {
            next_update_id: 1,
            next_message_id: 1,
            ..Self::default()
        }
    }

    pub fn take_update_id(&mut self) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        id
    }

    pub fn take_message_id(&mut self) -> i32 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    pub fn take_file_id(&mut self) -> String {
        self.next_file_id += 1;
        format!("fake-file-{}", self.next_file_id)
    }

    pub fn first_name(&self, chat_id: i64) -> String {
        self.users
            .get(&chat_id)
            .map_or_else(|| format!("User{chat_id}"), |u| u.first_name.clone())
    }

    pub fn find_sent_mut(&mut self, chat_id: i64, id: i32) -> Option<&mut SentMessage> {
        self.chats
            .get_mut(&chat_id)?
            .iter_mut()
            .find(|m| m.message_id == id)
    }

    pub fn find_sent(&self, chat_id: i64, id: i32) -> Option<&SentMessage> {
        self.chats
            .get(&chat_id)?
            .iter()
            .find(|m| m.message_id == id)
    }

    /// Queues an update and remembers it for re-delivery.
    pub fn enqueue(&mut self, update: Value) -> i64 {
        let id = update["update_id"].as_i64().unwrap_or_default();
        self.pushed.insert(id, update.clone());
        self.queue.push_back(Queued {
            id,
            update,
            duplicate: false,
            exempt: false,
        });
        id
    }

    /// A new `allowed_updates` applies to updates created from now on.
    pub fn set_allowed_updates(&mut self, allowed: Vec<String>) {
        if self.allowed_updates.as_ref() != Some(&allowed) {
            for q in &mut self.queue {
                q.exempt = true;
            }
        }
        self.allowed_updates = Some(allowed);
    }

    /// Human-readable dump of one chat, for timeouts and assertion failures.
    pub fn dump_chat(&self, chat_id: i64) -> String {
        let messages = self
            .chats
            .get(&chat_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if messages.is_empty() {
            return format!("chat {chat_id}: no bot messages");
        }
        let lines: Vec<String> = messages
            .iter()
            .map(|m| format!("  {}", m.describe()))
            .collect();
        format!(
            "chat {chat_id} ({} bot messages):\n{}",
            messages.len(),
            lines.join("\n")
        )
    }
}

/// Parses an inline keyboard into `(label, callback_data or url)` rows.
pub fn keyboard_rows(markup: Option<&Value>) -> Vec<Vec<(String, String)>> {
    let Some(rows) = markup.and_then(|m| m["inline_keyboard"].as_array()) else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| {
            let buttons = row.as_array().map(Vec::as_slice).unwrap_or_default();
            buttons.iter().map(button_pair).collect()
        })
        .collect()
}

fn button_pair(button: &Value) -> (String, String) {
    let text = button["text"].as_str().unwrap_or_default().to_owned();
    let action = ["callback_data", "url", "copy_text"]
        .iter()
        .find_map(|k| button[*k].as_str())
        .unwrap_or_default();
    (text, action.to_owned())
}

/// Builds the stored view of a bot message from its text and markup.
pub struct NewSent<'a> {
    pub chat_id: i64,
    pub text: &'a str,
    pub parse_mode: Option<&'a str>,
    pub reply_markup: Option<&'a Value>,
    pub media: Option<Media>,
    pub reply_to: Option<i32>,
    pub method: &'a str,
}

impl NewSent<'_> {
    pub fn build(self, message_id: i32, date: i64) -> SentMessage {
        SentMessage {
            chat_id: self.chat_id,
            message_id,
            text: html::visible_text(self.text, self.parse_mode),
            raw_text: self.text.to_owned(),
            parse_mode: self.parse_mode.map(str::to_owned),
            keyboard: keyboard_rows(self.reply_markup),
            reply_markup: self.reply_markup.cloned(),
            media: self.media,
            media_group_id: None,
            reply_to: self.reply_to,
            method: self.method.to_owned(),
            edits: 0,
            date,
        }
    }
}

/// Current Unix time, the `date` of new messages.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `{"ok":true,"result":..}` body.
pub fn ok(result: Value) -> Value {
    json!({ "ok": true, "result": result })
}
