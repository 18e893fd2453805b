//! Which notices a change causes and under which keys they are queued — deterministic keys,
//! so the same cause never notifies twice — and the cards it leaves behind (SPEC §6).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseEvent};
use crate::domain::ids::PersonId;
use crate::domain::notice::{notices_for, reassigned_away, Audience, NoticeKind};
use crate::storage::{CardRef, StoreError, Tx};

/// The notices of newly appended events, keyed by event id and the notice's place among
/// that event's notices.
pub(crate) async fn for_events(
    tx: &mut Tx,
    case: &Case,
    new_events: &[(i64, CaseEvent)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // Who already got a once-per-person card from this change.
    let mut carded: HashSet<PersonId> = HashSet::new();
    for (event_id, event) in new_events {
        let notices = notices_for(case, std::slice::from_ref(event));
        for (i, notice) in notices.iter().enumerate() {
            let payload = serde_json::to_value(&notice.kind).map_err(StoreError::corrupt)?;
            let key = format!("ev:{event_id}:{i}");
            if !notice.once_per_person() {
                tx.enqueue(notice.audience, Some(case.id), &payload, &key, now)
                    .await?;
                continue;
            }
            // The same `{key}:{person}` as an audience-wide enqueue would write.
            for id in tx.audience(notice.audience).await? {
                if carded.insert(id) {
                    let person = Audience::Person { id };
                    tx.enqueue(person, Some(case.id), &payload, &key, now)
                        .await?;
                }
            }
        }
    }
    Ok(())
}

/// Tells the units the change took the case away from (a reassignment), keyed by the
/// change's first event.
pub(crate) async fn for_units_left(
    tx: &mut Tx,
    before: &Case,
    after: &Case,
    new_events: &[(i64, CaseEvent)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some((first_id, _)) = new_events.first() else {
        return Ok(());
    };
    let events: Vec<CaseEvent> = new_events.iter().map(|(_, e)| e.clone()).collect();
    for (i, notice) in reassigned_away(before, after, &events).iter().enumerate() {
        let payload = serde_json::to_value(&notice.kind).map_err(StoreError::corrupt)?;
        let key = format!("away:{first_id}:{i}");
        tx.enqueue(notice.audience, Some(after.id), &payload, &key, now)
            .await?;
    }
    Ok(())
}

/// Queues an edit of every recorded card of the case whose buttons the history moved past
/// (the domain decides which), and forgets those cards. `pressed` is the card the command
/// came from: its front end redraws it itself.
pub(crate) async fn for_cards_left(
    tx: &mut Tx,
    case: &Case,
    history: &[CaseEvent],
    pressed: Option<CardRef>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for card in tx.case_cards(case.id).await? {
        if Some(card.at) == pressed {
            continue;
        }
        let Some(moved) = case.moved_since(history, card.version, &card.concerns) else {
            continue;
        };
        let notice = NoticeKind::CardLeftBehind {
            message_id: card.at.message_id,
            moved,
            prompt: card.prompt,
        };
        let payload = serde_json::to_value(&notice).map_err(StoreError::corrupt)?;
        let at = card.at;
        let key = format!(
            "card:{}:{}:{}:{}",
            at.messenger.as_str(),
            at.chat_id,
            at.message_id,
            case.version
        );
        tx.enqueue_to((card.person, at), Some(case.id), &payload, &key, now)
            .await?;
        tx.forget_card(at).await?;
    }
    Ok(())
}
