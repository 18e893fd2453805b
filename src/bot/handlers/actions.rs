//! Button presses on case cards: parse the untrusted data, let storage run the domain's
//! transition, and edit the pressed card in place.

use teloxide::prelude::*;
use teloxide::types::{ChatId, MessageId};

use crate::bot::callback::Action;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::Dialog;
use crate::bot::lists::may_view;
use crate::bot::refusal::{explain, Explained};
use crate::bot::reply::{button, edit, keyboard, pressed_message, send, toast};
use crate::bot::views::{load_case, load_names, render_card};
use crate::bot::who::Who;
use crate::domain::case::{Command, DecideContext, TransitionError};
use crate::domain::CaseId;
use crate::service::cases;
use crate::storage::{CaseView, StoreError};
use crate::t;

/// Every callback query of a known person.
pub async fn on_press(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    q: CallbackQuery,
    update: Update,
) -> anyhow::Result<()> {
    let Some(action) = q.data.as_deref().and_then(Action::decode) else {
        tracing::warn!(person = %who.person.id, "unparseable callback data refused");
        return toast(&bot, &q, &t!(who.lang, "press-unknown"), false).await;
    };
    let update_id = i64::from(update.id.0);
    use Action::*;
    match action {
        Topic(_) | Location(_) | Importance(_) | ToggleUnit(_) | UnitsDone | Confirm
        | RejectP17 | CancelIntake | RepeatOf(_) | Open(_) => {
            crate::bot::intake::on_press(bot, ctx, who, q, action, update_id).await
        }
        Accept(c, u) => {
            act(
                &bot,
                &ctx,
                &who,
                &q,
                c,
                Command::Accept { unit: u },
                update_id,
            )
            .await
        }
        Approve(c) => act(&bot, &ctx, &who, &q, c, Command::Approve, update_id).await,
        PublishWithoutLink(c) => {
            Dialog::clear(&ctx.store, chat_of(&q)).await?;
            act(
                &bot,
                &ctx,
                &who,
                &q,
                c,
                Command::Publish { url: None },
                update_id,
            )
            .await
        }
        ReassignTo(c, u) => {
            act(
                &bot,
                &ctx,
                &who,
                &q,
                c,
                Command::Reassign { units: vec![u] },
                update_id,
            )
            .await
        }
        Return(c, unit) => ask(&bot, &ctx, &who, &q, Dialog::ReturnReason { case: c, unit }).await,
        Write(c, kind) => ask(&bot, &ctx, &who, &q, Dialog::Draft { case: c, kind }).await,
        Contribute(c, unit) => {
            ask(&bot, &ctx, &who, &q, Dialog::Contribution { case: c, unit }).await
        }
        SendBack(c) => ask(&bot, &ctx, &who, &q, Dialog::SendBackComment { case: c }).await,
        Publish(c) => ask(&bot, &ctx, &who, &q, Dialog::PublishLink { case: c }).await,
        Reassign(c) => choose_unit(&bot, &ctx, &who, &q, c).await,
        CancelInput => {
            Dialog::clear(&ctx.store, chat_of(&q)).await?;
            toast(&bot, &q, &t!(who.lang, "input-cancelled"), false).await
        }
        CandRegister(_) | CandSkip(_) | CandOpen(_) => {
            crate::bot::candidates::on_press(bot, ctx, who, q, action).await
        }
        PublishFromBot(c) => {
            let publish = crate::bot::publish::on_press(&bot, &ctx, &who, &q, c, update_id);
            match publish.await? {
                Some(e) => refuse(&bot, &ctx, &who, &q, c, e).await,
                None => Ok(()),
            }
        }
    }
}

fn chat_of(q: &CallbackQuery) -> i64 {
    pressed_message(q)
        .map(|(c, _)| c.0)
        .unwrap_or(q.from.id.0 as i64)
}

/// Runs a command now and shows the case as it became.
async fn act(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    case: CaseId,
    cmd: Command,
    update_id: i64,
) -> anyhow::Result<()> {
    let result = cases::execute(
        &ctx.store,
        case,
        who.person.id,
        &cmd,
        ctx.meta(update_id),
        &ctx.store_ctx(),
    )
    .await;
    match result {
        Ok(view) => {
            ctx.wake();
            toast(bot, q, &t!(who.lang, "press-done"), false).await?;
            refresh(bot, ctx, who, q, &view).await
        }
        Err(e) => refuse(bot, ctx, who, q, case, e).await,
    }
}

