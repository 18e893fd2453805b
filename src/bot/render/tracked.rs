//! Records the case cards Telegram shows with buttons (the rule is `front::tracked`), by
//! their chat and message id.

use teloxide::types::{ChatId, MessageId};

use crate::bot::ctx::BotCtx;
use crate::domain::case::Concern;
use crate::domain::messenger::Messenger;
use crate::domain::{CaseId, PersonId};
use crate::front::buttons::Keyboard;
use crate::storage::CardRef;

/// A message of `case` was sent or redrawn with `kb`: record what its buttons act on, or
/// forget it when it has none left.
pub async fn card_drawn(
    ctx: &BotCtx,
    person: PersonId,
    (chat, id): (ChatId, MessageId),
    case: CaseId,
    kb: Option<&Keyboard>,
) {
    crate::front::tracked::card_drawn(ctx, person, card_ref(chat, id), case, kb).await;
}

/// A prompt asked for a typed reply about `case`, from a card that showed `version`.
pub async fn prompt_sent(
    ctx: &BotCtx,
    person: PersonId,
    (chat, id): (ChatId, MessageId),
    shown: (CaseId, u32, Concern),
) {
    crate::front::tracked::prompt_sent(ctx, person, card_ref(chat, id), shown).await;
}

fn card_ref(chat: ChatId, id: MessageId) -> CardRef {
    CardRef {
        messenger: Messenger::Telegram,
        chat_id: chat.0,
        message_id: i64::from(id.0),
    }
}
