mod bot_admin;
mod bot_intake;
mod fake_telegram;
mod helpers;
mod resilience;
mod scheduler;
mod storage;
