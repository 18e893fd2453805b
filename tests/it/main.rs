mod fake_telegram;
mod helpers;
mod scheduler;
mod storage;
