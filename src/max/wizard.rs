//! Wizard buttons in MAX: the press must belong to the presser's running wizard and to its
//! message (not an older one); it is applied and the pressed message replaced in the
//! press's answer. Registration goes through the same use case as in Telegram, so the
//! units hear of the case through the outbox, in whichever messenger each person uses.

use super::client::{Callback, NewMessage};
use super::courier::keyboard;
use super::dialogs::key;
use super::handle::{ack, say};
use super::intake::{next, screen};
use super::press::press_id;
use super::serve::MaxFront;
use crate::front::callback::Action;
use crate::front::dialog::{Dialog, Intake};
use crate::front::intake::{self as shared, load_choices, registration, wizard};
use crate::front::refusal::{explain, Explained};
use crate::front::who::Who;
use crate::service::cases;
use crate::storage::candidates::CandidateStatus;
use crate::storage::{CaseView, StoreError};
use crate::t;

/// The buttons of the wizard message ([`Action::Open`] is the cards' own).
pub fn is_wizard(action: Action) -> bool {
    use Action::*;
    matches!(
        action,
        Topic(_)
            | Location(_)
            | Importance(_)
            | ToggleUnit(_)
            | UnitsDone
            | ToggleOrder
            | Confirm
            | RejectP17
            | CancelIntake
            | RepeatOf(_)
    )
}

/// A wizard button pressed under message `mid` by a known person.
pub async fn on_press(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    mid: Option<&str>,
    action: Action,
) -> anyhow::Result<()> {
    if !who.actor.has(crate::domain::Role::Curator) {
        tracing::warn!(person = %who.person.id, "MAX intake press refused: not a curator");
        return refuse(front, cb, &t!(who.lang, "intake-refused")).await;
    }
    let Some(intake) = running(front, cb, mid).await? else {
        return refuse(front, cb, &t!(who.lang, "intake-stale")).await;
    };
    let summary = wizard::step(&intake) == wizard::Step::Summary;
    match action {
        Action::CancelIntake => cancel(front, cb, who, intake).await,
        Action::Confirm | Action::RejectP17 if !summary => {
            refuse(front, cb, &t!(who.lang, "intake-stale")).await
        }
        Action::Confirm | Action::RejectP17 => finish(front, cb, who, intake, action).await,
        _ => step(front, cb, who, intake, action).await,
    }
}

/// Nothing changes: the press is answered and the person told why.
async fn refuse(front: &MaxFront, cb: &Callback, text: &str) -> anyhow::Result<()> {
    ack(front, cb, None).await?;
    say(front, &cb.user, text).await
}

/// The presser's own wizard, if the pressed message is its message.
async fn running(
    front: &MaxFront,
    cb: &Callback,
    mid: Option<&str>,
) -> anyhow::Result<Option<Intake>> {
    let Some(mid) = mid else {
        return Ok(None);
    };
    match Dialog::load(&front.ctx.store, key(cb.user.user_id)).await? {
        Some(Dialog::Intake(i)) if i.max_message.as_deref() == Some(mid) => Ok(Some(i)),
        _ => Ok(None),
    }
}

async fn save(front: &MaxFront, cb: &Callback, intake: &Intake) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    Dialog::Intake(intake.clone())
        .save(&ctx.store, key(cb.user.user_id), ctx.now())
        .await?;
    Ok(())
}

/// A choice inside the wizard: topic, location, importance, a unit, «Далее», a repeat.
async fn step(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    mut intake: Intake,
    action: Action,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let choices = load_choices(ctx, &intake).await?;
    match wizard::apply(&mut intake, action, &choices) {
        Ok(()) => {}
        Err(wizard::Refusal::Stale) => {
            // The lists may have changed under the keyboard: show them as they are now.
            ack(front, cb, Some(screen(&intake, &choices, who))).await?;
            return say(front, &cb.user, &t!(who.lang, "intake-stale")).await;
        }
        Err(wizard::Refusal::NoUnits) => {
            return refuse(front, cb, &t!(who.lang, "intake-choose-unit")).await
        }
    }
    // Reaching the summary brings the earlier cases into the lists.
    let choices = match action {
        Action::UnitsDone => load_choices(ctx, &intake).await?,
        _ => choices,
    };
    save(front, cb, &intake).await?;
    ack(front, cb, Some(screen(&intake, &choices, who))).await
}

