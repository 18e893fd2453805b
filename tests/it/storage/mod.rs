//! Storage contract tests: one suite, run against both backends (see `contract!` in
//! `helpers`). The use cases' tests are in `service/`.

mod connect;
mod deficiency;
mod directory;
pub mod fixture;
mod invites;
mod kv;
mod outbox;
mod reads;
mod report_months;
