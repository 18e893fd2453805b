//! Use cases: each takes typed input, loads what it needs through a storage transaction
//! ([`crate::storage::Tx`]), lets the domain decide, and commits events, timers and outbox
//! rows together. Written once for both backends; front ends and the scheduler call these.

pub mod candidates;
pub mod cases;
pub mod deficiency;
pub mod directory;
pub mod invites;
pub mod notices;
pub mod report;
pub mod timers;