async fn cancel(front: &MaxFront, cb: &Callback, who: &Who, intake: Intake) -> anyhow::Result<()> {
    let text = t!(
        who.lang,
        "intake-cancelled",
        link = crate::front::format::esc(&intake.link)
    );
    ack(front, cb, Some(NewMessage::html(text))).await?;
    next(front, &cb.user, who, intake.queue, Vec::new()).await
}

/// «Зарегистрировать» or «Отклонить (п.17)» at the summary.
async fn finish(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    intake: Intake,
    action: Action,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let Some(reg) = registration(&intake) else {
        return refuse(front, cb, &t!(who.lang, "intake-stale")).await;
    };
    let (meta, store_ctx) = (ctx.meta(press_id(&cb.callback_id)), ctx.store_ctx());
    let (person, store) = (who.person.id, &ctx.store);
    let (result, reason) = match action {
        Action::RejectP17 => {
            let reason = shared::reject_reason(&intake, who.lang);
            let done = cases::reject_at_intake(store, &reg, &reason, person, meta, &store_ctx);
            (done.await, Some(reason))
        }
        _ => (
            cases::register(store, &reg, person, meta, &store_ctx).await,
            None,
        ),
    };
    conclude(front, cb, who, intake, result, reason).await
}

/// Shows how the registration went in the wizard message, then moves on to the next link.
async fn conclude(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    intake: Intake,
    result: Result<CaseView, StoreError>,
    rejected: Option<String>,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let (text, case, number) = match result {
        Ok(view) => {
            ctx.wake();
            if let Some(id) = intake.candidate {
                settle(front, id, view.case.id).await;
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
        Err(e) => return refused(front, cb, who, intake, e).await,
    };
    let text = shared::with_link(&text, &intake, who.lang);
    let kb = shared::duplicate_keyboard(case, number, who.lang).unwrap_or_default();
    ack(
        front,
        cb,
        Some(NewMessage::html(text).with_keyboard(keyboard(&kb))),
    )
    .await?;
    next(front, &cb.user, who, intake.queue, Vec::new()).await
}

/// The wizard registered a candidate's post: the candidate is settled with the case.
async fn settle(front: &MaxFront, id: i64, case: crate::domain::CaseId) {
    let store = &front.ctx.store;
    let settled = store
        .settle_candidate(id, CandidateStatus::Registered, Some(case))
        .await;
    if let Err(e) = settled {
        tracing::warn!(error = %e, candidate = id, "settling a registered candidate failed");
    }
}

/// Storage said no: a redelivered press is ignored; lists that changed under the wizard
/// send it back to the units step; anything else is explained and the wizard stays.
async fn refused(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    mut intake: Intake,
    e: StoreError,
) -> anyhow::Result<()> {
    match explain(&e, who.lang) {
        Explained::Duplicate => ack(front, cb, None).await,
        Explained::Forbidden(text) => {
            tracing::warn!(person = %who.person.id, reason = %e, "MAX intake refused by the domain");
            refuse(front, cb, &text).await
        }
        Explained::Stale(text) | Explained::Invalid(text) => {
            // A unit closed or an earlier case vanished since the buttons were drawn.
            intake.units_done = false;
            intake.repeat_of = None;
            let choices = load_choices(&front.ctx, &intake).await?;
            intake
                .units
                .retain(|u| choices.units.iter().any(|c| c.id == *u));
            save(front, cb, &intake).await?;
            ack(front, cb, Some(screen(&intake, &choices, who))).await?;
            say(front, &cb.user, &text).await
        }
        Explained::Failure => {
            tracing::error!(error = %e, "registering a post in MAX failed");
            refuse(front, cb, &t!(who.lang, "press-failed")).await
        }
    }
}
