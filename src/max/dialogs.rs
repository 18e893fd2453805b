//! Replies the bot waits for in MAX: a return reason, a draft, a contribution, a comment
//! for revision, the link to a published answer. The same [`Dialog`]s as in Telegram,
//! kept under a key of their own so a MAX user id never meets a Telegram chat id.

use super::client::{Button as MaxButton, Callback, NewMessage, To, User};
use super::courier::keyboard;
use super::handle::{ack, say};
use super::serve::MaxFront;
use crate::domain::case::{Attachment, DecideContext};
use crate::front::callback::Action;
use crate::front::dialog::{Dialog, Problem};
use crate::front::keyboards::for_viewer;
use crate::front::refusal::{self, Explained};
use crate::front::views::{load_case, names_for, render_card};
use crate::front::who::Who;
use crate::storage::{CommandMeta, StoreError};
use crate::t;

/// The dialog key of a MAX user: far below any Telegram chat id (those fit in 52 bits).
pub fn key(max_user: i64) -> i64 {
    i64::MIN + max_user.max(0)
}

/// A press that needs a reply: checks the command could be done now, then asks.
pub async fn ask(front: &MaxFront, cb: &Callback, who: &Who, dialog: Dialog) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let Some((case, probe)) = dialog.probe() else {
        return ack(front, cb, None).await;
    };
    let concern = probe.concern();
    let refused = match load_case(ctx, case).await {
        Err(e) => Some(e),
        Ok(view) => {
            let dctx = DecideContext {
                now: ctx.now(),
                calendar: &ctx.calendar,
                rules: ctx.policy().rules_for(&view.case.importance),
            };
            let text = crate::front::wording::prompt(ctx, &view, &dialog, who.lang);
            match view.case.decide(&who.actor, probe, &dctx) {
                Err(e) => Some(StoreError::Refused(e)),
                Ok(_) => {
                    dialog
                        .save(&ctx.store, key(cb.user.user_id), ctx.now())
                        .await?;
                    ack(front, cb, None).await?;
                    let from_bot = matches!(dialog, Dialog::PublishLink { .. })
                        && super::publish::offers(front, who, &view).await;
                    let mid = prompt(front, &cb.user, who, &dialog, (text, from_bot)).await?;
                    let shown = (case, dialog.seen().unwrap_or(view.case.version), concern);
                    let whose = (who.person.id, cb.user.user_id);
                    super::cards::prompt(ctx, whose, &mid, shown).await;
                    return Ok(());
                }
            }
        }
    };
    ack(front, cb, None).await?;
    match refused.as_ref().and_then(|e| refusal::text(e, who.lang)) {
        Some(text) => say(front, &cb.user, &text).await,
        None => Ok(()),
    }
}

async fn prompt(
    front: &MaxFront,
    user: &User,
    who: &Who,
    dialog: &Dialog,
    (text, from_bot): (String, bool),
) -> anyhow::Result<String> {
    let lang = who.lang;
    let b = |text: String, action: Action| MaxButton::Callback {
        text,
        payload: action.encode(),
    };
    let mut rows = vec![vec![b(t!(lang, "btn-cancel"), Action::CancelInput)]];
    if let Dialog::PublishLink {
        case,
        seen: Some(v),
    } = dialog
    {
        rows.insert(
            0,
            vec![b(
                t!(lang, "btn-without-link"),
                Action::PublishWithoutLink(*case, *v),
            )],
        );
        // As in Telegram: the bot can post the answer itself (MAX: VK posts only).
        if from_bot {
            let action = Action::PublishFromBot(*case, *v);
            rows.insert(0, vec![b(t!(lang, "pub-btn-bot"), action)]);
        }
    }
    let msg = NewMessage::html(text).with_keyboard(rows);
    Ok(front
        .client
        .send(To::User(user.user_id), &msg)
        .await?
        .body
        .mid)
}

/// The reply a dialog waits for, if one is open for this person.
pub async fn awaited(front: &MaxFront, user: &User) -> Result<Option<Dialog>, StoreError> {
    Ok(Dialog::load(&front.ctx.store, key(user.user_id))
        .await?
        .filter(|d| !matches!(d, Dialog::Intake(_))))
}

/// Completes the dialog with the reply's text and files (п.16: photos, videos, documents).
pub async fn on_reply(
    front: &MaxFront,
    user: &User,
    who: &Who,
    dialog: Dialog,
    (text, files): (String, Vec<Attachment>),
    mid: &str,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let (case, cmd) = match dialog.command(text, files) {
        Ok(pair) => pair,
        Err(Problem::NotALink) => return say(front, user, &t!(who.lang, "reply-not-a-link")).await,
        Err(Problem::NoText) => return say(front, user, &t!(who.lang, "refused-empty")).await,
    };
    let meta =
        CommandMeta::for_update(ctx.now(), super::press::press_id(mid)).seeing(dialog.seen(), None);
    match crate::service::cases::execute_as(
        &ctx.store,
        case,
        &who.actor,
        &cmd,
        meta,
        &ctx.store_ctx(),
    )
    .await
    {
        Ok(view) => {
            Dialog::clear(&ctx.store, key(user.user_id)).await?;
            let names = names_for(ctx, who).await?;
            let card = render_card(ctx, &view, &names, who);
            let from_bot = super::publish::offers(front, who, &view).await;
            let rows =
                for_viewer(&view, &who.actor, ctx.now(), who.lang, from_bot).unwrap_or_default();
            let done = format!("{}\n\n{card}", t!(who.lang, "reply-accepted"));
            let msg = NewMessage::html(done).with_keyboard(keyboard(&rows));
            let sent = front.client.send(To::User(user.user_id), &msg).await?;
            let whose = (who.person.id, user.user_id);
            let kb = Some(&rows).filter(|r| !r.is_empty());
            super::cards::drawn(ctx, whose, &sent.body.mid, case, kb).await;
            Ok(())
        }
        Err(e) => {
            // Bad text: keep waiting for a better one; anything else ends the dialog.
            if !matches!(refusal::explain(&e, who.lang), Explained::Invalid(_)) {
                Dialog::clear(&ctx.store, key(user.user_id)).await?;
            }
            match refusal::text(&e, who.lang) {
                Some(text) => say(front, user, &text).await,
                None => Ok(()),
            }
        }
    }
}

/// "Cancel" under a prompt, or `/cancel`.
pub async fn cancel(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    Dialog::clear(&front.ctx.store, key(user.user_id)).await?;
    say(front, user, &t!(who.lang, "input-cancelled")).await
}
