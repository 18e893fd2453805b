//! What the person sees: cards, keyboards, notices, menus, refusals, and how they are sent.

pub mod callback;
pub mod cards;
pub mod deficiency;
pub mod format;
pub mod keyboards;
pub mod left_behind;
pub mod media;
pub mod menu;
pub mod notices;
pub mod refusal;
pub mod reply;
pub mod tracked;
pub mod views;
pub mod wording;
