//! Intake of posts (SPEC §5): recognizing and normalizing post links, and
//! screening pasted texts for п.17 content. Pure functions, no I/O.

mod extract;
mod lexicon;
mod link;
mod network;
mod normalize;
mod punycode;
mod screening;
mod words;

pub use extract::{channel_post_link, extract_links};
pub use lexicon::LexiconError;
pub use link::{LinkError, PostLink, MAX_LINK_LEN};
pub use network::Network;
pub use screening::{Category, Finding, Screening, ScreeningResult, BUILTIN_LEXICON};

#[cfg(test)]
mod link_tests;
#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod screening_tests;
