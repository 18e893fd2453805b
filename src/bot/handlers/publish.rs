//! «Опубликовать от бота» (п.12 in seconds, issue 13): the approved answer goes under the
//! source post — a reply in a Telegram chat the bot reads, or a community comment on VK —
//! and the case is closed with the link. The only thing the bot ever posts into a group.

use teloxide::prelude::*;
use teloxide::types::{InputFile, MessageId, Recipient, ReplyParameters};

use crate::bot::callback::{Action, Seen};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::format::esc;
use crate::bot::reply::{button, edit, pressed_message, send, toast};
use crate::bot::who::Who;
use crate::domain::candidate::{ChatRef, PublishTarget};
use crate::domain::case::{AttachmentKind, CaseState};
use crate::domain::intake::channel_post_link;
use crate::domain::{CaseId, Role};
use crate::front::buttons::Button;
use crate::service::candidates::{
    publish_from_bot, target_for, Answer, Posted, Poster, PublishError,
};
use crate::storage::{CaseView, CommandMeta, StoreError};
use crate::t;
use crate::vk::VkClient;

/// The button beside «Без ссылки» when the bot can reach the post; curators only.
pub async fn offer(
    ctx: &BotCtx,
    who: &Who,
    view: &CaseView,
    seen: Seen,
) -> anyhow::Result<Option<Button>> {
    if !who.actor.has(Role::Curator) || view.case.state != CaseState::WithCurator {
        return Ok(None);
    }
    let target = reachable(ctx, view).await?;
    Ok(target.map(|_| {
        button(
            t!(who.lang, "pub-btn-bot"),
            Action::PublishFromBot(view.case.id, seen),
        )
    }))
}

async fn reachable(ctx: &BotCtx, view: &CaseView) -> Result<Option<PublishTarget>, StoreError> {
    let rules = &ctx.config.candidates;
    target_for(&ctx.store, rules, view, ctx.vk_group.is_some()).await
}

/// The press: every check is made again here, whatever the button said.
pub async fn on_press(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    case: CaseId,
    meta: CommandMeta,
) -> anyhow::Result<Option<StoreError>> {
    let view = match crate::bot::views::load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return Ok(Some(e)),
    };
    let Some(target) = reachable(ctx, &view).await? else {
        toast(bot, q, &t!(who.lang, "pub-unreachable"), true).await?;
        return Ok(None);
    };
    let poster = BotPoster {
        bot,
        vk: ctx.vk_group.as_ref(),
    };
    let number = view.case.number;
    let store_ctx = ctx.store_ctx();
    let result = publish_from_bot(
        &ctx.store,
        case,
        who.person.id,
        &target,
        &poster,
        meta,
        &store_ctx,
    )
    .await;
    let lang = who.lang;
    let done = match result {
        Ok(p) => p,
        Err(PublishError::Store(e)) => return Ok(Some(e)),
        Err(e) => {
            tracing::warn!(case = %case, error = %e, "publishing from the bot did not happen");
            let text = match e {
                PublishError::Unknown => t!(lang, "pub-unknown", number = number),
                _ => t!(lang, "pub-failed", number = number),
            };
            toast(bot, q, &text, true).await?;
            return Ok(None);
        }
    };
    ctx.wake();
    Dialog::clear(&ctx.store, chat_of(q)).await?;
    toast(bot, q, &t!(lang, "press-done"), false).await?;
    let mut text = t!(lang, "pub-done", number = number, link = esc(&done.url));
    if done.files_left > 0 {
        text = format!(
            "{text}\n{}",
            t!(lang, "pub-files-left", count = done.files_left)
        );
    }
    match pressed_message(q) {
        Some((chat, id)) => drop(edit(bot, chat, id, &text, None).await?),
        None => drop(send(bot, ChatId(chat_of(q)), &text, None).await?),
    }
    Ok(None)
}

fn chat_of(q: &CallbackQuery) -> i64 {
    pressed_message(q)
        .map(|(c, _)| c.0)
        .unwrap_or(q.from.id.0 as i64)
}

/// Posts through Telegram (as the bot) or VK (as the community, with its token).
struct BotPoster<'a> {
    bot: &'a Tg,
    vk: Option<&'a VkClient>,
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
                let id = vk
                    .wall_create_comment(*owner_id, *post_id, *comment, answer.text, answer.key)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(Posted {
                    url: format!("https://vk.com/wall{owner_id}_{post_id}?reply={id}"),
                    // Telegram file ids mean nothing to VK.
                    files_left: answer.attachments.len(),
                })
            }
        }
    }
}

impl BotPoster<'_> {
    /// The answer's text as a reply to the post, then its files as replies to the answer.
    /// Once the text is out the answer counts as published; a file that fails is reported.
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
        let mut files_left = 0;
        for file in answer.attachments {
            let input = InputFile::file_id(file.file_id.clone().into());
            let params = ReplyParameters::new(sent.id);
            let chat = sent.chat.id;
            let done = match file.kind {
                AttachmentKind::Photo => {
                    self.bot
                        .send_photo(chat, input)
                        .reply_parameters(params)
                        .await
                }
                AttachmentKind::Video => {
                    self.bot
                        .send_video(chat, input)
                        .reply_parameters(params)
                        .await
                }
                AttachmentKind::Document => {
                    self.bot
                        .send_document(chat, input)
                        .reply_parameters(params)
                        .await
                }
            };
            if let Err(e) = done {
                tracing::warn!(error = %e, "a file of a published answer was not sent");
                files_left += 1;
            }
        }
        Ok(Posted { url, files_left })
    }
}

/// The community client for publishing, when `OTKLIK_VK_GROUP_TOKEN` is set
/// (`OTKLIK_VK_API_URL` overrides `https://api.vk.com`).
pub fn vk_group_from_env() -> Option<VkClient> {
    let token = std::env::var("OTKLIK_VK_GROUP_TOKEN").ok()?;
    let base =
        std::env::var("OTKLIK_VK_API_URL").unwrap_or_else(|_| crate::vk::DEFAULT_BASE.into());
    match VkClient::new(&base, &token) {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::error!(error = %e, "the VK community client could not be built");
            None
        }
    }
}
