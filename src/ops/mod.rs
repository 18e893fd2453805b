//! Operating the service: the checks a command runs before it touches anything, start-up
//! retries, one-line errors, `otklik check` and the metrics endpoint. No messenger types:
//! the wiring (`app`) connects these to Telegram and storage.

pub mod check;
pub mod guard;
pub mod metrics;
pub mod report;
pub mod retry;
pub mod signal;
