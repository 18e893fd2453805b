//! Button presses on case cards: parse the untrusted data, let storage run the domain's
//! transition, and edit the pressed card in place. Every case button names the case version
//! its card showed; the use case refuses it when the case moved past that (SPEC §6).

use teloxide::prelude::*;
use teloxide::types::{ChatId, MessageId};

use crate::bot::callback::{Action, Seen};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{dialog_for, Dialog};
use crate::bot::refusal::{explain, Explained};
use crate::bot::reply::{button, edit, keyboard, pressed_message, send, toast};
use crate::bot::tracked;
use crate::bot::views::may_view;
use crate::bot::views::{load_case, names_for, offers_publish_from_bot, render_card};
use crate::bot::who::Who;
use crate::domain::case::{Command, DecideContext, TransitionError};
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::service::cases;
use crate::storage::{CardRef, CaseView, StoreError};
use crate::t;

mod reject;
pub use reject::ground_name;

/// One press being handled.
struct Press<'a> {
    bot: &'a Tg,
    ctx: &'a BotCtx,
    who: &'a Who,
    q: &'a CallbackQuery,
    update_id: i64,
}

/// Every callback query of a known person.
pub async fn on_press(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    q: CallbackQuery,
    update: Update,
) -> anyhow::Result<()> {
    let data = q.data.as_deref().unwrap_or_default();
    let Some(action) = Action::decode(data) else {
        if Action::is_outdated(data) {
            return toast(&bot, &q, &t!(who.lang, "refused-stale"), false).await;
        }
        tracing::warn!(person = %who.person.id, "unparseable callback data refused");
        return toast(&bot, &q, &t!(who.lang, "press-unknown"), false).await;
    };
    let update_id = i64::from(update.id.0);
    let p = Press {
        bot: &bot,
        ctx: &ctx,
        who: &who,
        q: &q,
        update_id,
    };
    use Action::*;
    match action {
        Topic(_) | Location(_) | Importance(_) | ToggleUnit(_) | UnitsDone | ToggleOrder
        | Confirm | RejectP17 | CancelIntake | RepeatOf(_) | Open(_) => {
            crate::bot::intake::on_press(bot, ctx, who, q, action, update_id).await
        }
        CandRegister(_) | CandSkip(_) | CandOpen(_) => {
            crate::bot::candidates::on_press(bot, ctx, who, q, action).await
        }
        NoticeUnit(unit) => {
            toast(&bot, &q, "", false).await?;
            crate::bot::deficiency::on_unit(&bot, &ctx, &who, ChatId(chat_of(&q)), unit).await
        }
        CancelInput => {
            Dialog::clear(&ctx.store, chat_of(&q)).await?;
            toast(&bot, &q, &t!(who.lang, "input-cancelled"), false).await
        }
        Accept(c, unit, v) => act(&p, c, Command::Accept { unit }, v).await,
        Approve(c, v) => act(&p, c, Command::Approve, v).await,
        PublishWithoutLink(c, v) => {
            Dialog::clear(&ctx.store, chat_of(&q)).await?;
            act(&p, c, Command::Publish { url: None }, v).await
        }
        ReassignTo(c, u, v) => act(&p, c, Command::Reassign { units: vec![u] }, v).await,
        Reassign(c, v) => choose_unit(&p, c, v).await,
        Reject(c, v) => reject::choose_ground(&p, c, v).await,
        RejectGround(c, g, v) => reject::ask_comment(&p, c, g, v).await,
        RejectNoComment(c, g, v) => reject::without_comment(&p, c, g, v).await,
        Return(_, _, _) | Write(_, _, _) | Contribute(_, _, _) | SendBack(_, _) | Publish(_, _) => {
            match dialog_for(action) {
                Some(dialog) => ask(&p, dialog).await,
                None => Ok(()),
            }
        }
        PublishFromBot(c, v) => {
            let meta = ctx.meta(p.update_id).seeing(Some(v), pressed_card(&q));
            let publish = crate::bot::publish::on_press(&bot, &ctx, &who, &q, c, meta);
            match publish.await? {
                Some(e) => refuse(&p, c, e).await,
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

/// The pressed card, so the change does not count it among the cards it leaves behind.
fn pressed_card(q: &CallbackQuery) -> Option<CardRef> {
    pressed_message(q).map(|(chat, id)| CardRef {
        messenger: Messenger::Telegram,
        chat_id: chat.0,
        message_id: i64::from(id.0),
    })
}

/// Runs a command now and shows the case as it became.
async fn act(p: &Press<'_>, case: CaseId, cmd: Command, seen: Seen) -> anyhow::Result<()> {
    let (ctx, who) = (p.ctx, p.who);
    let meta = ctx.meta(p.update_id).seeing(Some(seen), pressed_card(p.q));
    let result =
        cases::execute_as(&ctx.store, case, &who.actor, &cmd, meta, &ctx.store_ctx()).await;
    match result {
        Ok(view) => {
            toast(p.bot, p.q, &t!(who.lang, "press-done"), false).await?;
            refresh(p, &view).await
        }
        Err(e) => refuse(p, case, e).await,
    }
}

/// Checks that the dialog's command could be done now from the card pressed (the domain
/// decides on a placeholder text), then waits for the reply it needs.
async fn ask(p: &Press<'_>, dialog: Dialog) -> anyhow::Result<()> {
    let (ctx, who) = (p.ctx, p.who);
    let Some((case, probe)) = dialog.probe() else {
        return Ok(());
    };
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(p, case, e).await,
    };
    let probe_concern = probe.concern();
    if let Err(e) = could(ctx, who, &view, probe, dialog.seen()) {
        return refuse(p, case, StoreError::Refused(e)).await;
    }
    let chat = chat_of(p.q);
    dialog.save(&ctx.store, chat, ctx.now()).await?;
    toast(p.bot, p.q, &t!(who.lang, "press-write"), false).await?;
    let prompt = crate::bot::wording::prompt(ctx, &view, &dialog, who.lang);
    let mut rows = vec![vec![button(
        t!(who.lang, "btn-cancel"),
        Action::CancelInput,
    )]];
    if let Some(row) = reject::no_comment_row(&dialog, who.lang) {
        rows.insert(0, row);
    }
    if let Dialog::PublishLink { case, seen } = dialog {
        let v = seen.unwrap_or(view.case.version);
        rows.insert(
            0,
            vec![button(
                t!(who.lang, "btn-without-link"),
                Action::PublishWithoutLink(case, v),
            )],
        );
        if let Some(b) = crate::bot::publish::offer(ctx, who, &view, v).await {
            rows.insert(0, vec![b]);
        }
    }
    let sent = send(p.bot, ChatId(chat), &prompt, keyboard(rows)).await?;
    let shown = (
        case,
        dialog.seen().unwrap_or(view.case.version),
        probe_concern,
    );
    tracked::prompt_sent(ctx, who.person.id, (ChatId(chat), sent), shown).await;
    Ok(())
}

/// Whether the domain would accept `cmd` from this person now, from a card that showed
/// version `seen` (nothing is stored).
fn could(
    ctx: &BotCtx,
    who: &Who,
    view: &CaseView,
    cmd: Command,
    seen: Option<Seen>,
) -> Result<(), TransitionError> {
    let history: Vec<_> = view.events().cloned().collect();
    let dctx = DecideContext {
        now: ctx.now(),
        calendar: &ctx.calendar,
        rules: ctx.policy().rules_for(&view.case.importance),
    };
    view.case
        .decide_seen(&who.actor, cmd, seen, &history, &dctx)
        .map(|_| ())
}

/// Offers the units to reassign a case to, on the pressed card.
async fn choose_unit(p: &Press<'_>, case: CaseId, seen: Seen) -> anyhow::Result<()> {
    let (ctx, who) = (p.ctx, p.who);
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(p, case, e).await,
    };
    // Reassigning to no unit is refused for that alone when everything else allows it.
    let probe = Command::Reassign { units: vec![] };
    if let Err(e) = could(ctx, who, &view, probe, Some(seen)) {
        if e != TransitionError::NoUnits {
            return refuse(p, case, StoreError::Refused(e)).await;
        }
    }
    let v = view.case.version;
    let rows = ctx
        .store
        .units()
        .await?
        .into_iter()
        .filter(|u| u.active && view.case.assignment(u.id).is_none() && !returned_by(&view, u.id))
        .map(|u| vec![button(u.name, Action::ReassignTo(case, u.id, v))])
        .collect();
    let prompt = t!(who.lang, "press-choose-unit");
    offer_choice(p, &view, &prompt, rows).await
}

/// Asks with a toast (`prompt`) and redraws the pressed card with `rows` as
/// its only buttons, tracked so a later change can redraw it again.
async fn offer_choice(
    p: &Press<'_>,
    view: &CaseView,
    prompt: &str,
    rows: Vec<Vec<crate::front::buttons::Button>>,
) -> anyhow::Result<()> {
    let (ctx, who) = (p.ctx, p.who);
    toast(p.bot, p.q, prompt, false).await?;
    if let Some((chat, id)) = pressed_message(p.q) {
        let names = names_for(ctx, who).await?;
        let text = render_card(ctx, view, &names, who);
        let kb = keyboard(rows);
        edit(p.bot, chat, id, &text, kb.clone()).await?;
        tracked::card_drawn(ctx, who.person.id, (chat, id), view.case.id, kb.as_ref()).await;
    }
    Ok(())
}

/// Whether the unit already returned this case (it is not offered again).
fn returned_by(view: &CaseView, unit: crate::domain::UnitId) -> bool {
    view.events()
        .any(|e| matches!(&e.kind, crate::domain::case::EventKind::Returned { unit: u, .. } if *u == unit))
}

/// Re-renders the pressed card for the presser.
async fn refresh(p: &Press<'_>, view: &CaseView) -> anyhow::Result<()> {
    let Some((chat, id)) = pressed_message(p.q) else {
        return Ok(());
    };
    redraw(p.bot, p.ctx, p.who, chat, id, view).await
}

pub async fn redraw(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    id: MessageId,
    view: &CaseView,
) -> anyhow::Result<()> {
    let names = names_for(ctx, who).await?;
    let text = render_card(ctx, view, &names, who);
    let from_bot = offers_publish_from_bot(ctx, &who.actor, view).await;
    let kb = crate::bot::keyboards::for_viewer(view, &who.actor, ctx.now(), who.lang, from_bot);
    edit(bot, chat, id, &text, kb.clone()).await?;
    tracked::card_drawn(ctx, who.person.id, (chat, id), view.case.id, kb.as_ref()).await;
    Ok(())
}

/// Explains a refusal; a stale card is redrawn so it shows the case as it is now. A case
/// the presser may not see (the `/case N` rule) is refused as not found, whatever the
/// reason, so forged ids reveal nothing: not its state, not that it exists.
async fn refuse(p: &Press<'_>, case: CaseId, e: StoreError) -> anyhow::Result<()> {
    let (bot, q, who) = (p.bot, p.q, p.who);
    let view = match load_case(p.ctx, case).await {
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
            refresh(p, &view).await
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
