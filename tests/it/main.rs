mod fake_telegram;
mod helpers;
mod storage;
