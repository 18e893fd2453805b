//! Use-case tests, without Telegram: call the service, assert the events, timers and outbox
//! it committed. Run against both backends.

mod cases;
mod concurrency;
mod early_read;
mod intake;
mod publish;
mod timers;
mod versions;
