//! Button presses in MAX. The payload is untrusted: it is decoded with the Telegram front
//! end's codec ([`Action`]), and storage re-checks role, ownership and state, so a stale or
//! forged press changes nothing and shows nothing the person may not see.

use std::hash::{Hash, Hasher};

use super::client::{Button as MaxButton, Callback, NewMessage, To, User};
use super::courier::keyboard;
use super::dialogs;
use super::handle::{ack, identify, say};
use super::serve::MaxFront;
use crate::domain::case::Command;
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::front::callback::Action;
use crate::front::cards::network_name;
use crate::front::dialog::{dialog_for, Dialog};
use crate::front::keyboards::for_viewer;
use crate::front::refusal::{explain, Explained};
use crate::front::views::{names_for, render_card};
use crate::front::who::Who;
use crate::storage::{CommandMeta, StoreError};
use crate::t;

/// Payloads of the settings buttons (outside the case codec's alphabet).
const SETTINGS: &str = "max-settings:";

/// `pressed`: the id of the message the button was on, when MAX tells it.
pub async fn on_press(front: &MaxFront, cb: Callback, pressed: Option<&str>) -> anyhow::Result<()> {
    let Some(who) = identify(front, &cb.user).await? else {
        tracing::info!(
            max_id = cb.user.user_id,
            "a MAX press from an unknown user refused"
        );
        ack(front, &cb, None).await?;
        return say(
            front,
            &cb.user,
            &t!(crate::i18n::Lang::Ru, "stranger-press"),
        )
        .await;
    };
    let payload = cb.payload.clone().unwrap_or_default();
    if let Some(choice) = payload.strip_prefix(SETTINGS) {
        return choose(front, &cb, &who, choice).await;
    }
    let Some(action) = Action::decode(&payload) else {
        if Action::is_outdated(&payload) {
            ack(front, &cb, None).await?;
            return say(front, &cb.user, &t!(who.lang, "refused-stale")).await;
        }
        tracing::warn!(person = %who.person.id, "unparseable MAX callback payload refused");
        ack(front, &cb, None).await?;
        return say(front, &cb.user, &t!(who.lang, "press-unknown")).await;
    };
    if let Action::NoticeUnit(unit) = action {
        ack(front, &cb, None).await?;
        return super::notice::on_unit(front, &cb.user, &who, unit).await;
    }
    let command = match action {
        Action::Accept(c, unit, v) => Some((c, Command::Accept { unit }, v)),
        Action::Approve(c, v) => Some((c, Command::Approve, v)),
        Action::ReassignTo(c, unit, v) => Some((c, Command::Reassign { units: vec![unit] }, v)),
        Action::PublishWithoutLink(c, v) => Some((c, Command::Publish { url: None }, v)),
        _ => None,
    };
    if let Some(dialog) = dialog_for(action) {
        return dialogs::ask(front, &cb, &who, dialog).await;
    }
    if let Action::Open(case) = action {
        ack(front, &cb, None).await?;
        return super::lists::open(front, &cb.user, &who, case).await;
    }
    if action == Action::CancelInput {
        ack(front, &cb, None).await?;
        return dialogs::cancel(front, &cb.user, &who).await;
    }
    let Some((case, command, seen)) = command else {
        ack(front, &cb, None).await?;
        return say(front, &cb.user, &t!(who.lang, "max-not-yet")).await;
    };
    if matches!(command, Command::Publish { .. }) {
        // "Without link" under the link prompt ends that dialog.
        Dialog::clear(&front.ctx.store, dialogs::key(cb.user.user_id)).await?;
    }
    act(front, (&cb, pressed), &who, case, (command, seen)).await
}

