//! What both messengers show, in messenger-neutral form: the callback codec, case cards,
//! keyboards, notices, refusals and wording, and the dialog a button asks for. The Telegram
//! adapter (`bot`) and the MAX adapter (`max`) each turn these into their own API calls.

pub mod callback;
pub mod candidates;
pub mod cards;
pub mod dialog;
pub mod format;
pub mod keyboards;
pub mod left_behind;
pub mod notices;
pub mod refusal;
pub mod views;
pub mod wording;
