//! The MAX front end: the same workflow in the national messenger MAX, beside Telegram.
//! No MAX type leaves this module.

pub mod cards;
pub mod client;
pub mod courier;
pub mod dialogs;
pub mod files;
pub mod handle;
pub mod invite;
pub mod lists;
pub mod press;
pub mod report;
pub mod serve;
pub mod text;
