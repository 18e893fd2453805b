//! Candidate posts as use cases (issue 13): a post found in a watched chat or community is
//! screened by the domain, stored with its suggestions and planned card, and released to
//! the curators' outbox when due. Knows no messenger: front ends and the VK poller call in.

mod offer;
mod release;

pub use offer::{offer, Env, Offered, Post, Source};
pub use release::run_release;
