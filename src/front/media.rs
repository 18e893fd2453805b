//! п.16: the files of a draft or a contribution as the messages that carry them. Several
//! go as albums (Telegram's sendMediaGroup allows 2–10 items, photos and videos
//! together, documents only with documents); a file left alone goes as itself. MAX sends an album's
//! files one by one.

use crate::domain::case::{Attachment, AttachmentKind};
use crate::front::notices::Outgoing;

/// The most items one album may carry (Bot API, sendMediaGroup).
pub const ALBUM_MAX: usize = 10;

/// Photos and videos first, then documents, each in albums of at most [`ALBUM_MAX`].
pub fn outgoing(files: &[Attachment]) -> Vec<Outgoing> {
    let (visual, documents): (Vec<&Attachment>, Vec<&Attachment>) = files
        .iter()
        .partition(|a| a.kind != AttachmentKind::Document);
    let mut out = Vec::new();
    for kind in [visual, documents] {
        for chunk in kind.chunks(ALBUM_MAX) {
            out.push(match chunk {
                [one] => Outgoing::File {
                    file: (*one).clone(),
                },
                many => Outgoing::Album {
                    files: many.iter().map(|a| (*a).clone()).collect(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(kind: AttachmentKind, n: usize) -> Attachment {
        Attachment::telegram(kind, format!("f{n}"))
    }

    /// (album sizes or 0 for a single file) of the messages.
    fn shape(out: &[Outgoing]) -> Vec<usize> {
        out.iter()
            .map(|o| match o {
                Outgoing::Album { files } => files.len(),
                _ => 0,
            })
            .collect()
    }

    #[test]
    fn p16_photos_and_videos_go_together_documents_apart() {
        use AttachmentKind::*;
        let files = [
            file(Photo, 1),
            file(Document, 2),
            file(Video, 3),
            file(Document, 4),
        ];
        let out = outgoing(&files);
        assert_eq!(shape(&out), [2, 2]);
        let Outgoing::Album { files } = &out[1] else {
            panic!("an album of documents")
        };
        assert!(files.iter().all(|f| f.kind == Document));
    }

    #[test]
    fn p16_a_single_file_goes_alone_and_albums_hold_ten_at_most() {
        use AttachmentKind::*;
        assert_eq!(shape(&outgoing(&[file(Photo, 1)])), [0]);
        let many: Vec<_> = (0..12).map(|n| file(Photo, n)).collect();
        assert_eq!(shape(&outgoing(&many)), [10, 2]);
        let eleven: Vec<_> = (0..11).map(|n| file(Video, n)).collect();
        assert_eq!(shape(&outgoing(&eleven)), [10, 0]);
        assert!(outgoing(&[]).is_empty());
    }
}
