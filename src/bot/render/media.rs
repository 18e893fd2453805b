//! п.16: the files of a draft or a contribution as Telegram sends them. Files received in
//! Telegram go by their file ids; files received in MAX by their bytes, downloaded from
//! MAX and uploaded. [`TelegramFiles`] is the other way: Telegram files for MAX.

use futures::future::BoxFuture;
use futures::StreamExt;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    InputFile, InputMedia, InputMediaDocument, InputMediaPhoto, InputMediaVideo,
};

use crate::bot::ctx::Tg;
use crate::domain::case::{Attachment, AttachmentKind};
use crate::domain::messenger::Messenger;
use crate::front::transfer::{self, FetchError, Fetched, FileSource};
use crate::i18n::Lang;

/// The file to send for `file`: its file id, or the bytes of a file received in MAX.
pub async fn input_file(file: &Attachment) -> Result<InputFile, FetchError> {
    match (file.origin, file.url.as_deref()) {
        (Messenger::Telegram, _) => Ok(InputFile::file_id(file.file_id.clone().into())),
        (Messenger::Max, Some(url)) => {
            let bytes = transfer::download(url, transfer::telegram_limit(file.kind)).await?;
            Ok(InputFile::memory(bytes).file_name(transfer::file_name(file)))
        }
        (Messenger::Max, None) => Err(FetchError::Unavailable("no address".into())),
    }
}

/// What can be sent of `files`: (kind, file) of the ones carried, and a line for each one
/// given up on. A passing failure while the row may still be retried is returned instead.
pub async fn carried(
    files: &[Attachment],
    attempts: u32,
    lang: Lang,
) -> Result<(Vec<(AttachmentKind, InputFile)>, Vec<String>), FetchError> {
    let mut sent = Vec::new();
    let mut lines = Vec::new();
    for file in files {
        match input_file(file).await {
            Ok(input) => sent.push((file.kind, input)),
            Err(e) if e.gives_up(attempts) => {
                tracing::warn!(error = %e, kind = ?file.kind, "a file was not carried to Telegram");
                lines.push(transfer::not_carried(file.kind, file.origin, &e, lang));
            }
            Err(e) => return Err(e),
        }
    }
    Ok((sent, lines))
}

/// An album's files as Telegram's media items, the caption on the first.
pub fn input_media(files: Vec<(AttachmentKind, InputFile)>, caption: &str) -> Vec<InputMedia> {
    files
        .into_iter()
        .enumerate()
        .map(|(i, (kind, file))| {
            let text = (i == 0 && !caption.is_empty()).then(|| caption.to_owned());
            match kind {
                AttachmentKind::Photo => {
                    let m = InputMediaPhoto::new(file);
                    InputMedia::Photo(match text {
                        Some(t) => m.caption(t),
                        None => m,
                    })
                }
                AttachmentKind::Video => {
                    let m = InputMediaVideo::new(file);
                    InputMedia::Video(match text {
                        Some(t) => m.caption(t),
                        None => m,
                    })
                }
                AttachmentKind::Document => {
                    let m = InputMediaDocument::new(file);
                    InputMedia::Document(match text {
                        Some(t) => m.caption(t),
                        None => m,
                    })
                }
            }
        })
        .collect()
}

/// Sends one file, with an optional caption.
pub async fn send_one(
    bot: &Tg,
    chat: ChatId,
    (kind, file): (AttachmentKind, InputFile),
    caption: &str,
) -> Result<(), teloxide::RequestError> {
    let caption = (!caption.is_empty()).then(|| caption.to_owned());
    match kind {
        AttachmentKind::Photo => {
            let req = bot.send_photo(chat, file);
            drop(match caption {
                Some(c) => req.caption(c).await?,
                None => req.await?,
            })
        }
        AttachmentKind::Video => {
            let req = bot.send_video(chat, file);
            drop(match caption {
                Some(c) => req.caption(c).await?,
                None => req.await?,
            })
        }
        AttachmentKind::Document => {
            let req = bot.send_document(chat, file);
            drop(match caption {
                Some(c) => req.caption(c).await?,
                None => req.await?,
            })
        }
    }
    Ok(())
}

/// Telegram files for the other messenger: `getFile`, then the download, within the Bot
/// API's 20 MB.
#[derive(Clone)]
pub struct TelegramFiles {
    bot: Tg,
}

impl TelegramFiles {
    pub fn new(bot: Tg) -> Self {
        Self { bot }
    }

    async fn get(&self, file: &Attachment) -> Result<Fetched, FetchError> {
        let found = self
            .bot
            .get_file(file.file_id.clone().into())
            .await
            .map_err(|e| match e {
                teloxide::RequestError::Api(api) if api.to_string().contains("too big") => {
                    FetchError::TooLarge
                }
                teloxide::RequestError::Api(api) => FetchError::Unavailable(api.to_string()),
                other => FetchError::Transient(other.to_string()),
            })?;
        if u64::from(found.meta.size) > transfer::TELEGRAM_DOWNLOAD_MAX {
            return Err(FetchError::TooLarge);
        }
        let limit = transfer::TELEGRAM_DOWNLOAD_MAX as usize;
        let mut bytes = Vec::new();
        let mut stream = self.bot.download_file_stream(&found.path);
        while let Some(chunk) = stream.next().await {
            // The file address holds the bot token: it never reaches an error text.
            let chunk = chunk.map_err(|e| FetchError::Transient(e.without_url().to_string()))?;
            if bytes.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        let name = match &file.name {
            Some(n) => n.clone(),
            None => found.path.rsplit('/').next().unwrap_or("file").to_owned(),
        };
        Ok(Fetched { name, bytes })
    }
}

impl FileSource for TelegramFiles {
    fn fetch<'a>(&'a self, file: &'a Attachment) -> BoxFuture<'a, Result<Fetched, FetchError>> {
        Box::pin(self.get(file))
    }
}
