//! A courier for tests and benchmarks: records every attempt and answers from a script.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::domain::ids::{CaseId, PersonId};
use crate::domain::notice::NoticeKind;
use crate::storage::OutboxItem;

use super::{Courier, Delivery};

/// One delivery attempt as the courier saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub outbox_id: i64,
    pub chat_id: i64,
    pub person: PersonId,
    pub case_id: Option<CaseId>,
    pub notice: Option<NoticeKind>,
    pub payload: serde_json::Value,
    pub outcome: Delivery,
}

/// Answers `Sent` unless a scripted outcome is queued for the chat. Clones share state.
#[derive(Debug, Clone, Default)]
pub struct RecordingCourier {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    attempts: Vec<Attempt>,
    script: HashMap<i64, VecDeque<Delivery>>,
}

impl RecordingCourier {
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next attempts to `chat` end with these outcomes, in order; then `Sent` again.
    pub fn script(&self, chat: i64, outcomes: impl IntoIterator<Item = Delivery>) {
        self.state()
            .script
            .entry(chat)
            .or_default()
            .extend(outcomes);
    }

    /// Every attempt so far, in the order they were made.
    pub fn attempts(&self) -> Vec<Attempt> {
        self.state().attempts.clone()
    }

    /// The attempts that were accepted.
    pub fn sent(&self) -> Vec<Attempt> {
        self.attempts()
            .into_iter()
            .filter(|a| a.outcome == Delivery::Sent)
            .collect()
    }

    /// The accepted notices to one chat, in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Attempt> {
        self.sent()
            .into_iter()
            .filter(|a| a.chat_id == chat)
            .collect()
    }

    pub fn clear(&self) {
        self.state().attempts.clear();
    }
}

impl Courier for RecordingCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        let mut state = self.state();
        let outcome = state
            .script
            .get_mut(&item.chat_id)
            .and_then(VecDeque::pop_front)
            .unwrap_or(Delivery::Sent);
        state.attempts.push(Attempt {
            outbox_id: item.id,
            chat_id: item.chat_id,
            person: item.person,
            case_id: item.case_id,
            notice: item.notice(),
            payload: item.payload.clone(),
            outcome: outcome.clone(),
        });
        outcome
    }
}
