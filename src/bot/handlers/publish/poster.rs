//! Posting an approved answer as the bot: a Telegram reply with its files as replies to it,
//! or a VK community comment with the files uploaded to VK and attached. Once the text is
//! out the answer counts as published; a file that does not go is reported, not retried.

use futures::StreamExt;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{InputFile, MessageId, Recipient, ReplyParameters};

use crate::bot::ctx::Tg;
use crate::domain::candidate::{ChatRef, PublishTarget};
use crate::domain::case::{Attachment, AttachmentKind};
use crate::domain::intake::channel_post_link;
use crate::service::candidates::{Answer, FileLeft, Posted, Poster};
use crate::vk::VkClient;

/// The Bot API hands out files up to 20 MB; a bigger one is not fetched.
const MAX_DOWNLOAD: u32 = 20 * 1024 * 1024;

/// Posts through Telegram (as the bot) or VK (as the community, with its token).
pub struct BotPoster<'a> {
    pub bot: &'a Tg,
    pub vk: Option<&'a VkClient>,
}

impl Poster for BotPoster<'_> {
    async fn post(&self, target: &PublishTarget, answer: Answer<'_>) -> Result<Posted, String> {
        match target {
            PublishTarget::Telegram { chat, message_id } => {
                self.telegram(chat, *message_id, answer).await
            }
            PublishTarget::Vk {
                owner_id,
                post_id,
                comment,
            } => {
                let vk = self.vk.ok_or("no VK community token")?;
                let (attachments, files_left) = self.to_vk(vk, *owner_id, answer).await;
                let id = vk
                    .wall_create_comment(
                        (*owner_id, *post_id),
                        *comment,
                        answer.text,
                        &attachments,
                        answer.key,
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(Posted {
                    url: format!("https://vk.com/wall{owner_id}_{post_id}?reply={id}"),
                    files_left,
                })
            }
        }
    }
}

impl BotPoster<'_> {
    /// The answer's text as a reply to the post, then its files as replies to the answer.
    async fn telegram(
        &self,
        chat: &ChatRef,
        message_id: i64,
        answer: Answer<'_>,
    ) -> Result<Posted, String> {
        let to = |chat: &ChatRef| -> Recipient {
            match chat {
                ChatRef::Id(id) => ChatId(*id).into(),
                ChatRef::Username(u) => Recipient::ChannelUsername(format!("@{u}")),
            }
        };
        let reply_to = i32::try_from(message_id).map_err(|_| "message id out of range")?;
        let sent = self
            .bot
            .send_message(to(chat), answer.text)
            .reply_parameters(ReplyParameters::new(MessageId(reply_to)))
            .await
            .map_err(|e| e.to_string())?;
        let name = match chat {
            ChatRef::Username(u) => Some(u.as_str()),
            ChatRef::Id(_) => sent.chat.username(),
        };
        let url = channel_post_link(name, sent.chat.id.0, sent.id.0)
            .map(|l| l.as_str().to_owned())
            .unwrap_or_else(|| format!("https://t.me/c/{}/{}", sent.chat.id.0, sent.id.0));
        let mut files_left = Vec::new();
        for (i, file) in answer.attachments.iter().enumerate() {
            if let Err(e) = self.telegram_file(sent.chat.id, sent.id, file).await {
                tracing::warn!(error = %e, "a file of a published answer was not sent");
                files_left.push(left(i, file));
            }
        }
        Ok(Posted { url, files_left })
    }

    async fn telegram_file(
        &self,
        chat: ChatId,
        answer: MessageId,
        file: &Attachment,
    ) -> Result<(), teloxide::RequestError> {
        let input = InputFile::file_id(file.file_id.clone().into());
        let params = ReplyParameters::new(answer);
        match file.kind {
            AttachmentKind::Photo => {
                let req = self.bot.send_photo(chat, input);
                drop(req.reply_parameters(params).await?)
            }
            AttachmentKind::Video => {
                let req = self.bot.send_video(chat, input);
                drop(req.reply_parameters(params).await?)
            }
            AttachmentKind::Document => {
                let req = self.bot.send_document(chat, input);
                drop(req.reply_parameters(params).await?)
            }
        }
        Ok(())
    }

    /// The answer's files as VK attachment names, fetched from Telegram and uploaded to the
    /// community `owner_id`; the ones that did not make it are listed instead.
    async fn to_vk(
        &self,
        vk: &VkClient,
        owner_id: i64,
        answer: Answer<'_>,
    ) -> (Vec<String>, Vec<FileLeft>) {
        let group = owner_id.unsigned_abs();
        let mut names = Vec::new();
        let mut left_out = Vec::new();
        for (i, file) in answer.attachments.iter().enumerate() {
            match self.to_vk_file(vk, group, file).await {
                Ok(name) => names.push(name),
                Err(e) => {
                    tracing::warn!(error = %e, kind = ?file.kind, "a file of a published answer did not reach VK");
                    left_out.push(left(i, file));
                }
            }
        }
        (names, left_out)
    }

    async fn to_vk_file(
        &self,
        vk: &VkClient,
        group: u64,
        file: &Attachment,
    ) -> Result<String, String> {
        // VK takes videos through `video.save` and its own upload; not done yet, so a video
        // is left for the curator.
        if file.kind == AttachmentKind::Video {
            return Err("videos are not uploaded to VK".into());
        }
        let (name, bytes) = self.download(&file.file_id).await?;
        let done = match file.kind {
            AttachmentKind::Photo => vk.wall_photo(group, &name, bytes).await,
            _ => vk.wall_doc(group, &name, bytes).await,
        };
        done.map_err(|e| e.to_string())
    }

    /// A Telegram file's bytes and a file name for them (the last part of its path).
    async fn download(&self, file_id: &str) -> Result<(String, Vec<u8>), String> {
        let file = self
            .bot
            .get_file(file_id.to_owned().into())
            .await
            .map_err(|e| e.to_string())?;
        if file.meta.size > MAX_DOWNLOAD {
            return Err(format!(
                "{} bytes is over the download limit",
                file.meta.size
            ));
        }
        let mut bytes = Vec::new();
        let mut stream = self.bot.download_file_stream(&file.path);
        while let Some(chunk) = stream.next().await {
            // The file address holds the bot token: it never reaches an error text.
            let chunk = chunk.map_err(|e| e.without_url().to_string())?;
            if bytes.len() + chunk.len() > MAX_DOWNLOAD as usize {
                return Err("the file is over the download limit".into());
            }
            bytes.extend_from_slice(&chunk);
        }
        let name = file.path.rsplit('/').next().unwrap_or("file").to_owned();
        Ok((name, bytes))
    }
}

fn left(index: usize, file: &Attachment) -> FileLeft {
    FileLeft {
        position: index + 1,
        kind: file.kind,
    }
}
