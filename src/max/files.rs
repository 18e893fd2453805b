//! п.16 in MAX: files people attach to their replies, and files of drafts and
//! contributions sent to people in MAX. A file received in MAX goes again by its token; a
//! file received in Telegram is fetched from Telegram and uploaded; one that cannot be
//! carried becomes a line saying so.

use std::sync::Arc;

use super::client::{
    Attachment as MaxAttachment, AttachmentRequest, MaxClient, MaxError, To, TokenPayload,
    UploadType,
};
use crate::domain::case::{Attachment, AttachmentKind};
use crate::domain::messenger::Messenger;
use crate::front::notices::Outgoing;
use crate::front::transfer::{self, FetchError, FileSource};
use crate::i18n::Lang;

/// The photos, videos and files of a received message (other attachments are not files
/// of an answer: stickers, contacts, locations).
pub fn received(attachments: &[MaxAttachment]) -> Vec<Attachment> {
    attachments
        .iter()
        .filter_map(|a| {
            let (kind, payload, name) = match a {
                MaxAttachment::Image { payload } => (AttachmentKind::Photo, payload, None),
                MaxAttachment::Video { payload } => (AttachmentKind::Video, payload, None),
                MaxAttachment::File { payload, filename } => {
                    (AttachmentKind::Document, payload, filename.clone())
                }
                MaxAttachment::Share { .. } | MaxAttachment::Other => return None,
            };
            let token = payload.token.clone()?;
            let url = payload.url.clone().unwrap_or_default();
            Some(Attachment::max(kind, token, url, name))
        })
        .collect()
}

/// MAX sends an album's files one by one: each becomes a part of its own, so a retried
/// row resumes after the last file that went.
pub fn one_by_one(parts: Vec<Outgoing>) -> Vec<Outgoing> {
    parts
        .into_iter()
        .flat_map(|p| match p {
            Outgoing::Album { files } => files
                .into_iter()
                .map(|file| Outgoing::File { file })
                .collect(),
            other => vec![other],
        })
        .collect()
}

fn upload_type(kind: AttachmentKind) -> UploadType {
    match kind {
        AttachmentKind::Photo => UploadType::Image,
        AttachmentKind::Video => UploadType::Video,
        AttachmentKind::Document => UploadType::File,
    }
}

/// The attachment that sends a file MAX already has, by its token.
fn by_token(file: &Attachment) -> AttachmentRequest {
    let payload = TokenPayload {
        token: file.file_id.clone(),
    };
    match file.kind {
        AttachmentKind::Photo => AttachmentRequest::Image { payload },
        AttachmentKind::Video => AttachmentRequest::Video { payload },
        AttachmentKind::Document => AttachmentRequest::File { payload },
    }
}

/// Sends one file of a notice to a person in MAX. Returns the line to send instead when
/// the file cannot be carried (`attempts`: the row's delivery attempts, this one included).
pub async fn send(
    client: &MaxClient,
    telegram: Option<&Arc<dyn FileSource>>,
    to: To,
    file: &Attachment,
    (attempts, lang): (u32, Lang),
) -> Result<Option<String>, MaxError> {
    let attachment = match file.origin {
        Messenger::Max => by_token(file),
        Messenger::Telegram => {
            let fetched = match telegram {
                Some(source) => source.fetch(file).await,
                None => Err(FetchError::Unavailable("no Telegram bot here".into())),
            };
            match fetched {
                Ok(f) => {
                    client
                        .upload(upload_type(file.kind), &f.name, f.bytes)
                        .await?
                }
                Err(e) if e.gives_up(attempts) => {
                    tracing::warn!(error = %e, kind = ?file.kind, "a file was not carried to MAX");
                    let line = transfer::not_carried(file.kind, file.origin, &e, lang);
                    return Ok(Some(line));
                }
                Err(e) => return Err(MaxError::Network(e.to_string())),
            }
        }
    };
    client.send_attachment(to, attachment).await?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::max::client::MediaPayload;

    fn payload(token: &str) -> MediaPayload {
        MediaPayload {
            url: Some(format!("https://files.max.ru/{token}")),
            token: Some(token.into()),
        }
    }

    #[test]
    fn p16_photos_videos_and_files_are_taken_and_nothing_else() {
        let got = received(&[
            MaxAttachment::Image {
                payload: payload("i"),
            },
            MaxAttachment::Other,
            MaxAttachment::File {
                payload: payload("f"),
                filename: Some("акт.pdf".into()),
            },
            MaxAttachment::Video {
                payload: MediaPayload {
                    url: None,
                    token: None,
                },
            },
        ]);
        let kinds: Vec<_> = got.iter().map(|a| (a.kind, a.file_id.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (AttachmentKind::Photo, "i"),
                (AttachmentKind::Document, "f")
            ]
        );
        assert!(got.iter().all(|a| a.origin == Messenger::Max));
        assert_eq!(got[1].name.as_deref(), Some("акт.pdf"));
    }

    #[test]
    fn p16_an_album_becomes_one_part_per_file_in_max() {
        let photo = |n: &str| Attachment::telegram(AttachmentKind::Photo, n);
        let parts = one_by_one(vec![
            Outgoing::Text {
                html: "card".into(),
                keyboard: None,
            },
            Outgoing::Album {
                files: vec![photo("a"), photo("b")],
            },
        ]);
        assert_eq!(parts.len(), 3);
        assert!(matches!(&parts[2], Outgoing::File { file } if file.file_id == "b"));
    }
}
