//! Candidate posts in Telegram (issue 13): messages of the group chats and channels the
//! configuration lists become candidates for the curators. The bot never writes into those
//! chats (only a published answer, see publishing); it reads and forwards nothing personal.
//!
//! To read group messages the bot's privacy mode must be off (BotFather → /setprivacy →
//! Disable), or the bot must be an admin of the group; in a channel it must be an admin.

mod press;
pub use crate::front::candidates as render;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::Message;

use super::ctx::{BotCtx, Tg};
use super::intake::source::text_of;
use crate::domain::candidate::ChatMode;
use crate::domain::intake::channel_post_link;
use crate::service::candidates::{offer, Env, Offered, Post, Source};

pub use press::{on_press, registered};

/// Messages and channel posts of the chats the bot reads; everything else goes on to the
/// rest of the tree (commands in groups, private chats).
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(
            Update::filter_message()
                .filter_map(read_chat)
                .endpoint(on_post),
        )
        .branch(
            Update::filter_channel_post()
                .filter_map(read_chat)
                .endpoint(on_post),
        )
}

/// The chat's mode when the bot reads it; commands are left to the command handlers.
fn read_chat(msg: Message, ctx: BotCtx) -> Option<ChatMode> {
    if msg.chat.is_private() || text_of(&msg).starts_with('/') {
        return None;
    }
    ctx.config
        .candidates
        .mode_of(msg.chat.id.0, msg.chat.username())
}

async fn on_post(_bot: Tg, ctx: BotCtx, msg: Message, mode: ChatMode) -> anyhow::Result<()> {
    let chat = &msg.chat;
    // Only supergroups and channels have post links; a basic group has none to register.
    let Some(link) = channel_post_link(chat.username(), chat.id.0, msg.id.0) else {
        tracing::debug!(
            chat = chat.id.0,
            "a message without a post link is not a candidate"
        );
        return Ok(());
    };
    let post = Post {
        source: Source::Telegram {
            chat_id: chat.id.0,
            message_id: i64::from(msg.id.0),
        },
        link,
        place: chat.title().unwrap_or_default().to_owned(),
        text: text_of(&msg).to_owned(),
    };
    let env = Env {
        store: &ctx.store,
        rules: &ctx.config.candidates,
        calendar: &ctx.calendar,
        store_ctx: ctx.store_ctx(),
        now: ctx.now(),
    };
    if let Offered::Added { candidate, queued } = offer(&env, mode, post).await? {
        tracing::info!(
            candidate = candidate.id,
            slot = candidate.slot.as_str(),
            "candidate post"
        );
        if queued > 0 {
            ctx.wake();
        }
    }
    Ok(())
}
