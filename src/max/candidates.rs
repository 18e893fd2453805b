//! A curator's buttons on a candidate card in MAX (issue 13): register (the wizard,
//! prefilled), skip, open — as in Telegram. Candidate cards reach MAX through the outbox
//! like any notice, to whichever messenger the curator uses.

use super::client::{Callback, NewMessage, To};
use super::courier::keyboard;
use super::dialogs::key;
use super::handle::{ack, say};
use super::intake::{duplicate, show};
use super::serve::MaxFront;
use crate::domain::intake::PostLink;
use crate::domain::Role;
use crate::front::callback::Action;
use crate::front::candidates::card_view;
use crate::front::dialog::Dialog;
use crate::front::intake::choices::suggested_repeat;
use crate::front::intake::{load_choices, prefill, registered_as, screen, wizard};
use crate::front::who::Who;
use crate::storage::candidates::{Candidate, CandidateStatus};
use crate::t;

pub fn is_candidate(action: Action) -> bool {
    matches!(
        action,
        Action::CandRegister(_) | Action::CandSkip(_) | Action::CandOpen(_)
    )
}

pub async fn on_press(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    action: Action,
) -> anyhow::Result<()> {
    if !who.actor.has(Role::Curator) {
        tracing::warn!(person = %who.person.id, "MAX candidate press refused: not a curator");
        return refuse(front, cb, &t!(who.lang, "intake-refused")).await;
    }
    let id = match action {
        Action::CandRegister(id) | Action::CandSkip(id) | Action::CandOpen(id) => id,
        _ => return ack(front, cb, None).await,
    };
    let Some(c) = front.ctx.store.candidate(id).await? else {
        return refuse(front, cb, &t!(who.lang, "cand-gone")).await;
    };
    match action {
        Action::CandOpen(_) => {
            ack(front, cb, None).await?;
            let msg = card(front, &c, who).await?;
            front.client.send(To::User(cb.user.user_id), &msg).await?;
            Ok(())
        }
        _ if c.status != CandidateStatus::New => {
            ack(front, cb, Some(card(front, &c, who).await?)).await?;
            say(front, &cb.user, &t!(who.lang, "cand-settled")).await
        }
        Action::CandSkip(_) => {
            let store = &front.ctx.store;
            store
                .settle_candidate(id, CandidateStatus::Skipped, None)
                .await?;
            redraw(front, cb, who, id).await
        }
        _ => register(front, cb, who, &c).await,
    }
}

async fn refuse(front: &MaxFront, cb: &Callback, text: &str) -> anyhow::Result<()> {
    ack(front, cb, None).await?;
    say(front, &cb.user, text).await
}

/// The candidate's card as a MAX message.
async fn card(front: &MaxFront, c: &Candidate, who: &Who) -> anyhow::Result<NewMessage> {
    let (text, kb) = card_view(&front.ctx, c, who.lang).await?;
    Ok(NewMessage::html(text).with_keyboard(keyboard(&kb.unwrap_or_default())))
}

/// The pressed card replaced by the candidate as it stands now.
async fn redraw(front: &MaxFront, cb: &Callback, who: &Who, id: i64) -> anyhow::Result<()> {
    match front.ctx.store.candidate(id).await? {
        Some(c) => ack(front, cb, Some(card(front, &c, who).await?)).await,
        None => ack(front, cb, None).await,
    }
}

/// Opens the intake wizard with the suggestions filled in: with a suggested unit it stands
/// at the summary, one tap from a case.
async fn register(front: &MaxFront, cb: &Callback, who: &Who, c: &Candidate) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let Ok(link) = PostLink::parse(&c.post.link) else {
        return refuse(front, cb, &t!(who.lang, "cand-gone")).await;
    };
    if let Some((case, number)) = registered_as(ctx, &link).await? {
        ctx.store
            .settle_candidate(c.id, CandidateStatus::Registered, Some(case))
            .await?;
        redraw(front, cb, who, c.id).await?;
        return duplicate(front, &cb.user, who, link.as_str(), case, number).await;
    }
    if let Some(Dialog::Intake(_)) = Dialog::load(&ctx.store, key(cb.user.user_id)).await? {
        return refuse(front, cb, &t!(who.lang, "cand-busy")).await;
    }
    let mut intake = wizard::start(&link, screen(&c.post.excerpt), Vec::new());
    prefill(ctx, &mut intake, c).await?;
    let choices = load_choices(ctx, &intake).await?;
    suggested_repeat(&mut intake, c, &choices);
    ack(front, cb, None).await?;
    show(front, &cb.user, who, intake).await
}
