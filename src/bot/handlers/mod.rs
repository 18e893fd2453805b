//! Endpoints: parse the update, call a use case, render the answer.

pub mod actions;
pub mod admin;
pub mod album;
pub mod commands;
pub mod deficiency;
pub mod group;
pub mod intake;
pub mod lists;
pub mod publish;
pub mod replies;
pub mod start;
pub mod who;

pub use crate::front::dialog;
