//! Which notices a change causes and under which keys they are queued — deterministic keys,
//! so the same cause never notifies twice.

use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseEvent};
use crate::domain::notice::notices_for;
use crate::storage::{StoreError, Tx};

/// The notices of newly appended events, keyed by event id and the notice's place among
/// that event's notices.
pub(crate) async fn for_events(
    tx: &mut Tx,
    case: &Case,
    new_events: &[(i64, CaseEvent)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (event_id, event) in new_events {
        let notices = notices_for(case, std::slice::from_ref(event));
        for (i, notice) in notices.iter().enumerate() {
            let payload = serde_json::to_value(&notice.kind).map_err(StoreError::corrupt)?;
            let key = format!("ev:{event_id}:{i}");
            tx.enqueue(notice.audience, Some(case.id), &payload, &key, now)
                .await?;
        }
    }
    Ok(())
}
