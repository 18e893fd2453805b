mod architecture;
mod bot_admin;
mod bot_candidates;
mod bot_failures;
mod bot_flow;
mod bot_intake;
mod bot_lists;
mod bot_report;
mod fake_telegram;
mod fake_vk;
#[macro_use]
mod helpers;
mod ops;
mod resilience;
mod scheduler;
mod service;
mod storage;
mod vk_candidates;
