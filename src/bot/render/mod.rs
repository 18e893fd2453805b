//! What the person sees: cards, keyboards, notices, menus, refusals, and how they are sent.

pub mod markup;
pub mod menu;
pub mod reply;
pub mod tracked;

pub use crate::front::{
    callback, cards, format, keyboards, left_behind, notices, refusal, views, wording,
};
