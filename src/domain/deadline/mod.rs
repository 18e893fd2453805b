//! Deadlines of SPEC §3 (п.9–п.14), derived from a case's history and the calendar.

mod compute;
mod fingerprint;
mod holder;
mod kind;
mod rules;
#[cfg(test)]
mod tests;

pub use compute::{compute, headline, Closure, Deadline, Outcome};
pub use fingerprint::fingerprint;
pub use holder::{narrows, to_holders};
pub use kind::{DeadlineKind, Party};
pub use rules::{DeadlineOverrides, DeadlinePolicy, DeadlineRules};
