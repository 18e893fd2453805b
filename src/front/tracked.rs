//! Records the case cards a front end sends with buttons, so a change that moves the case
//! past them can redraw them without buttons (SPEC §6). A failed record costs only that
//! redraw (a press on the card is still checked), so it is logged, not raised.

use crate::domain::case::Concern;
use crate::domain::{CaseId, PersonId};
use crate::front::buttons::Keyboard;
use crate::front::callback::Action;
use crate::front::ctx::Ctx;
use crate::storage::{CardRef, CaseCard};

/// A message of `case` was sent or redrawn with `kb`: record what its buttons act on, or
/// forget it when it has none left.
pub async fn card_drawn(
    ctx: &Ctx,
    person: PersonId,
    at: CardRef,
    case: CaseId,
    kb: Option<&Keyboard>,
) {
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
    ctx: &Ctx,
    person: PersonId,
    at: CardRef,
    (case, version, concern): (CaseId, u32, Concern),
) {
    let card = CaseCard {
        at,
        case,
        person,
        version,
        concerns: vec![concern],
        prompt: true,
    };
    log(ctx.store.remember_card(&card).await);
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
