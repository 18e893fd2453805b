//! Pure domain logic: no async, no I/O, no messenger, no database.

pub mod calendar;
pub mod candidate;
pub mod case;
pub mod deadline;
pub mod deficiency;
pub mod directory;
pub mod duration;
pub mod ids;
pub mod intake;
pub mod messenger;
pub mod notice;
pub mod report;
pub mod role;
#[cfg(test)]
pub(crate) mod testkit;

pub use duration::WorkDuration;
pub use ids::{CaseId, PersonId, UnitId};
pub use role::Role;
