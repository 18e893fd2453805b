//! What the fake MAX remembers: the updates it hands out, the messages the bot sent (as
//! people see them now, after edits), answers to presses, uploads and spec violations.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::{json, Value};

/// A MAX account in tests.
#[derive(Debug, Clone)]
pub struct MaxUser {
    pub id: i64,
    pub first_name: String,
}

impl MaxUser {
    pub fn new(id: i64, first_name: &str) -> Self {
        Self {
            id,
            first_name: first_name.to_owned(),
        }
    }

    pub fn json(&self) -> Value {
        json!({"user_id": self.id, "name": self.first_name, "first_name": self.first_name,
            "username": null, "is_bot": false, "last_activity_time": 0})
    }

    /// The bot's dialog with this person (a different number from the user id, as in MAX).
    pub fn dialog(&self) -> i64 {
        self.id + 9_000_000_000
    }
}

/// A message the bot sent, as it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub mid: String,
    /// The person it went to (`user_id`), or the chat (`chat_id`).
    pub user: Option<i64>,
    pub chat: Option<i64>,
    pub text: String,
    /// Callback buttons: (text, payload), row by row flattened.
    pub buttons: Vec<(String, String)>,
    /// Tokens of file/image/video attachments.
    pub files: Vec<String>,
    pub edits: u32,
}

impl Sent {
    pub fn payload_of(&self, label_part: &str) -> Option<String> {
        self.buttons
            .iter()
            .find(|(t, _)| t.contains(label_part))
            .map(|(_, p)| p.clone())
    }
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: BTreeMap<String, String>,
    pub body: Option<Value>,
}

/// A scripted failure for `POST /messages` to one person.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<u64>,
}

#[derive(Debug, Default)]
pub struct State {
    pub updates: Vec<Value>,
    /// Updates before this index were acknowledged by a later marker.
    pub acked: usize,
    pub sent: Vec<Sent>,
    pub answers: Vec<(String, Option<Value>)>,
    pub requests: Vec<Request>,
    pub violations: Vec<String>,
    pub uploads: Vec<(String, usize)>,
    /// The bytes of each upload, by its token.
    pub upload_data: HashMap<String, Vec<u8>>,
    /// Files people sent, by token (served under `/files/`).
    pub files: HashMap<String, Vec<u8>>,
    /// Tokens of files people sent: the bot may send them again.
    pub received: Vec<String>,
    pub commands: Option<Value>,
    pub fail_sends: HashMap<i64, VecDeque<Failure>>,
    /// Callback ids handed out, with the message they pressed.
    pub callbacks: HashMap<String, String>,
    pub next_id: u64,
}

impl State {
    pub fn next(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn message_json(&self, s: &Sent) -> Value {
        let recipient = match (s.user, s.chat) {
            (Some(u), _) => {
                json!({"chat_id": u + 9_000_000_000, "chat_type": "dialog", "user_id": u, "post_id": null})
            }
            (None, c) => {
                json!({"chat_id": c, "chat_type": "chat", "user_id": null, "post_id": null})
            }
        };
        json!({
            "sender": {"user_id": super::BOT_ID, "name": "Отклик", "first_name": "Отклик",
                "username": super::BOT_USERNAME, "is_bot": true, "last_activity_time": 0},
            "recipient": recipient,
            "timestamp": 0,
            "body": {"mid": s.mid, "seq": 0, "text": s.text, "attachments": []},
        })
    }
}

/// Reads the text, callback buttons and file tokens of a `NewMessageBody`.
pub fn read_body(body: &Value) -> (String, Vec<(String, String)>, Vec<String>) {
    let text = body
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut buttons = Vec::new();
    let mut files = Vec::new();
    for a in body
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match a.get("type").and_then(Value::as_str) {
            Some("inline_keyboard") => {
                let rows = a.pointer("/payload/buttons").and_then(Value::as_array);
                for b in rows
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_array)
                    .flatten()
                {
                    let label = b.get("text").and_then(Value::as_str).unwrap_or_default();
                    let payload = b.get("payload").and_then(Value::as_str).unwrap_or_default();
                    buttons.push((label.to_owned(), payload.to_owned()));
                }
            }
            Some(_) => {
                if let Some(t) = a.pointer("/payload/token").and_then(Value::as_str) {
                    files.push(t.to_owned());
                }
            }
            None => {}
        }
    }
    (text, buttons, files)
}
