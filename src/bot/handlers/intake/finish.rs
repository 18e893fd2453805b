//! The end of one link's wizard: register and send out, register and reject under п.17,
//! or drop it; then the next queued link.

use teloxide::prelude::*;

use super::flow::{duplicate_keyboard, load_choices};
use super::press::{advance, redraw, Pressed};
use super::wizard;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{Dialog, Intake};
use crate::bot::format::esc;
use crate::bot::refusal::{explain, Explained};
use crate::bot::reply::{edit, toast};
use crate::bot::who::Who;
use crate::domain::case::Registration;
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
    let reason = match pressed.intake.warnings.is_empty() {
        true => t!(who.lang, "intake-reject-reason-plain"),
        false => t!(
            who.lang,
            "intake-reject-reason",
            found = wizard::warning_list(&pressed.intake.warnings, who.lang)
        ),
    };
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

/// What the wizard filled in, if it is complete.
pub fn registration(i: &Intake) -> Option<Registration> {
    Some(Registration {
        link: i.link.clone(),
        network: i.network.clone(),
        topic: i.topic.clone()?,
        location: i.location.clone()?,
        importance: i.importance.clone()?,
        repeat_of: i.repeat_of,
        units: i.units.clone(),
        sequential: i.sequential && i.units.len() > 2,
    })
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
            let text = match &rejected {
                Some(reason) => t!(
                    who.lang,
                    "intake-rejected",
                    number = number,
                    reason = esc(reason)
                ),
                None => t!(
                    who.lang,
                    "intake-done",
                    number = number,
                    units = wizard::unit_list(&intake, &choices, who.lang)
                ),
            };
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
    let text = format!(
        "{text}\n{}",
        t!(who.lang, "intake-link", link = esc(&intake.link))
    );
    edit(
        bot,
        chat,
        message,
        &text,
        duplicate_keyboard(who, case, number),
    )
    .await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UnitId;

    #[test]
    fn only_a_complete_wizard_registers() {
        let mut i = Intake {
            link: "https://vk.com/wall-1_2".into(),
            network: "vk".into(),
            topic: Some("ЖКХ".into()),
            location: Some("г. Алатырь".into()),
            units: vec![UnitId(3), UnitId(1)],
            ..Intake::default()
        };
        assert_eq!(registration(&i), None);
        i.importance = Some("Высокая".into());
        let reg = registration(&i).expect("complete");
        assert_eq!(
            reg.units,
            vec![UnitId(3), UnitId(1)],
            "the first chosen unit is responsible"
        );
        assert_eq!(reg.network, "vk");
    }
}
