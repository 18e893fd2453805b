//! п.16 across messengers: a file received in one messenger reaches a person in the other
//! by its bytes. Telegram gives bots files of at most 20 MB and takes uploads of at most
//! 50 MB (photos 10 MB); a file that cannot be carried becomes a short line saying so,
//! rather than a notice retried forever.

use std::time::Duration;

use futures::future::BoxFuture;
use futures::StreamExt;

use crate::domain::case::{Attachment, AttachmentKind};
use crate::domain::messenger::Messenger;
use crate::i18n::Lang;
use crate::t;

/// The largest file a Telegram bot may download (Bot API, getFile).
pub const TELEGRAM_DOWNLOAD_MAX: u64 = 20 * 1024 * 1024;
/// The largest photo a Telegram bot may upload as a photo.
pub const TELEGRAM_PHOTO_MAX: usize = 10 * 1024 * 1024;
/// The largest file a Telegram bot may upload.
pub const TELEGRAM_UPLOAD_MAX: usize = 50 * 1024 * 1024;
/// Failed fetches of a file are retried with the notice this many times, then given up.
pub const FETCH_ATTEMPTS: u32 = 3;

/// A file's bytes and the name to send them under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why a file's bytes could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Over what the messenger lets a bot download or upload.
    #[error("the file is too large to carry")]
    TooLarge,
    /// The messenger refused it (gone, unknown id): retrying cannot help.
    #[error("the file is unavailable: {0}")]
    Unavailable(String),
    /// A network or server failure: a later attempt may succeed.
    #[error("fetching the file failed: {0}")]
    Transient(String),
}

impl FetchError {
    /// Whether to stop trying and send the line instead, on the row's `attempts`-th try.
    pub fn gives_up(&self, attempts: u32) -> bool {
        !matches!(self, Self::Transient(_)) || attempts >= FETCH_ATTEMPTS
    }
}

/// Fetches the bytes of files received in one messenger (the adapter that knows its API).
pub trait FileSource: Send + Sync {
    fn fetch<'a>(&'a self, file: &'a Attachment) -> BoxFuture<'a, Result<Fetched, FetchError>>;
}

/// The name a file goes under when its messenger told none.
pub fn file_name(file: &Attachment) -> String {
    if let Some(name) = file.name.as_deref().filter(|n| !n.trim().is_empty()) {
        return name.to_owned();
    }
    match file.kind {
        AttachmentKind::Photo => "photo.jpg".into(),
        AttachmentKind::Video => "video.mp4".into(),
        AttachmentKind::Document => "document".into(),
    }
}

/// How large a file received elsewhere may be to reach Telegram.
pub fn telegram_limit(kind: AttachmentKind) -> usize {
    match kind {
        AttachmentKind::Photo => TELEGRAM_PHOTO_MAX,
        _ => TELEGRAM_UPLOAD_MAX,
    }
}

/// Downloads a file a messenger serves at `url`, at most `limit` bytes.
pub async fn download(url: &str, limit: usize) -> Result<Vec<u8>, FetchError> {
    static HTTP: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    let http = HTTP.get_or_init(|| {
        reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap_or_default()
    });
    // Errors go without the URL: a file address may carry a key.
    let failed = |e: reqwest::Error| FetchError::Transient(e.without_url().to_string());
    let resp = http.get(url).send().await.map_err(failed)?;
    let status = resp.status();
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(FetchError::Transient(format!("status {status}")));
    }
    if !status.is_success() {
        return Err(FetchError::Unavailable(format!("status {status}")));
    }
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(FetchError::TooLarge);
    }
    let mut bytes = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(failed)?;
        if bytes.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// The line that stands for a file which could not be carried from `from`.
pub fn not_carried(kind: AttachmentKind, from: Messenger, e: &FetchError, lang: Lang) -> String {
    let kind = match kind {
        AttachmentKind::Photo => t!(lang, "file-kind-photo"),
        AttachmentKind::Video => t!(lang, "file-kind-video"),
        AttachmentKind::Document => t!(lang, "file-kind-document"),
    };
    let messenger = crate::front::cards::network_name(from.as_str(), lang);
    match e {
        FetchError::TooLarge => t!(lang, "file-too-large", kind = kind, messenger = messenger),
        _ => t!(lang, "file-not-carried", kind = kind, messenger = messenger),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_passing_trouble_is_retried_and_not_for_ever() {
        let passing = FetchError::Transient("reset".into());
        assert!(!passing.gives_up(1));
        assert!(passing.gives_up(FETCH_ATTEMPTS));
        assert!(FetchError::TooLarge.gives_up(1));
        assert!(FetchError::Unavailable("gone".into()).gives_up(1));
    }

    #[test]
    fn files_without_a_name_get_one_by_kind() {
        let mut f = Attachment::telegram(AttachmentKind::Video, "v");
        assert_eq!(file_name(&f), "video.mp4");
        f.name = Some("акт.pdf".into());
        assert_eq!(file_name(&f), "акт.pdf");
    }
}
