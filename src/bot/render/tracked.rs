//! Records the case cards this front end sends with buttons, so a change that moves the
//! case past them can redraw them without buttons (SPEC §6). A failed record costs only
//! that redraw (a press on the card is still checked), so it is logged, not raised.

use teloxide::types::{ChatId, MessageId};

use crate::bot::callback::Action;
use crate::bot::ctx::BotCtx;
use crate::domain::case::Concern;
use crate::domain::messenger::Messenger;
use crate::domain::{CaseId, PersonId};
use crate::front::buttons::Keyboard;
use crate::storage::{CardRef, CaseCard};

/// A message of `case` was sent or redrawn with `kb`: record what its buttons act on, or
/// forget it when it has none left.
pub async fn card_drawn(
    ctx: &BotCtx,
    person: PersonId,
    (chat, id): (ChatId, MessageId),
    case: CaseId,
    kb: Option<&Keyboard>,
) {
    let at = card_ref(chat, id);
    let found = kb.map(|kb| buttons_of(kb, case)).unwrap_or_default();
    let Some(version) = found.iter().map(|(v, _)| *v).max() else {
        log(ctx.store.forget_card(at).await);
        return;
    };
    let mut concerns: Vec<Concern> = Vec::new();
    for (_, c) in found {
        if !concerns.contains(&c) {
            concerns.push(c);
        }
    }
    let card = CaseCard {
        at,
        case,
        person,
        version,
        concerns,
        prompt: false,
    };
    log(ctx.store.remember_card(&card).await);
}

/// A prompt asked for a typed reply about `case`, from a card that showed `version`.
pub async fn prompt_sent(
    ctx: &BotCtx,
    person: PersonId,
    (chat, id): (ChatId, MessageId),
    (case, version, concern): (CaseId, u32, Concern),
) {
    let card = CaseCard {
        at: card_ref(chat, id),
        case,
        person,
        version,
        concerns: vec![concern],
        prompt: true,
    };
    log(ctx.store.remember_card(&card).await);
}

fn card_ref(chat: ChatId, id: MessageId) -> CardRef {
    CardRef {
        messenger: Messenger::Telegram,
        chat_id: chat.0,
        message_id: i64::from(id.0),
    }
}

/// The (version, concern) of every button on `kb` that acts on `case`.
fn buttons_of(kb: &Keyboard, case: CaseId) -> Vec<(u32, Concern)> {
    kb.iter()
        .flatten()
        .filter_map(|b| Action::decode(b.data()?)?.on_card())
        .filter(|(c, _, _)| *c == case)
        .map(|(_, v, concern)| (v, concern))
        .collect()
}

fn log(result: Result<(), crate::storage::StoreError>) {
    if let Err(e) = result {
        tracing::warn!(error = %e, "recording a case card failed");
    }
}
