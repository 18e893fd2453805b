//! Wizard buttons: check the press belongs to the chat's running wizard, apply it, and
//! edit the wizard message in place.

use teloxide::prelude::*;
use teloxide::types::{ChatId, MessageId};

use super::flow::load_choices;
use super::wizard::{self, Refusal};
use super::{finish, flow};
use crate::bot::callback::Action;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{Dialog, Intake};
use crate::bot::reply::{edit, pressed_message, toast};
use crate::bot::who::Who;
use crate::domain::Role;
use crate::t;

/// The wizard a press belongs to.
pub(super) struct Pressed {
    pub chat: ChatId,
    pub message: MessageId,
    pub intake: Intake,
}

/// A wizard button (or «open case») pressed by a known person.
pub async fn on_press(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    q: CallbackQuery,
    action: Action,
    update_id: i64,
) -> anyhow::Result<()> {
    if let Action::Open(case) = action {
        let Some((chat, _)) = pressed_message(&q) else {
            return toast(&bot, &q, &t!(who.lang, "intake-stale"), false).await;
        };
        crate::bot::reply::ack(&bot, &q).await;
        return crate::bot::lists::show_case(&bot, &ctx, &who, chat, case).await;
    }
    if !who.actor.has(Role::Curator) {
        tracing::warn!(person = %who.person.id, "intake press refused: not a curator");
        return toast(&bot, &q, &t!(who.lang, "intake-refused"), true).await;
    }
    let Some(pressed) = running_wizard(&ctx, &q).await? else {
        return toast(&bot, &q, &t!(who.lang, "intake-stale"), false).await;
    };
    match action {
        Action::CancelIntake => finish::cancel(&bot, &ctx, &who, &q, pressed).await,
        Action::Confirm | Action::RejectP17
            if wizard::step(&pressed.intake) != wizard::Step::Summary =>
        {
            toast(&bot, &q, &t!(who.lang, "intake-stale"), false).await
        }
        Action::Confirm => finish::confirm(&bot, &ctx, &who, &q, pressed, update_id).await,
        Action::RejectP17 => finish::reject(&bot, &ctx, &who, &q, pressed, update_id).await,
        _ => step(&bot, &ctx, &who, &q, pressed, action).await,
    }
}

/// The chat's wizard, if the pressed message is its message (not an older one).
async fn running_wizard(ctx: &BotCtx, q: &CallbackQuery) -> anyhow::Result<Option<Pressed>> {
    let Some((chat, message)) = pressed_message(q) else {
        return Ok(None);
    };
    match Dialog::load(&ctx.store, chat.0).await? {
        Some(Dialog::Intake(intake)) if intake.message_id == Some(message.0) => Ok(Some(Pressed {
            chat,
            message,
            intake,
        })),
        _ => Ok(None),
    }
}

/// A choice inside the wizard: topic, location, importance, a unit, «Далее», a repeat.
async fn step(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
    action: Action,
) -> anyhow::Result<()> {
    let Pressed {
        chat,
        message,
        mut intake,
    } = pressed;
    let choices = load_choices(ctx, &intake).await?;
    match wizard::apply(&mut intake, action, &choices) {
        Ok(()) => {}
        Err(Refusal::Stale) => {
            // The lists may have changed under the keyboard: show them as they are now.
            toast(bot, q, &t!(who.lang, "intake-stale"), false).await?;
            return redraw(bot, who, chat, message, &intake, &choices).await;
        }
        Err(Refusal::NoUnits) => {
            return toast(bot, q, &t!(who.lang, "intake-choose-unit"), false).await
        }
    }
    // Reaching the summary brings the earlier cases into the lists.
    let choices = if action == Action::UnitsDone {
        load_choices(ctx, &intake).await?
    } else {
        choices
    };
    crate::bot::reply::ack(bot, q).await;
    Dialog::Intake(intake.clone())
        .save(&ctx.store, chat.0, ctx.now())
        .await?;
    redraw(bot, who, chat, message, &intake, &choices).await
}

pub(super) async fn redraw(
    bot: &Tg,
    who: &Who,
    chat: ChatId,
    message: MessageId,
    intake: &Intake,
    choices: &wizard::Choices,
) -> anyhow::Result<()> {
    let (text, kb) = wizard::render(intake, choices, who.lang);
    edit(bot, chat, message, &text, kb).await?;
    Ok(())
}

/// After a link is done with: the next queued one, in a new message.
pub(super) async fn advance(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    queue: Vec<String>,
) -> anyhow::Result<()> {
    flow::next(bot, ctx, who, chat, queue, Vec::new()).await
}
