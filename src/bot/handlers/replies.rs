//! Texts the bot asked for: a return reason, a comment, a draft with its files, a
//! contribution, the link to a published answer.

use teloxide::prelude::*;
use teloxide::types::{MediaKind, MessageKind};

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{Dialog, Problem};
use crate::bot::guard::Failure;
use crate::bot::refusal;
use crate::bot::reply::send;
use crate::bot::views::{names_for, offers_publish_from_bot, render_card};
use crate::bot::who::Who;
use crate::domain::case::{Attachment, AttachmentKind};
use crate::service::cases;
use crate::t;

/// What a message is, as far as dialogs go.
// Held only between the lookup and the endpoint, like `Dialog` itself.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Awaited {
    Reply(Dialog),
    /// The dialog could not be read: the message fails rather than becoming a new intake.
    Unknowable(Failure),
}

impl Awaited {
    pub fn reply(self) -> Option<Dialog> {
        match self {
            Awaited::Reply(d) => Some(d),
            Awaited::Unknowable(_) => None,
        }
    }

    pub fn failure(self) -> Option<Failure> {
        match self {
            Awaited::Unknowable(f) => Some(f),
            Awaited::Reply(_) => None,
        }
    }
}

/// The reply the chat owes, if any (the intake wizard works with buttons, not replies).
pub async fn awaited(msg: Message, ctx: BotCtx) -> Option<Awaited> {
    match Dialog::load(&ctx.store, msg.chat.id.0).await {
        Ok(Some(Dialog::Intake(_))) | Ok(None) => None,
        Ok(Some(d)) => Some(Awaited::Reply(d)),
        Err(e) => Some(Awaited::Unknowable(Failure::new(
            anyhow::Error::new(e).context("loading the chat's dialog failed"),
        ))),
    }
}

pub async fn on_reply(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    dialog: Dialog,
    update: Update,
) -> anyhow::Result<()> {
    // п.16: an album's items come one update each; they are gathered, then answered once.
    if dialog.takes_files() && crate::bot::album::group_of(&msg).is_some() {
        return crate::bot::album::collect(bot, ctx, who, msg, i64::from(update.id.0)).await;
    }
    let mut text = msg.text().or(msg.caption()).unwrap_or_default().to_owned();
    if let Dialog::Deficiency { unit, case } = dialog {
        let (bot, ctx, update) = (&bot, &ctx, i64::from(update.id.0));
        let about = (unit, case);
        return crate::bot::deficiency::on_text(bot, ctx, &who, msg.chat.id, about, text, update)
            .await;
    }
    let mut files = attachments(&msg);
    // A message after an album completes it: the album's files, and its text if it had none.
    let dialog = match dialog {
        Dialog::Album {
            reply,
            text: caption,
            files: mut gathered,
            ..
        } => {
            if !caption.trim().is_empty() {
                text = caption;
            }
            gathered.append(&mut files);
            files = gathered;
            *reply
        }
        other => other,
    };
    let reply = Reply {
        chat: msg.chat.id,
        text,
        files,
        update: i64::from(update.id.0),
    };
    answer(&bot, &ctx, &who, dialog, reply).await
}

/// A typed reply: its text, files and the update it came with (the first, for an album).
pub struct Reply {
    pub chat: ChatId,
    pub text: String,
    pub files: Vec<Attachment>,
    pub update: i64,
}

/// Completes `dialog` with `reply`: runs its command and shows the card, or says what is
/// missing and keeps waiting.
pub async fn answer(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    dialog: Dialog,
    reply: Reply,
) -> anyhow::Result<()> {
    let Reply {
        chat,
        text,
        files,
        update,
    } = reply;
    // A photo without a caption is not an answer: ask for the text, keep waiting.
    if matches!(dialog, Dialog::Draft { .. }) && text.trim().is_empty() {
        let ask = if files.is_empty() {
            t!(who.lang, "refused-empty")
        } else {
            t!(who.lang, "draft-needs-text")
        };
        send(bot, chat, &ask, None).await?;
        return Ok(());
    }
    let (case, cmd) = match dialog.command(text, files) {
        Ok(pair) => pair,
        Err(key) => {
            send(bot, chat, &key_text(key, who), None).await?;
            return Ok(());
        }
    };
    let meta = ctx.meta(update).seeing(dialog.seen(), None);
    match cases::execute_as(&ctx.store, case, &who.actor, &cmd, meta, &ctx.store_ctx()).await {
        Ok(view) => {
            Dialog::clear(&ctx.store, chat.0).await?;
            let names = names_for(ctx, who).await?;
            let card = render_card(ctx, &view, &names, who);
            let from_bot = offers_publish_from_bot(ctx, &who.actor, &view).await;
            let kb =
                crate::bot::keyboards::for_viewer(&view, &who.actor, ctx.now(), who.lang, from_bot);
            let done = format!("{}\n\n{card}", t!(who.lang, "reply-accepted"));
            let id = send(bot, chat, &done, kb.clone()).await?;
            crate::bot::tracked::card_drawn(ctx, who.person.id, (chat, id), case, kb.as_ref())
                .await;
        }
        Err(e) => {
            // Bad text: keep waiting for a better one; anything else ends the dialog.
            let retry = matches!(
                refusal::explain(&e, who.lang),
                refusal::Explained::Invalid(_)
            );
            if !retry {
                Dialog::clear(&ctx.store, chat.0).await?;
            }
            if let Some(text) = refusal::text(&e, who.lang) {
                send(bot, chat, &text, None).await?;
            }
        }
    }
    Ok(())
}

/// `/cancel`: forget what the bot was waiting for.
pub async fn cancel(bot: Tg, ctx: BotCtx, who: Who, msg: Message) -> anyhow::Result<()> {
    Dialog::clear(&ctx.store, msg.chat.id.0).await?;
    send(&bot, msg.chat.id, &t!(who.lang, "input-cancelled"), None).await?;
    Ok(())
}

fn key_text(p: Problem, who: &Who) -> String {
    match p {
        Problem::NotALink => t!(who.lang, "reply-not-a-link"),
        Problem::NoText => t!(who.lang, "refused-empty"),
    }
}

/// Photos, videos and documents of a message, as file ids (the largest photo size).
pub fn attachments(msg: &Message) -> Vec<Attachment> {
    let MessageKind::Common(common) = &msg.kind else {
        return Vec::new();
    };
    let file = match &common.media_kind {
        MediaKind::Photo(p) => p
            .photo
            .last()
            .map(|s| (AttachmentKind::Photo, s.file.id.0.clone())),
        MediaKind::Video(v) => Some((AttachmentKind::Video, v.video.file.id.0.clone())),
        MediaKind::Document(d) => Some((AttachmentKind::Document, d.document.file.id.0.clone())),
        _ => None,
    };
    file.map(|(kind, file_id)| Attachment::telegram(kind, file_id))
        .into_iter()
        .collect()
}
