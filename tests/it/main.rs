mod architecture;
mod bot_admin;
mod bot_failures;
mod bot_flow;
mod bot_intake;
mod bot_lists;
mod bot_privacy;
mod bot_report;
mod bot_report_once;
mod fake_telegram;
#[macro_use]
mod helpers;
mod ops;
mod resilience;
mod scheduler;
mod service;
mod storage;
