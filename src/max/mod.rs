//! The MAX front end: the same workflow in the national messenger MAX, beside Telegram.
//! No MAX type leaves this module.

pub mod admin;
pub mod callbacks;
pub mod candidates;
pub mod cards;
pub mod client;
pub mod courier;
pub mod dialogs;
pub mod files;
pub mod handle;
pub mod intake;
pub mod invite;
pub mod lists;
pub mod menu;
pub mod notice;
pub mod press;
pub mod publish;
pub mod report;
pub mod serve;
pub mod text;
pub mod wizard;
