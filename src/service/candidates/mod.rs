//! Candidate posts as use cases (issue 13): a post found in a read chat or community is
//! screened by the domain (signals), given its suggestions, stored with its planned card
//! (pacing) and released to the curators' outbox when due; an approved answer is published
//! back under the post. Knows no messenger: the Telegram adapter and the VK poller call in.

mod offer;
mod publish;
mod release;

pub use offer::{offer, Env, Offered, Post, Source};
pub use publish::{
    publish_from_bot, target_for, Answer, FileLeft, Posted, Poster, PublishError, Published,
};
pub use release::run_release;
