//! The MAX Bot API's values as this bot sends and reads them (a subset of the reference in
//! `shared/maxapi/types`). Unknown fields are ignored and unknown kinds land in `Other`, so
//! a new MAX feature never breaks reading updates.

use serde::{Deserialize, Serialize};

/// A MAX account (`User` in the reference).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct User {
    pub user_id: i64,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub is_bot: bool,
}

impl User {
    /// First and last name as people see them.
    pub fn display_name(&self) -> String {
        match &self.last_name {
            Some(last) if !last.is_empty() => format!("{} {last}", self.first_name),
            _ => self.first_name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Recipient {
    #[serde(default)]
    pub chat_id: Option<i64>,
    #[serde(default)]
    pub chat_type: String,
    #[serde(default)]
    pub user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MediaPayload {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub token: Option<String>,
}

/// An attachment of a received message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Attachment {
    Image {
        payload: MediaPayload,
    },
    Video {
        payload: MediaPayload,
    },
    File {
        payload: MediaPayload,
        #[serde(default)]
        filename: Option<String>,
    },
    Share {
        #[serde(default)]
        payload: Option<MediaPayload>,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MessageBody {
    pub mid: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub attachments: Option<Vec<Attachment>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LinkedMessage {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub sender: Option<User>,
    pub message: MessageBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Message {
    #[serde(default)]
    pub sender: Option<User>,
    pub recipient: Recipient,
    #[serde(default)]
    pub timestamp: i64,
    pub body: MessageBody,
    #[serde(default)]
    pub link: Option<LinkedMessage>,
    /// The public link of a channel post.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Callback {
    pub callback_id: String,
    #[serde(default)]
    pub payload: Option<String>,
    pub user: User,
}

/// One update from `GET /updates`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "update_type", rename_all = "snake_case")]
pub enum Update {
    MessageCreated {
        message: Message,
    },
    MessageCallback {
        callback: Callback,
        #[serde(default)]
        message: Option<Message>,
    },
    BotStarted {
        chat_id: i64,
        user: User,
        #[serde(default)]
        payload: Option<String>,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UpdatesPage {
    pub updates: Vec<serde_json::Value>,
    #[serde(default)]
    pub marker: Option<i64>,
}

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BotInfo {
    pub user_id: i64,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub username: Option<String>,
}

/// A button of an inline keyboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Button {
    /// Pressing sends `payload` back as a `message_callback` update.
    Callback {
        text: String,
        payload: String,
    },
    Link {
        text: String,
        url: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Keyboard {
    pub buttons: Vec<Vec<Button>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenPayload {
    pub token: String,
}

/// An attachment of an outgoing message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AttachmentRequest {
    InlineKeyboard { payload: Keyboard },
    Image { payload: TokenPayload },
    Video { payload: TokenPayload },
    File { payload: TokenPayload },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextFormat {
    Html,
    Markdown,
}

/// The body of `POST /messages` and `PUT /messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct NewMessage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Always sent on edits: an empty list removes a keyboard the old message had.
    pub attachments: Vec<AttachmentRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<TextFormat>,
}

impl NewMessage {
    pub fn html(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            attachments: Vec::new(),
            format: Some(TextFormat::Html),
        }
    }

    pub fn with_keyboard(mut self, rows: Vec<Vec<Button>>) -> Self {
        if !rows.is_empty() {
            self.attachments.push(AttachmentRequest::InlineKeyboard {
                payload: Keyboard { buttons: rows },
            });
        }
        self
    }

    pub fn attachment(a: AttachmentRequest) -> Self {
        Self {
            text: None,
            attachments: vec![a],
            format: None,
        }
    }
}

/// Where a message goes: a person's dialog with the bot, or a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    User(i64),
    Chat(i64),
}

/// `POST /uploads?type=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadType {
    Image,
    Video,
    File,
}

impl UploadType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::File => "file",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BotCommand {
    pub name: String,
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_of_unknown_kinds_and_attachments_still_read() {
        let v = serde_json::json!({
            "update_type": "message_created", "timestamp": 1,
            "message": {"recipient": {"chat_id": 5, "chat_type": "dialog", "user_id": null},
                "timestamp": 1, "sender": {"user_id": 7, "first_name": "Анна", "name": "Анна",
                "username": null, "is_bot": false, "last_activity_time": 1},
                "body": {"mid": "m1", "seq": 1, "text": "hi",
                    "attachments": [{"type": "sticker", "payload": {"url": "u", "code": "c"}}]}}
        });
        let u: Update = serde_json::from_value(v).expect("reads");
        let Update::MessageCreated { message } = u else {
            panic!("not a message")
        };
        assert_eq!(message.body.attachments, Some(vec![Attachment::Other]));
        let u: Update = serde_json::from_value(serde_json::json!({"update_type": "dialog_muted"}))
            .expect("reads");
        assert_eq!(u, Update::Other);
    }

    #[test]
    fn a_keyboard_serializes_as_the_reference_says() {
        let m = NewMessage::html("x").with_keyboard(vec![vec![Button::Callback {
            text: "Принять".into(),
            payload: "c:1".into(),
        }]]);
        let v = serde_json::to_value(&m).expect("serializes");
        assert_eq!(
            v,
            serde_json::json!({"text": "x", "format": "html", "attachments": [
                {"type": "inline_keyboard", "payload": {"buttons": [[
                    {"type": "callback", "text": "Принять", "payload": "c:1"}]]}}]})
        );
    }
}
