//! What both messengers show, in messenger-neutral form: the callback codec, case cards,
//! keyboards as rows of [`buttons::Button`], notices as parts to send, refusals and
//! wording, the dialog a button asks for, and the context both adapters share. The
//! Telegram adapter (`bot`) and the MAX adapter (`max`) each turn these into their own API
//! calls; nothing here knows either messenger.

pub mod admin;
pub mod buttons;
pub mod callback;
pub mod candidates;
pub mod cards;
pub mod coexec;
pub mod ctx;
pub mod deficiency;
pub mod dialog;
pub mod format;
pub mod intake;
pub mod keyboards;
pub mod left_behind;
pub mod lists;
pub mod media;
pub mod menu;
pub mod names;
pub mod notices;
pub mod refusal;
pub mod report;
pub mod start;
pub mod tracked;
pub mod transfer;
pub mod views;
pub mod who;
pub mod wording;

pub use ctx::Ctx;
