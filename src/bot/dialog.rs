//! What the bot waits for from a chat, kept in the database so a restart forgets nothing.

use serde::{Deserialize, Serialize};

use crate::domain::case::DraftKind;
use crate::domain::{CaseId, UnitId};
use crate::storage::{Store, StoreError};

/// The intake wizard's answers so far (SPEC §5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    /// The normalized link and its network code.
    pub link: String,
    pub network: String,
    /// п.17 findings in the text that came with the link, as categories.
    pub warnings: Vec<String>,
    pub topic: Option<String>,
    pub location: Option<String>,
    pub importance: Option<String>,
    pub units: Vec<UnitId>,
    pub units_done: bool,
    pub repeat_of: Option<CaseId>,
    /// The wizard's message, edited in place at every step.
    pub message_id: Option<i32>,
    /// Further links of the same message, registered one after another.
    pub queue: Vec<String>,
}

/// A reply the bot is waiting for.
// Held only briefly between a load and a save, so the intake variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "await", rename_all = "snake_case")]
pub enum Dialog {
    Intake(Intake),
    ReturnReason { case: CaseId, unit: UnitId },
    SendBackComment { case: CaseId },
    Draft { case: CaseId, kind: DraftKind },
    Contribution { case: CaseId, unit: UnitId },
    PublishLink { case: CaseId },
    RejectReason { case: Option<CaseId> },
}

impl Dialog {
    pub async fn load(store: &Store, chat: i64) -> Result<Option<Dialog>, StoreError> {
        let raw = store.dialog_get(chat).await?;
        // An unreadable dialog (e.g. from an older release) is dropped, not an error.
        Ok(raw.and_then(|v| serde_json::from_value(v).ok()))
    }

    pub async fn save(
        &self,
        store: &Store,
        chat: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let value = serde_json::to_value(self).map_err(|e| StoreError::Invalid(e.to_string()))?;
        store.dialog_put(chat, &value, now).await
    }

    pub async fn clear(store: &Store, chat: i64) -> Result<(), StoreError> {
        store.dialog_clear(chat).await
    }
}
