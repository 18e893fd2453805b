//! What the bot waits for from a chat, kept in the database so a restart forgets nothing.

use serde::{Deserialize, Serialize};

use crate::domain::case::{Attachment, Command, DraftKind};
use crate::domain::{CaseId, UnitId};
use crate::front::callback::Action;
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
    /// The same in MAX, whose message ids are strings (`mid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_message: Option<String>,
    /// Further links of the same message, registered one after another.
    pub queue: Vec<String>,
    /// The candidate post this wizard registers (issue 13), settled with the case.
    #[serde(default)]
    pub candidate: Option<i64>,
    /// п.14: the co-executors answer one after another in the chosen order.
    #[serde(default)]
    pub sequential: bool,
}

/// A reply the bot is waiting for.
// Held only briefly between a load and a save, so the intake variant's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "await", rename_all = "snake_case")]
pub enum Dialog {
    Intake(Intake),
    // `seen`: the case version of the card whose button asked for this reply; the reply is
    // refused if the case moved past it meanwhile (SPEC §6). Absent in dialogs saved by an
    // earlier release.
    ReturnReason {
        case: CaseId,
        unit: UnitId,
        #[serde(default)]
        seen: Option<u32>,
    },
    SendBackComment {
        case: CaseId,
        #[serde(default)]
        seen: Option<u32>,
    },
    Draft {
        case: CaseId,
        kind: DraftKind,
        #[serde(default)]
        seen: Option<u32>,
    },
    Contribution {
        case: CaseId,
        unit: UnitId,
        #[serde(default)]
        seen: Option<u32>,
    },
    PublishLink {
        case: CaseId,
        #[serde(default)]
        seen: Option<u32>,
    },
    RejectReason {
        case: Option<CaseId>,
    },
    /// п.17 at any stage: the ground is chosen (its code, and its name as stored in the
    /// reason), the curator's comment is awaited.
    RejectComment {
        case: CaseId,
        ground: u8,
        name: String,
        seen: Option<u32>,
    },
    /// п.19 by hand: the text of a deficiency notice about `unit` (and `case`).
    Deficiency {
        unit: UnitId,
        case: Option<CaseId>,
    },
    /// п.16: the items of a Telegram album answering `reply` (a draft or a contribution),
    /// kept here item by item so a restart between them loses no file. `items` counts the
    /// updates taken, so a pending completion knows whether another item came meanwhile.
    Album {
        reply: Box<Dialog>,
        text: String,
        files: Vec<Attachment>,
        items: u32,
        update: i64,
        /// The latest album taken (a second album may follow the first).
        group: String,
    },
}

impl Dialog {
    /// The chat's dialog. One that cannot be read (e.g. written by another release) is an
    /// error, reported to the person and the log, never silently dropped; `/cancel` clears
    /// it.
    pub async fn load(store: &Store, chat: i64) -> Result<Option<Dialog>, StoreError> {
        let Some(raw) = store.dialog_get(chat).await? else {
            return Ok(None);
        };
        serde_json::from_value(raw)
            .map(Some)
            .map_err(|e| StoreError::corrupt(format!("the dialog of chat {chat}: {e}")))
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

/// Why a reply cannot complete its dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NotALink,
    NoText,
}

impl Dialog {
    /// The command a reply with this text and these files completes.
    pub fn command(
        &self,
        text: String,
        files: Vec<Attachment>,
    ) -> Result<(CaseId, Command), Problem> {
        Ok(match self.clone() {
            Dialog::ReturnReason { case, unit, .. } => {
                (case, Command::Return { unit, reason: text })
            }
            Dialog::SendBackComment { case, .. } => (case, Command::SendBack { comment: text }),
            Dialog::Draft { case, kind, .. } => (
                case,
                Command::SubmitDraft {
                    kind,
                    text,
                    attachments: files,
                },
            ),
            Dialog::Contribution { case, unit, .. } => (
                case,
                Command::Contribute {
                    unit,
                    text,
                    attachments: files,
                },
            ),
            Dialog::PublishLink { case, .. } => (
                case,
                Command::Publish {
                    url: Some(published_link(&text)?),
                },
            ),
            Dialog::RejectReason { case: Some(case) } => (case, Command::Reject { reason: text }),
            Dialog::RejectComment { case, name, .. } => {
                if text.trim().is_empty() {
                    return Err(Problem::NoText);
                }
                let reason = format!("{name} — {}", text.trim());
                (case, Command::Reject { reason })
            }
            Dialog::RejectReason { case: None } | Dialog::Intake(_) | Dialog::Deficiency { .. } => {
                return Err(Problem::NoText)
            }
            Dialog::Album { reply, .. } => return reply.command(text, files),
        })
    }

