//! The values storage takes and returns.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{Case, CaseEvent};
use crate::domain::deadline::{Deadline, DeadlineKind, DeadlinePolicy, Party};
use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::domain::messenger::Messenger;
use crate::domain::notice::NoticeKind;

/// When a command happens and which messenger update carried it (to refuse redeliveries);
/// for a press, the case version its card showed and the card itself (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandMeta {
    pub now: DateTime<Utc>,
    pub update_id: Option<i64>,
    /// The case version the card or prompt showed; `None` for commands from no card.
    pub seen: Option<u32>,
    /// The card pressed: the front end redraws it itself, so it is not left behind.
    pub card: Option<CardRef>,
}

/// A card message a front end sent: where it is, to edit it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CardRef {
    pub messenger: Messenger,
    pub chat_id: i64,
    pub message_id: i64,
}

/// A recorded card: where it is, whose it is, the case version it showed and what its
/// buttons act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCard {
    pub at: CardRef,
    pub case: CaseId,
    pub person: PersonId,
    pub version: u32,
    pub concerns: Vec<crate::domain::case::Concern>,
    /// It asked for a typed reply (a dialog's prompt).
    pub prompt: bool,
}

impl CommandMeta {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            update_id: None,
            seen: None,
            card: None,
        }
    }

    pub fn for_update(now: DateTime<Utc>, update_id: i64) -> Self {
        Self {
            update_id: Some(update_id),
            ..Self::at(now)
        }
    }

    /// The command comes from a card that showed version `seen`.
    pub fn seeing(self, seen: Option<u32>, card: Option<CardRef>) -> Self {
        Self { seen, card, ..self }
    }
}

/// What deadlines are computed with: the organization's calendar and terms.
#[derive(Debug, Clone)]
pub struct StoreCtx {
    pub calendar: WorkCalendar,
    pub policy: DeadlinePolicy,
}

impl StoreCtx {
    pub fn new(calendar: WorkCalendar, policy: DeadlinePolicy) -> Self {
        Self { calendar, policy }
    }

    pub fn from_config(config: &Config) -> Self {
        Self::new(
            WorkCalendar::new(config.calendar.clone()),
            config.deadlines.clone(),
        )
    }
}

/// A case with its full history (event id, event; oldest first) and its deadlines as
/// computed from that history now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub case: Case,
    pub history: Vec<(i64, CaseEvent)>,
    pub deadlines: Vec<Deadline>,
}

impl CaseView {
    /// Replays a history and computes its deadlines with the organization's terms.
    pub fn from_history(
        id: CaseId,
        number: i64,
        history: Vec<(i64, CaseEvent)>,
        ctx: &StoreCtx,
    ) -> Result<CaseView, super::StoreError> {
        let events: Vec<CaseEvent> = history.iter().map(|(_, e)| e.clone()).collect();
        let case = Case::replay(id, number, &events)
            .map_err(|e| super::StoreError::corrupt(format!("case {id}: {e}")))?;
        let rules = ctx.policy.rules_for(&case.importance);
        let deadlines = crate::domain::deadline::compute(&events, &ctx.calendar, &rules);
        Ok(CaseView {
            case,
            history,
            deadlines,
        })
    }

    pub fn events(&self) -> impl Iterator<Item = &CaseEvent> {
        self.history.iter().map(|(_, e)| e)
    }
}

/// What applying the configuration's directory changed, as short descriptions such as
/// `person Иванова А.С.` or `topic ЖКХ`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryChanges {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub deactivated: Vec<String>,
}

impl DirectoryChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.deactivated.is_empty()
    }
}

/// One of the classification lists the curator picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Catalog {
    Topics,
    Locations,
    Importance,
}

impl Catalog {
    pub const ALL: [Catalog; 3] = [Self::Topics, Self::Locations, Self::Importance];

    /// The singular word used in change descriptions.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Topics => "topic",
            Self::Locations => "location",
            Self::Importance => "importance level",
        }
    }
}

/// Per-person settings beyond the directory's [`crate::domain::directory::Person`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonSettings {
    /// The UI language chosen by the person (`None`: the default).
    pub language: Option<String>,
    /// The messenger refused delivery (e.g. the person blocked the bot).
    pub unreachable: bool,
}

/// The active person behind a messenger account, as one read finds them: the directory's
/// person, the workflow's actor, and the settings an adapter needs at once.
#[derive(Debug, Clone)]
pub struct Identity {
    pub person: crate::domain::directory::Person,
    pub actor: crate::domain::directory::Actor,
    pub language: Option<String>,
    pub last_messenger: Option<Messenger>,
    /// The directory's generation as this read saw it (see `Store::directory_generation`).
    pub directory_generation: i64,
}

/// The first cases of a list, replayed, and how many the whole list holds.
#[derive(Debug, Clone, Default)]
pub struct CasePage {
    pub views: Vec<CaseView>,
    /// How many the whole list holds, counted up to the cap the caller gave.
    pub total: usize,
    /// The list holds more than `total` (the count stopped at the cap).
    pub more: bool,
}

/// Every unit's and person's name with the directory generation they were read at (the
/// front ends cache them until the generation moves).
#[derive(Debug, Clone, Default)]
pub struct NameRows {
    pub generation: i64,
    pub units: Vec<(UnitId, String)>,
    pub people: Vec<(PersonId, String)>,
}

/// A notification claimed for delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub id: i64,
    pub person: PersonId,
    pub chat_id: i64,
    pub case_id: Option<CaseId>,
    /// A serialized [`NoticeKind`] for workflow notices, or whatever `enqueue_extra` stored.
    pub payload: serde_json::Value,
    /// Delivery attempts so far, this one included.
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    /// The idempotency key: what caused the row and for whom.
    pub key: String,
    pub status: OutboxStatus,
    /// How many messages of a several-message notice already went out.
    pub parts_sent: u32,
    /// The messenger `chat_id` belongs to (for MAX: the person's MAX user id).
    pub messenger: Messenger,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    Pending,
    Sent,
    /// Given up on (e.g. the person blocked the bot).
    Dead,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Dead]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

impl OutboxItem {
    /// The workflow notice this row carries, if it is one.
    pub fn notice(&self) -> Option<NoticeKind> {
        serde_json::from_value(self.payload.clone()).ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerAction {
    /// `remind_before` ahead of the deadline.
    Remind,
    /// At the deadline, if it is still open.
    Breach,
}

impl TimerAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Remind => "remind",
            Self::Breach => "breach",
        }
    }
}

/// One timer row a case should have: an open deadline that reminds (at `remind_at`, if
/// any) and reports its breach (at `due_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerPlan {
    pub kind: DeadlineKind,
    pub party: Party,
    pub starts_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub remind_at: Option<DateTime<Utc>>,
}

/// A scheduler action that is due: remind of or report the breach of one open deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerItem {
    pub case_id: CaseId,
    pub kind: DeadlineKind,
    pub party: Party,
    pub due_at: DateTime<Utc>,
    pub action: TimerAction,
    /// When the action became due.
    pub fire_at: DateTime<Utc>,
}
