//! п.16: an album (grouped in `crate::front::media`) as Telegram's media items.

use teloxide::types::{
    InputFile, InputMedia, InputMediaDocument, InputMediaPhoto, InputMediaVideo,
};

use crate::domain::case::{Attachment, AttachmentKind};

/// An album's files as Telegram's media items, by the file ids they came with.
pub fn input_media(files: &[Attachment]) -> Vec<InputMedia> {
    files
        .iter()
        .map(|a| {
            let file = InputFile::file_id(a.file_id.clone().into());
            match a.kind {
                AttachmentKind::Photo => InputMedia::Photo(InputMediaPhoto::new(file)),
                AttachmentKind::Video => InputMedia::Video(InputMediaVideo::new(file)),
                AttachmentKind::Document => InputMedia::Document(InputMediaDocument::new(file)),
            }
        })
        .collect()
}
