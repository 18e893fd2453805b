//! A curator's buttons on a candidate card: register (the wizard, prefilled), skip, open.

use teloxide::prelude::*;

use super::render::card_view;
use crate::bot::callback::Action;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::intake::flow::load_choices;
use crate::bot::intake::wizard;
use crate::bot::reply::{edit, pressed_message, send, toast};
use crate::bot::who::Who;
use crate::domain::intake::PostLink;
use crate::domain::{CaseId, Role};
use crate::front::intake::choices::suggested_repeat;
use crate::front::intake::{duplicate_keyboard, prefill, screen};
use crate::storage::candidates::{Candidate, CandidateStatus};
use crate::t;

pub async fn on_press(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    q: CallbackQuery,
    action: Action,
) -> anyhow::Result<()> {
    if !who.actor.has(Role::Curator) {
        tracing::warn!(person = %who.person.id, "candidate press refused: not a curator");
        return toast(&bot, &q, &t!(who.lang, "intake-refused"), true).await;
    }
    let id = match action {
        Action::CandRegister(id) | Action::CandSkip(id) | Action::CandOpen(id) => id,
        _ => return Ok(()),
    };
    let Some(c) = ctx.store.candidate(id).await? else {
        return toast(&bot, &q, &t!(who.lang, "cand-gone"), false).await;
    };
    match action {
        Action::CandOpen(_) => open(&bot, &ctx, &who, &q, &c).await,
        _ if c.status != CandidateStatus::New => {
            toast(&bot, &q, &t!(who.lang, "cand-settled"), false).await?;
            redraw(&bot, &ctx, &who, &q, &c).await
        }
        Action::CandSkip(_) => {
            ctx.store
                .settle_candidate(id, CandidateStatus::Skipped, None)
                .await?;
            toast(&bot, &q, &t!(who.lang, "cand-skipped"), false).await?;
            reload_and_redraw(&bot, &ctx, &who, &q, id).await
        }
        _ => register(&bot, &ctx, &who, &q, &c).await,
    }
}

/// The card of a digest line, as its own message.
async fn open(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    c: &Candidate,
) -> anyhow::Result<()> {
    crate::bot::reply::ack(bot, q).await;
    let (text, kb) = card_view(ctx, c, who.lang).await?;
    send(bot, ChatId(who_chat(q)), &text, kb).await?;
    Ok(())
}

fn who_chat(q: &CallbackQuery) -> i64 {
    pressed_message(q)
        .map(|(c, _)| c.0)
        .unwrap_or(q.from.id.0 as i64)
}

/// Opens the intake wizard with the suggestions filled in: with a suggested unit it stands
/// at the summary, one tap from a case.
async fn register(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    c: &Candidate,
) -> anyhow::Result<()> {
    let chat = ChatId(who_chat(q));
    let Ok(link) = PostLink::parse(&c.post.link) else {
        return toast(bot, q, &t!(who.lang, "cand-gone"), false).await;
    };
    if let Some(view) = ctx
        .store
        .find_by_link(link.as_str(), &ctx.store_ctx())
        .await?
    {
        let (case, number) = (view.case.id, view.case.number);
        ctx.store
            .settle_candidate(c.id, CandidateStatus::Registered, Some(case))
            .await?;
        crate::bot::reply::ack(bot, q).await;
        let text = t!(who.lang, "intake-duplicate", number = number);
        send(bot, chat, &text, duplicate_keyboard(case, number, who.lang)).await?;
        return reload_and_redraw(bot, ctx, who, q, c.id).await;
    }
    if let Some(Dialog::Intake(_)) = Dialog::load(&ctx.store, chat.0).await? {
        return toast(bot, q, &t!(who.lang, "cand-busy"), true).await;
    }
    let mut intake = wizard::start(&link, screen(&c.post.excerpt), Vec::new());
    prefill(ctx, &mut intake, c).await?;
    let choices = load_choices(ctx, &intake).await?;
    suggested_repeat(&mut intake, c, &choices);
    crate::bot::reply::ack(bot, q).await;
    let (text, kb) = wizard::render(&intake, &choices, who.lang);
    intake.message_id = Some(send(bot, chat, &text, kb).await?.0);
    Dialog::Intake(intake)
        .save(&ctx.store, chat.0, ctx.now())
        .await?;
    Ok(())
}

/// The wizard registered the candidate's post: the candidate is settled with the case.
pub async fn registered(ctx: &BotCtx, id: i64, case: CaseId) {
    let settled = ctx
        .store
        .settle_candidate(id, CandidateStatus::Registered, Some(case))
        .await;
    if let Err(e) = settled {
        tracing::warn!(error = %e, candidate = id, "settling a registered candidate failed");
    }
}

async fn reload_and_redraw(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    id: i64,
) -> anyhow::Result<()> {
    match ctx.store.candidate(id).await? {
        Some(c) => redraw(bot, ctx, who, q, &c).await,
        None => Ok(()),
    }
}

/// The pressed card as the candidate stands now.
async fn redraw(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    c: &Candidate,
) -> anyhow::Result<()> {
    let Some((chat, message)) = pressed_message(q) else {
        return Ok(());
    };
    let (text, kb) = card_view(ctx, c, who.lang).await?;
    edit(bot, chat, message, &text, kb).await?;
    Ok(())
}