/// Runs the command and shows the case as it became on the pressed card.
async fn act(
    front: &MaxFront,
    (cb, pressed): (&Callback, Option<&str>),
    who: &Who,
    case: CaseId,
    (command, seen): (Command, u32),
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    // The pressed card is redrawn here; the change must not queue its own edit of it.
    let card = match pressed {
        Some(mid) => super::cards::card_ref(ctx, cb.user.user_id, mid).await,
        None => None,
    };
    let meta =
        CommandMeta::for_update(ctx.now(), press_id(&cb.callback_id)).seeing(Some(seen), card);
    let result = crate::service::cases::execute_as(
        &ctx.store,
        case,
        &who.actor,
        &command,
        meta,
        &ctx.store_ctx(),
    )
    .await;
    match result {
        Ok(view) => {
            let names = names_for(ctx, who).await?;
            let html = render_card(ctx, &view, &names, who);
            let from_bot = super::publish::offers(front, who, &view).await;
            let rows =
                for_viewer(&view, &who.actor, ctx.now(), who.lang, from_bot).unwrap_or_default();
            let redrawn = NewMessage::html(html).with_keyboard(keyboard(&rows));
            ack(front, cb, Some(redrawn)).await?;
            if let Some(at) = card {
                let kb = Some(&rows).filter(|r| !r.is_empty());
                crate::front::tracked::card_drawn(ctx, who.person.id, at, case, kb).await;
            }
            Ok(())
        }
        Err(e) => refuse(front, cb, who, case, &e).await,
    }
}

/// Says why nothing was done. The card is not redrawn: a person who lost access to the
/// case must not see its current state.
pub(super) async fn refuse(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    case: CaseId,
    e: &StoreError,
) -> anyhow::Result<()> {
    ack(front, cb, None).await?;
    let text = match explain(e, who.lang) {
        Explained::Duplicate => return Ok(()),
        Explained::Stale(t) | Explained::Invalid(t) => t,
        Explained::Forbidden(t) => {
            tracing::warn!(person = %who.person.id, case = %case, error = %e, "MAX press refused");
            t
        }
        Explained::Failure => {
            tracing::error!(error = %e, case = %case, "a MAX press failed");
            t!(who.lang, "press-failed")
        }
    };
    say(front, &cb.user, &text).await
}

/// A redelivered press must not act twice: its callback id becomes the command's update id,
/// kept negative so it never meets a Telegram update id (always positive).
pub fn press_id(callback_id: &str) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ("max", callback_id).hash(&mut h);
    -((h.finish() >> 1) as i64) - 1
}

/// `/settings`: where notices go.
pub async fn show_settings(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    let lang = who.lang;
    let b = |label: String, code: &str| {
        vec![MaxButton::Callback {
            text: label,
            payload: format!("{SETTINGS}{code}"),
        }]
    };
    let rows = vec![
        b(t!(lang, "settings-messenger-telegram"), "telegram"),
        b(t!(lang, "settings-messenger-max"), "max"),
        b(t!(lang, "settings-messenger-last"), "last"),
    ];
    let msg = NewMessage::html(t!(lang, "settings-messenger-title")).with_keyboard(rows);
    front.client.send(To::User(user.user_id), &msg).await?;
    Ok(())
}

async fn choose(front: &MaxFront, cb: &Callback, who: &Who, code: &str) -> anyhow::Result<()> {
    let choice = match code {
        "last" => None,
        other => match Messenger::parse(other) {
            Some(m) => Some(m),
            None => {
                ack(front, cb, None).await?;
                return say(front, &cb.user, &t!(who.lang, "press-unknown")).await;
            }
        },
    };
    let accounts = front
        .ctx
        .store
        .accounts(who.person.id)
        .await?
        .unwrap_or_default();
    if let Some(m) = choice.filter(|m| accounts.id_in(*m).is_none()) {
        ack(front, cb, None).await?;
        let name = network_name(m.as_str(), who.lang);
        return say(
            front,
            &cb.user,
            &t!(who.lang, "settings-messenger-missing", messenger = name),
        )
        .await;
    }
    front
        .ctx
        .store
        .choose_messenger(who.person.id, choice)
        .await?;
    let text = match choice {
        Some(m) => t!(
            who.lang,
            "settings-messenger-saved",
            messenger = network_name(m.as_str(), who.lang)
        ),
        None => t!(who.lang, "settings-messenger-saved-last"),
    };
    ack(front, cb, Some(NewMessage::html(text))).await
}

#[cfg(test)]
mod tests {
    use super::press_id;

    #[test]
    fn press_ids_are_stable_negative_and_distinct() {
        assert_eq!(press_id("cb.1"), press_id("cb.1"));
        assert_ne!(press_id("cb.1"), press_id("cb.2"));
        assert!(press_id("cb.1") < 0 && press_id("") < 0);
    }
}
