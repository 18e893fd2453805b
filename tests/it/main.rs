mod architecture;
mod bot_admin;
mod bot_failures;
mod bot_flow;
mod bot_intake;
mod bot_lists;
mod bot_report;
mod fake_max;
mod fake_telegram;
#[macro_use]
mod helpers;
mod max_flow;
mod ops;
mod resilience;
mod scheduler;
mod service;
mod storage;