/// Checks that the dialog's command could be done now (the domain decides on a placeholder
/// text), then waits for the reply it needs.
async fn ask(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    dialog: Dialog,
) -> anyhow::Result<()> {
    let Some((case, probe)) = dialog.probe() else {
        return Ok(());
    };
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(bot, ctx, who, q, case, e).await,
    };
    if let Err(e) = could(ctx, who, &view, probe) {
        return refuse(bot, ctx, who, q, case, StoreError::Refused(e)).await;
    }
    let chat = chat_of(q);
    dialog.save(&ctx.store, chat, ctx.now()).await?;
    toast(bot, q, &t!(who.lang, "press-write"), false).await?;
    let prompt = crate::bot::wording::prompt(ctx, &view, &dialog, who.lang);
    let mut rows = vec![vec![button(
        t!(who.lang, "btn-cancel"),
        Action::CancelInput,
    )]];
    if let Dialog::PublishLink { case } = dialog {
        rows.insert(
            0,
            vec![button(
                t!(who.lang, "btn-without-link"),
                Action::PublishWithoutLink(case),
            )],
        );
        if let Some(b) = crate::bot::publish::offer(ctx, who, &view).await? {
            rows.insert(0, vec![b]);
        }
    }
    send(bot, ChatId(chat), &prompt, keyboard(rows)).await?;
    Ok(())
}

/// Whether the domain would accept `cmd` from this person now (nothing is stored).
fn could(ctx: &BotCtx, who: &Who, view: &CaseView, cmd: Command) -> Result<(), TransitionError> {
    let dctx = DecideContext {
        now: ctx.now(),
        calendar: &ctx.calendar,
        rules: ctx.policy().rules_for(&view.case.importance),
    };
    view.case.decide(&who.actor, cmd, &dctx).map(|_| ())
}

/// Offers the units to reassign a case to, on the pressed card.
async fn choose_unit(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    case: CaseId,
) -> anyhow::Result<()> {
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(bot, ctx, who, q, case, e).await,
    };
    // Reassigning to no unit is refused for that alone when everything else allows it.
    if let Err(e) = could(ctx, who, &view, Command::Reassign { units: vec![] }) {
        if e != TransitionError::NoUnits {
            return refuse(bot, ctx, who, q, case, StoreError::Refused(e)).await;
        }
    }
    let rows = ctx
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| u.active && view.case.assignment(u.id).is_none() && !returned_by(&view, u.id))
        .map(|u| vec![button(u.name, Action::ReassignTo(case, u.id))])
        .collect();
    toast(bot, q, &t!(who.lang, "press-choose-unit"), false).await?;
    if let Some((chat, id)) = pressed_message(q) {
        let names = load_names(ctx).await?;
        let text = render_card(ctx, &view, &names, who);
        edit(bot, chat, id, &text, keyboard(rows)).await?;
    }
    Ok(())
}

/// Whether the unit already returned this case (it is not offered again).
fn returned_by(view: &CaseView, unit: crate::domain::UnitId) -> bool {
    view.events()
        .any(|e| matches!(&e.kind, crate::domain::case::EventKind::Returned { unit: u, .. } if *u == unit))
}

/// Re-renders the pressed card for the presser.
async fn refresh(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    view: &CaseView,
) -> anyhow::Result<()> {
    let Some((chat, id)) = pressed_message(q) else {
        return Ok(());
    };
    redraw(bot, ctx, who, chat, id, view).await
}

pub async fn redraw(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    id: MessageId,
    view: &CaseView,
) -> anyhow::Result<()> {
    let names = load_names(ctx).await?;
    let text = render_card(ctx, view, &names, who);
    let kb = crate::bot::keyboards::for_viewer(view, &who.actor, ctx.now(), who.lang);
    edit(bot, chat, id, &text, kb).await?;
    Ok(())
}

/// Explains a refusal; a stale card is redrawn so it shows the case as it is now. A case
/// the presser may not see (the `/case N` rule) is refused as not found, whatever the
/// reason, so forged ids reveal nothing: not its state, not that it exists.
async fn refuse(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    q: &CallbackQuery,
    case: CaseId,
    e: StoreError,
) -> anyhow::Result<()> {
    let view = match load_case(ctx, case).await {
        Ok(v) if may_view(&who.actor, &v) => Some(v),
        Ok(_) | Err(StoreError::CaseNotFound(_)) => None,
        Err(failure) => {
            tracing::error!(error = %failure, "loading a refused case failed");
            return toast(bot, q, &t!(who.lang, "press-failed"), true).await;
        }
    };
    let Some(view) = view else {
        if !matches!(e, StoreError::DuplicateUpdate(_)) {
            tracing::warn!(person = %who.person.id, case = %case, reason = %e, "press refused: case not visible");
        }
        return toast(bot, q, &t!(who.lang, "case-not-found"), true).await;
    };
    match explain(&e, who.lang) {
        Explained::Duplicate => toast(bot, q, &t!(who.lang, "press-done"), false).await,
        Explained::Stale(text) => {
            toast(bot, q, &text, false).await?;
            refresh(bot, ctx, who, q, &view).await
        }
        Explained::Forbidden(text) => {
            tracing::warn!(person = %who.person.id, case = %case, reason = %e, "press refused: not permitted");
            toast(bot, q, &text, true).await
        }
        Explained::Invalid(text) => toast(bot, q, &text, true).await,
        Explained::Failure => {
            tracing::error!(error = %e, "a press failed");
            toast(bot, q, &t!(who.lang, "press-failed"), true).await
        }
    }
}
