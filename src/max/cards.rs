//! Case cards in MAX recorded for redraw (SPEC §6, issue 9): MAX names messages by string
//! ids, recorded cards by number, so each card's `mid` gets a number in storage. A card
//! left behind is edited to lose its buttons, as in Telegram.

use super::client::{MaxClient, MaxError, NewMessage};
use super::text::chunks;
use crate::domain::case::Concern;
use crate::domain::messenger::Messenger;
use crate::domain::{CaseId, PersonId};
use crate::front::buttons::Keyboard;
use crate::front::Ctx;
use crate::storage::CardRef;

/// Where card `mid` in `user`'s dialog is, in recorded cards' terms; `None` (logged) when
/// storage cannot number it: that costs only the redraw.
pub async fn card_ref(ctx: &Ctx, user: i64, mid: &str) -> Option<CardRef> {
    match ctx.store.max_message_number(mid).await {
        Ok(message_id) => Some(CardRef {
            messenger: Messenger::Max,
            chat_id: user,
            message_id,
        }),
        Err(e) => {
            tracing::warn!(error = %e, "numbering a MAX card failed");
            None
        }
    }
}

/// Card `mid` of `case` was sent or redrawn to `user` with `kb`.
pub async fn drawn(
    ctx: &Ctx,
    (person, user): (PersonId, i64),
    mid: &str,
    case: CaseId,
    kb: Option<&Keyboard>,
) {
    if let Some(at) = card_ref(ctx, user, mid).await {
        crate::front::tracked::card_drawn(ctx, person, at, case, kb).await;
    }
}

/// Prompt `mid` asked `user` for a typed reply about a case.
pub async fn prompt(
    ctx: &Ctx,
    (person, user): (PersonId, i64),
    mid: &str,
    shown: (CaseId, u32, Concern),
) {
    if let Some(at) = card_ref(ctx, user, mid).await {
        crate::front::tracked::prompt_sent(ctx, person, at, shown).await;
    }
}

/// Redraws a recorded card with `html` and no buttons. A card MAX no longer has (deleted,
/// too old) or one never numbered has nothing left to redraw.
pub async fn edit_left(
    client: &MaxClient,
    ctx: &Ctx,
    message_id: i64,
    html: &str,
) -> Result<(), MaxError> {
    let mid = match ctx.store.max_mid(message_id).await {
        Ok(Some(mid)) => mid,
        Ok(None) => {
            tracing::warn!(message_id, "a left-behind MAX card has no message id");
            return Ok(());
        }
        Err(e) => return Err(MaxError::Network(format!("reading the card's id: {e}"))),
    };
    // A card is one message: the redraw keeps to MAX's length limit.
    let text = chunks(html).into_iter().next().unwrap_or_default();
    match client.edit(&mid, &NewMessage::html(text)).await {
        Err(MaxError::NotFound(_)) => Ok(()),
        other => other,
    }
}
