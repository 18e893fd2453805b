//! Otklik: a municipal administration's work with citizens' posts, as a Telegram bot.

pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod front;
pub mod i18n;
pub mod max;
pub mod ops;
pub mod report;
pub mod scheduler;
pub mod service;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod vk;
