//! Why a command was refused: typed, so each front end can explain it in its own words.

use chrono::{DateTime, Utc};

use super::CaseState;
use crate::domain::Role;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("this needs the {0} role")]
    RoleRequired(Role),
    #[error("the case is not assigned to your unit")]
    NotYourUnit,
    #[error("you do not supervise the unit that holds the case")]
    NotYourDeputyUnit,
    #[error("not possible while the case is {0:?}")]
    WrongState(CaseState),
    #[error("your unit's turn has not come yet")]
    NotYourTurn,
    #[error("your unit has already done this")]
    AlreadyDone,
    #[error("the return window closed at {due}")]
    ReturnWindowClosed { due: DateTime<Utc> },
    #[error("a text is required")]
    EmptyText,
    #[error("the text is longer than {max} characters")]
    TextTooLong { max: usize },
    #[error("choose at least one unit")]
    NoUnits,
    #[error("a unit appears twice")]
    DuplicateUnit,
    /// The card the press came from no longer shows the case as it is (SPEC §6).
    #[error("the button is out of date: {0:?}")]
    Stale(super::Moved),
    #[error("a final answer is due; only a final or another intermediate answer can follow")]
    WrongDraftKind,
}
