//! "Reminders, escalations and delivery that loses nothing": the real binary killed and
//! restarted, redelivered updates, Telegram refusing or throttling sends, two replicas on
//! PostgreSQL, and the flood limits.

pub mod driver;
mod failures;
mod kills;
mod lease;
mod limits;
mod max_restart;
mod pacing;
mod pg;
pub(crate) mod poison;
pub mod relay;
mod replicas;
mod restart;
mod updates;
pub mod world;
