//! VK communities as a source of candidate posts (issue 13): a small typed client of the
//! VK API (`wall.get`, `wall.getComments`, `wall.createComment` with uploaded photos and
//! documents) on reqwest, paced within VK's limits, and the poller that offers new posts and
//! comments to the curators.
//!
//! No maintained Rust VK crate fits (the ones on crates.io are unmaintained and pull in
//! their own HTTP stacks), so the few methods are spoken directly.

mod client;
mod poll;
mod upload;

pub use client::{Comment, VkClient, VkError, WallPage, WallPost, API_VERSION, DEFAULT_BASE};
pub use poll::{poll_once, run_poller, PollStats};
