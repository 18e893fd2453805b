//! The fake's upload flow, as VK documents it: `photos.getWallUploadServer` /
//! `docs.getWallUploadServer` (`group_id`) hand out an upload address; the file is posted
//! there as a multipart form (field `photo` or `file`); `photos.saveWallPhoto` (`group_id`,
//! `photo`, `server`, `hash`) and `docs.save` (`file`, `title`) turn what the upload server
//! answered into a photo or document; only saved ones may be attached to a comment.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use serde_json::{json, Value};

use super::{error, Inner};
use crate::fake_telegram::multipart;

/// The upload server's number, as VK's answer carries it back to `saveWallPhoto`.
const SERVER: i64 = 856_312;

#[derive(Default)]
pub struct Uploads {
    /// (field, file name, bytes) of every file received.
    pub received: Vec<(String, String, Vec<u8>)>,
    /// Uploads still to refuse.
    pub refuse: usize,
    next: i64,
    /// What an upload answered, waiting to be saved: token → community.
    pending: HashMap<String, i64>,
    /// Attachment names of saved photos and documents (`photo-555_1`).
    saved: HashSet<String>,
}

/// `*.getWallUploadServer`: an address under this fake, naming the community.
pub fn server(base: &str, method: &str, params: &HashMap<String, String>) -> Value {
    let Some(group) = group_id(params) else {
        return error(
            100,
            "One of the parameters specified was missing or invalid: group_id",
        );
    };
    let kind = if method.starts_with("photos.") {
        "photo"
    } else {
        "doc"
    };
    let upload_url = format!("{base}/upload/{kind}?gid={group}&hash=fake");
    match kind {
        "photo" => json!({"response": {"upload_url": upload_url, "album_id": -14, "user_id": 0}}),
        _ => json!({"response": {"upload_url": upload_url}}),
    }
}

/// The upload server: one file in the field VK expects for its kind.
pub async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(kind): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Json<Value> {
    let field = if kind == "photo" { "photo" } else { "file" };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parts = multipart::boundary(content_type)
        .ok_or_else(|| "not a multipart form".to_owned())
        .and_then(|b| multipart::parse(&body, &b));
    let file = match parts {
        Ok(parts) => parts
            .into_iter()
            .find(|p| p.name == field && p.file_name.is_some()),
        Err(_) => None,
    };
    let Some(file) = file else {
        return Json(json!({"error": format!("no file in the `{field}` field")}));
    };
    let mut state = inner.lock().unwrap();
    let uploads = &mut state.uploads;
    let name = file.file_name.clone().unwrap_or_default();
    uploads.received.push((field.to_owned(), name, file.data));
    if uploads.refuse > 0 {
        uploads.refuse -= 1;
        return Json(json!({"error": "ERR_UPLOAD_FILE_NOT_UPLOADED"}));
    }
    let group = query.get("gid").and_then(|g| g.parse().ok()).unwrap_or(0);
    uploads.next += 1;
    let token = format!("{kind}-{}", uploads.next);
    uploads.pending.insert(token.clone(), group);
    Json(match kind.as_str() {
        "photo" => json!({"server": SERVER, "photo": token, "hash": hash(&token)}),
        _ => json!({"file": token}),
    })
}

/// `photos.saveWallPhoto`: the upload's `photo`, `server` and `hash`, for the same community.
pub fn save_wall_photo(uploads: &mut Uploads, params: &HashMap<String, String>) -> Value {
    let (Some(group), Some(photo)) = (group_id(params), params.get("photo")) else {
        return error(
            100,
            "One of the parameters specified was missing or invalid",
        );
    };
    let server = params.get("server").and_then(|s| s.parse::<i64>().ok());
    if server != Some(SERVER) {
        return error(118, "Invalid server");
    }
    if params.get("hash") != Some(&hash(photo)) {
        return error(121, "Invalid hash");
    }
    if uploads.pending.remove(photo) != Some(group) {
        return error(129, "Invalid photo");
    }
    let id = 4000 + uploads.next;
    uploads.saved.insert(format!("photo-{group}_{id}"));
    json!({"response": [{"id": id, "owner_id": -group, "album_id": -14, "date": 0, "sizes": []}]})
}

/// `docs.save`: the upload's `file`, with an optional `title`.
pub fn save_doc(uploads: &mut Uploads, params: &HashMap<String, String>) -> Value {
    let Some(group) = params.get("file").and_then(|f| uploads.pending.remove(f)) else {
        return error(1152, "Invalid document title or file");
    };
    let id = 7000 + uploads.next;
    uploads.saved.insert(format!("doc-{group}_{id}"));
    let title = params.get("title").cloned().unwrap_or_default();
    json!({"response": {"type": "doc", "doc": {"id": id, "owner_id": -group, "title": title}}})
}

/// The first name in a comment's `attachments` that was never saved here, if any.
pub fn unknown_attachment(uploads: &Uploads, list: &str) -> Option<String> {
    list.split(',')
        .find(|a| !uploads.saved.contains(*a))
        .map(str::to_owned)
}

fn group_id(params: &HashMap<String, String>) -> Option<i64> {
    params
        .get("group_id")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g > 0)
}

fn hash(token: &str) -> String {
    format!("h-{token}")
}
