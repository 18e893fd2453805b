//! Telegram's side of what the person sees: menus, tracked cards, sending, and the one
//! conversion of neutral keyboards into Telegram's (`markup`). The neutral renderers live in
//! `crate::front`; they are re-exported here so handlers name them as `crate::bot::x`.

pub mod markup;
pub mod media;
pub mod menu;
pub mod reply;
pub mod tracked;

pub use crate::front::{
    callback, cards, coexec, format, keyboards, left_behind, notices, refusal, views, wording,
};
