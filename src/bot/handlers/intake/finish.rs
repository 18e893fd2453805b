//! The end of one link's wizard: register and send out, register and reject under п.17,
//! or drop it; then the next queued link.

use teloxide::prelude::*;

use super::flow::load_choices;
use super::press::{advance, redraw, Pressed};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::format::esc;
use crate::bot::refusal::{explain, Explained};
use crate::bot::reply::{edit, toast};
use crate::bot::who::Who;
use crate::front::intake::{self as shared, registration};
use crate::service::cases;
use crate::storage::{CaseView, StoreError};
use crate::t;

pub(super) async fn cancel(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
) -> anyhow::Result<()> {
    let Pressed {
        chat,
        message,
        intake,
    } = pressed;
    crate::bot::reply::ack(bot, q).await;
    let text = t!(who.lang, "intake-cancelled", link = esc(&intake.link));
    edit(bot, chat, message, &text, None).await?;
    advance(bot, ctx, who, chat, intake.queue).await
}

pub(super) async fn confirm(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
    update_id: i64,
) -> anyhow::Result<()> {
    let Some(reg) = registration(&pressed.intake) else {
        return toast(bot, q, &t!(who.lang, "intake-stale"), false).await;
    };
    let result = cases::register(
        &ctx.store,
        &reg,
        who.person.id,
        ctx.meta(update_id),
        &ctx.store_ctx(),
    )
    .await;
    conclude(bot, ctx, who, q, pressed, result, None).await
}

pub(super) async fn reject(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
    update_id: i64,
) -> anyhow::Result<()> {
    let Some(reg) = registration(&pressed.intake) else {
        return toast(bot, q, &t!(who.lang, "intake-stale"), false).await;
    };
    let reason = shared::reject_reason(&pressed.intake, who.lang);
    let result = cases::reject_at_intake(
        &ctx.store,
        &reg,
        &reason,
        who.person.id,
        ctx.meta(update_id),
        &ctx.store_ctx(),
    )
    .await;
    conclude(bot, ctx, who, q, pressed, result, Some(reason)).await
}

/// Shows how the registration went in the wizard message, then moves on to the next link;
/// input that storage refused sends the curator back to the step to fix.
async fn conclude(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
    result: Result<CaseView, StoreError>,
    rejected: Option<String>,
) -> anyhow::Result<()> {
    let Pressed {
        chat,
        message,
        mut intake,
    } = pressed;
    let (text, case, number) = match result {
        Ok(view) => {
            ctx.wake();
            if let Some(id) = intake.candidate {
                crate::bot::candidates::registered(ctx, id, view.case.id).await;
            }
            let choices = load_choices(ctx, &intake).await?;
            let number = view.case.number;
            let text = shared::done_text(&intake, &choices, number, rejected.as_deref(), who.lang);
            (text, view.case.id, number)
        }
        Err(StoreError::DuplicateLink { case_id, number }) => (
            t!(who.lang, "intake-duplicate", number = number),
            case_id,
            number,
        ),
        Err(e) => {
            return refused(
                bot,
                ctx,
                who,
                q,
                Pressed {
                    chat,
                    message,
                    intake,
                },
                e,
            )
            .await
        }
    };
    crate::bot::reply::ack(bot, q).await;
    let text = shared::with_link(&text, &intake, who.lang);
    let kb = shared::duplicate_keyboard(case, number, who.lang);
    edit(bot, chat, message, &text, kb).await?;
    advance(bot, ctx, who, chat, std::mem::take(&mut intake.queue)).await
}

/// Storage said no: a redelivered press is ignored; lists that changed under the wizard
/// send it back to the units step; anything else is explained and the wizard stays.
async fn refused(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    pressed: Pressed,
    e: StoreError,
) -> anyhow::Result<()> {
    let Pressed {
        chat,
        message,
        mut intake,
    } = pressed;
    match explain(&e, who.lang) {
        Explained::Duplicate => crate::bot::reply::ack(bot, q).await,
        Explained::Forbidden(text) => {
            tracing::warn!(person = %who.person.id, reason = %e, "intake refused by the domain");
            toast(bot, q, &text, true).await?;
        }
        Explained::Stale(text) | Explained::Invalid(text) => {
            // A unit closed or an earlier case vanished since the buttons were drawn.
            intake.units_done = false;
            intake.repeat_of = None;
            let choices = load_choices(ctx, &intake).await?;
            intake
                .units
                .retain(|u| choices.units.iter().any(|c| c.id == *u));
            toast(bot, q, &text, true).await?;
            Dialog::Intake(intake.clone())
                .save(&ctx.store, chat.0, ctx.now())
                .await?;
            redraw(bot, who, chat, message, &intake, &choices).await?;
        }
        Explained::Failure => {
            tracing::error!(error = %e, "registering a post failed");
            toast(bot, q, &t!(who.lang, "press-failed"), true).await?;
        }
    }
    Ok(())
}
