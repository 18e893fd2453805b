//! п.16: a Telegram album (a media group) answering a draft or a contribution. Telegram
//! sends each photo, video or document of an album as its own update sharing one
//! `media_group_id`, the caption on one of them. Each item is added to the chat's dialog at
//! once (so a restart between items loses no file); the reply completes when no further
//! item came for [`QUIET`], or with the chat's next ordinary message.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use teloxide::prelude::*;

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::replies::{answer, attachments, Reply};
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::t;

/// How long an album may stay without a new item before it is taken as complete. Telegram
/// sends an album's items together; this only has to outlast their arrival.
const QUIET: Duration = Duration::from_millis(1500);

/// A running bot's albums: items and their completion change the dialog one at a time (this
/// process is the only one reading updates, under the polling lease), and what each chat
/// was last told about an album outside a dialog. Per bot rather than per process, so one
/// bot's slow completion never holds up another's.
#[derive(Default)]
pub struct Albums {
    gate: tokio::sync::Mutex<()>,
    /// By chat: the album and whether it was an answer the bot accepted (its late items are
    /// told so) or not awaited (told once). In memory: at worst a restart repeats one
    /// short message.
    seen: Mutex<HashMap<i64, (String, bool)>>,
    /// Completions waiting for their quiet pause; a stopping bot drops them, and the next
    /// start completes what the stored dialogs still hold.
    tasks: Mutex<tokio::task::JoinSet<()>>,
}

impl Albums {
    /// Runs `work` until it ends or the bot stops.
    pub fn spawn(&self, work: impl std::future::Future<Output = ()> + Send + 'static) {
        if let Ok(mut tasks) = self.tasks.lock() {
            // Reap what has finished, so the set holds only what is still waiting.
            while tasks.try_join_next().is_some() {}
            tasks.spawn(work);
        }
    }

    /// Drops every completion still waiting (the bot is stopping).
    pub fn stop(&self) {
        if let Ok(mut tasks) = self.tasks.lock() {
            tasks.abort_all();
        }
    }
}

/// The album a message belongs to, if any.
pub fn group_of(msg: &Message) -> Option<String> {
    msg.media_group_id().map(|g| g.0.clone())
}

/// Adds an album item to the awaited reply and schedules the reply's completion.
pub async fn collect(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    update: i64,
) -> anyhow::Result<()> {
    let chat = msg.chat.id;
    let gate = ctx.albums.gate.lock().await;
    // Read again under the gate: a completion may have run since the update was routed.
    let dialog = Dialog::load(&ctx.store, chat.0).await?;
    let Some(group) = group_of(&msg) else {
        return Ok(());
    };
    let caption = msg.caption().unwrap_or_default().to_owned();
    let mut new = attachments(&msg);
    let next = match dialog {
        Some(Dialog::Album {
            reply,
            mut text,
            mut files,
            items,
            update: first,
            ..
        }) => {
            if text.trim().is_empty() {
                text = caption;
            }
            // An item delivered again (after a restart) adds nothing twice.
            new.retain(|f| !files.iter().any(|g| g.file_id == f.file_id));
            files.append(&mut new);
            Dialog::Album {
                reply,
                text,
                files,
                items: items + 1,
                update: first,
                group,
            }
        }
        Some(d @ (Dialog::Draft { .. } | Dialog::Contribution { .. })) => Dialog::Album {
            reply: Box::new(d),
            text: caption,
            files: new,
            items: 1,
            update,
            group,
        },
        // The reply was completed meanwhile: this item came too late to be part of it.
        _ => {
            drop(gate);
            return stray(&bot, &ctx, &who, &msg).await;
        }
    };
    let items = match &next {
        Dialog::Album { items, .. } => *items,
        _ => 0,
    };
    next.save(&ctx.store, chat.0, ctx.now()).await?;
    drop(gate);
    let albums = ctx.albums.clone();
    albums.spawn(async move {
        tokio::time::sleep(QUIET).await;
        if let Err(e) = settle(&bot, &ctx, &who, chat, items).await {
            tracing::warn!(error = %format!("{e:#}"), chat = chat.0, "completing an album failed");
        }
    });
    Ok(())
}

/// After a start: albums a stopped process left pending are completed, once items
/// Telegram delivers again had their moment to join.
pub async fn resume(bot: Tg, ctx: BotCtx) {
    tokio::time::sleep(QUIET).await;
    let chats = match ctx.store.dialogs_awaiting("album").await {
        Ok(chats) => chats,
        Err(e) => {
            tracing::warn!(error = %e, "reading pending albums failed");
            return;
        }
    };
    for chat in chats {
        if let Err(e) = resume_one(&bot, &ctx, chat).await {
            tracing::warn!(error = %format!("{e:#}"), chat, "completing a pending album failed");
        }
    }
}

async fn resume_one(bot: &Tg, ctx: &BotCtx, chat: i64) -> anyhow::Result<()> {
    let Some(who) = crate::bot::who::of_chat(ctx, chat).await? else {
        return Ok(());
    };
    let items = match Dialog::load(&ctx.store, chat).await? {
        Some(Dialog::Album { items, .. }) => items,
        _ => return Ok(()),
    };
    settle(bot, ctx, &who, ChatId(chat), items).await
}

/// Completes the chat's album if it still has the `items` it had when this was scheduled.
async fn settle(bot: &Tg, ctx: &BotCtx, who: &Who, chat: ChatId, items: u32) -> anyhow::Result<()> {
    let _gate = ctx.albums.gate.lock().await;
    let Some(Dialog::Album {
        reply,
        text,
        files,
        items: now,
        update,
        group,
    }) = Dialog::load(&ctx.store, chat.0).await?
    else {
        return Ok(());
    };
    if now != items {
        return Ok(());
    }
    remember(ctx, chat.0, &group, true);
    let reply_to = Reply {
        chat,
        text,
        files,
        update,
    };
    answer(bot, ctx, who, *reply, reply_to).await
}

fn remember(ctx: &BotCtx, chat: i64, group: &str, answered: bool) {
    if let Ok(mut seen) = ctx.albums.seen.lock() {
        seen.insert(chat, (group.to_owned(), answered));
    }
}

/// An album item no dialog waits for: one that came after its album was accepted is told
/// its file was not attached; an album nobody asked for is told so once, never «I work
/// with commands and buttons» for each item.
pub async fn stray(bot: &Tg, ctx: &BotCtx, who: &Who, msg: &Message) -> anyhow::Result<()> {
    let Some(group) = group_of(msg) else {
        return Ok(());
    };
    let known = ctx
        .albums
        .seen
        .lock()
        .ok()
        .and_then(|seen| seen.get(&msg.chat.id.0).cloned())
        .filter(|(g, _)| *g == group);
    let text = match known {
        Some((_, true)) => t!(who.lang, "album-item-late"),
        Some((_, false)) => return Ok(()),
        None => {
            remember(ctx, msg.chat.id.0, &group, false);
            t!(who.lang, "album-not-awaited")
        }
    };
    send(bot, msg.chat.id, &text, None).await?;
    Ok(())
}