    /// The case version the card that asked for this reply showed.
    pub fn seen(&self) -> Option<u32> {
        match self {
            Dialog::ReturnReason { seen, .. }
            | Dialog::SendBackComment { seen, .. }
            | Dialog::Draft { seen, .. }
            | Dialog::Contribution { seen, .. }
            | Dialog::PublishLink { seen, .. }
            | Dialog::RejectComment { seen, .. } => *seen,
            Dialog::RejectReason { .. } | Dialog::Intake(_) | Dialog::Deficiency { .. } => None,
            Dialog::Album { reply, .. } => reply.seen(),
        }
    }

    /// Whether this dialog takes files: a draft or a contribution, or an album for one.
    pub fn takes_files(&self) -> bool {
        matches!(
            self,
            Dialog::Draft { .. } | Dialog::Contribution { .. } | Dialog::Album { .. }
        )
    }

    /// The command with a placeholder reply, to check before asking that it could be done.
    pub fn probe(&self) -> Option<(CaseId, Command)> {
        match self {
            Dialog::PublishLink { case, .. } => Some((*case, Command::Publish { url: None })),
            other => other.command("-".into(), Vec::new()).ok(),
        }
    }
}

/// The link to a published answer: an http(s) URL, nothing else.
fn published_link(text: &str) -> Result<String, Problem> {
    let url = url::Url::parse(text.trim()).map_err(|_| Problem::NotALink)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() || text.len() > 2048 {
        return Err(Problem::NotALink);
    }
    Ok(url.to_string())
}

/// The reply a button asks for, with the version its card showed.
pub fn dialog_for(action: Action) -> Option<Dialog> {
    use Action::*;
    Some(match action {
        Return(case, unit, v) => Dialog::ReturnReason {
            case,
            unit,
            seen: Some(v),
        },
        Write(case, kind, v) => Dialog::Draft {
            case,
            kind,
            seen: Some(v),
        },
        Contribute(case, unit, v) => Dialog::Contribution {
            case,
            unit,
            seen: Some(v),
        },
        SendBack(case, v) => Dialog::SendBackComment {
            case,
            seen: Some(v),
        },
        Publish(case, v) => Dialog::PublishLink {
            case,
            seen: Some(v),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_published_links() {
        assert!(published_link("https://vk.com/wall-1_2?reply=3").is_ok());
        for bad in [
            "vk.com/wall",
            "javascript:alert(1)",
            "ftp://x.ru/a",
            "просто текст",
            "",
        ] {
            assert!(published_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_dialog_saved_by_the_previous_release_still_loads() {
        let old = serde_json::json!({"await": "draft", "case": 4, "kind": "final"});
        let d: Dialog = serde_json::from_value(old).expect("loads");
        assert_eq!(d.seen(), None);
    }

    #[test]
    fn every_reply_dialog_can_be_probed() {
        let case = CaseId(1);
        let unit = crate::domain::UnitId(2);
        let seen = Some(3);
        for d in [
            Dialog::ReturnReason { case, unit, seen },
            Dialog::SendBackComment { case, seen },
            Dialog::Draft {
                case,
                kind: DraftKind::Final,
                seen,
            },
            Dialog::Contribution { case, unit, seen },
            Dialog::PublishLink { case, seen },
            Dialog::RejectComment {
                case,
                ground: 1,
                name: "угрозы".into(),
                seen,
            },
        ] {
            assert_eq!(d.seen(), seen);
            assert_eq!(d.probe().map(|(c, _)| c), Some(case), "{d:?}");
        }
    }
}
