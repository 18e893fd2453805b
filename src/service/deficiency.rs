//! п.19 by hand (issue 9): the curator or a coordinator sends the controller a deficiency
//! notice about a unit, with a text and optionally a case. Recorded and queued for the
//! controllers in one transaction; the monthly summary counts it.

use crate::domain::deficiency;
use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::domain::notice::{Audience, NoticeKind, RoleCode};
use crate::storage::deficiency::DeficiencyNotice;
use crate::storage::{CommandMeta, Store, StoreError};

/// What the sender asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub author: PersonId,
    pub unit: UnitId,
    pub case: Option<CaseId>,
    pub text: String,
}

/// Records the notice and queues it for every controller; returns its id. Refused (and
/// nothing written) for a sender without the role, an empty text or an inactive unit.
pub async fn send(store: &Store, req: Request, meta: CommandMeta) -> Result<i64, StoreError> {
    let now = chrono::DateTime::from_timestamp(meta.now.timestamp(), 0).unwrap_or(meta.now);
    let mut tx = store.begin_write().await?;
    tx.claim_update(meta.update_id, now).await?;
    let actor = tx
        .actor(req.author)
        .await?
        .ok_or(StoreError::UnknownPerson(req.author))?;
    deficiency::may_send(&actor)?;
    let text = deficiency::text(&req.text)?;
    if !tx.unit_is_active(req.unit).await? {
        return Err(StoreError::UnknownUnit(req.unit));
    }
    let notice = DeficiencyNotice {
        unit: req.unit,
        case: req.case,
        author: req.author,
        text,
        at: now,
    };
    let id = tx.insert_deficiency_notice(&notice).await?;
    let payload =
        serde_json::to_value(NoticeKind::Deficiency { id }).map_err(StoreError::corrupt)?;
    let controllers = Audience::Role {
        role: RoleCode::Controller,
    };
    tx.enqueue(controllers, req.case, &payload, &format!("p19:{id}"), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}
