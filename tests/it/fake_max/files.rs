//! Files people send in MAX: message attachments carrying a token (to send the file again)
//! and the address MAX serves it at (this fake, under `/files/`), checked against the
//! reference like every update.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::{FakeMax, Inner, MaxUser};

/// A file as a person attaches it: `kind` is the reference's `image`, `video` or `file`.
#[derive(Debug, Clone)]
pub struct InFile {
    pub kind: &'static str,
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

impl InFile {
    pub fn new(kind: &'static str, name: &'static str, bytes: &[u8]) -> Self {
        Self {
            kind,
            name,
            bytes: bytes.to_vec(),
        }
    }
}

impl FakeMax {
    /// The person writes `text` with these files attached; returns their tokens.
    pub fn push_files(&self, user: &MaxUser, text: &str, files: &[InFile]) -> Vec<String> {
        let (n, attachments, tokens) = {
            let mut st = self.inner.state();
            let n = st.next();
            let mut attachments = Vec::new();
            let mut tokens = Vec::new();
            for (i, f) in files.iter().enumerate() {
                let token = format!("in-{}-{n}-{i}", f.kind);
                let url = format!("{}/files/{token}", self.url());
                st.files.insert(token.clone(), f.bytes.clone());
                st.received.push(token.clone());
                attachments.push(attachment(f, &token, &url, n));
                tokens.push(token);
            }
            (n, attachments, tokens)
        };
        self.push(json!({"update_type": "message_created", "timestamp": n,
            "message": {"sender": user.json(), "timestamp": n,
                "recipient": {"chat_id": user.dialog(), "chat_type": "dialog", "user_id": null, "post_id": null},
                "body": {"mid": format!("in.{n}"), "seq": n, "text": text,
                    "attachments": attachments}}}));
        tokens
    }

    /// The file under `token` can no longer be downloaded (MAX answers 404).
    pub fn lose_file(&self, token: &str) {
        self.inner.state().files.remove(token);
    }

    /// Bytes uploaded under an upload token (`tok-…`).
    pub fn uploaded_bytes(&self, token: &str) -> Option<Vec<u8>> {
        self.inner.state().upload_data.get(token).cloned()
    }
}

fn attachment(f: &InFile, token: &str, url: &str, n: u64) -> Value {
    match f.kind {
        "image" => json!({"type": "image", "payload": {"url": url, "token": token, "photo_id": n}}),
        "video" => json!({"type": "video", "payload": {"url": url, "token": token}}),
        _ => json!({"type": "file", "payload": {"url": url, "token": token},
            "filename": f.name, "size": f.bytes.len()}),
    }
}

/// `GET /files/<token>`: the file's bytes, as MAX's file servers give them.
pub fn download(inner: &Inner, token: &str) -> Response {
    match inner.state().files.get(token) {
        Some(bytes) => bytes.clone().into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
