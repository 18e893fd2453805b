//! «Опубликовать от бота» (п.12 in seconds, issue 13): the approved answer goes under the
//! source post — a reply in a Telegram chat the bot reads, or a community comment on VK —
//! and the case is closed with the link. The only thing the bot ever posts into a group.
//! The button sits on the curator's card and in the «Опубликовано» prompt.

mod poster;

use teloxide::prelude::*;

use crate::bot::callback::{Action, Seen};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::reply::{button, edit, pressed_message, send, toast};
use crate::bot::views::offers_publish_from_bot;
use crate::bot::who::Who;
use crate::domain::candidate::PublishTarget;
use crate::domain::CaseId;
use crate::front::buttons::Button;
use crate::service::candidates::{publish_from_bot, target_for, PublishError, Published};
use crate::storage::{CaseView, CommandMeta, StoreError};
use crate::t;
use crate::vk::VkClient;
use poster::BotPoster;

/// The button beside «Без ссылки» when the bot can reach the post; curators only.
pub async fn offer(ctx: &BotCtx, who: &Who, view: &CaseView, seen: Seen) -> Option<Button> {
    offers_publish_from_bot(ctx, &who.actor, view)
        .await
        .then(|| {
            button(
                t!(who.lang, "pub-btn-bot"),
                Action::PublishFromBot(view.case.id, seen),
            )
        })
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
    Dialog::clear(&ctx.store, chat_of(q)).await?;
    toast(bot, q, &t!(lang, "press-done"), false).await?;
    show_done(bot, ctx, who, q, &done).await?;
    Ok(None)
}

/// The pressed card (or prompt) becomes the closed case's card, headed by the link and
/// the files that did not go.
async fn show_done(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    done: &Published,
) -> anyhow::Result<()> {
    let (lang, view) = (who.lang, &done.view);
    let text = crate::front::views::published_card(ctx, who, done).await?;
    // The case is closed: no «Опубликовать от бота» any more.
    let kb = crate::bot::keyboards::for_viewer(view, &who.actor, ctx.now(), lang, false);
    let at = match pressed_message(q) {
        Some((chat, id)) => {
            edit(bot, chat, id, &text, kb.clone()).await?;
            (chat, id)
        }
        None => {
            let chat = ChatId(chat_of(q));
            (chat, send(bot, chat, &text, kb.clone()).await?)
        }
    };
    crate::bot::tracked::card_drawn(ctx, who.person.id, at, view.case.id, kb.as_ref()).await;
    Ok(())
}

fn chat_of(q: &CallbackQuery) -> i64 {
    pressed_message(q)
        .map(|(c, _)| c.0)
        .unwrap_or(q.from.id.0 as i64)
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
