//! Polling the listed communities: new wall posts, and new comments under the latest posts,
//! offered as candidates exactly like chat messages (signals, suggestions, pacing).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::client::{VkClient, VkError, WallPost};
use crate::clock::SharedClock;
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::candidate::ChatMode;
use crate::domain::intake::PostLink;
use crate::scheduler::Shutdown;
use crate::service::candidates::{offer, Env, Offered, Post, Source};
use crate::storage::{Store, StoreCtx};

/// Posts read from each wall per poll.
const POSTS: u32 = 20;
/// The latest posts whose comments are read (each is one more request).
const POSTS_WITH_COMMENTS: usize = 5;
const COMMENTS: u32 = 50;
/// Between two polls; all communities of a district take a few seconds at 3 requests/s.
pub const POLL_EVERY: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollStats {
    pub read: usize,
    pub added: usize,
    /// Outbox rows queued at once (cards due now).
    pub queued: usize,
    pub failed_communities: usize,
}

/// One pass over every listed community. A community that fails is logged and skipped;
/// a storage failure stops the pass.
pub async fn poll_once(client: &VkClient, env: &Env<'_>) -> anyhow::Result<PollStats> {
    let mut stats = PollStats::default();
    for community in &env.rules.vk_communities {
        match poll_community(client, env, community, &mut stats).await {
            Ok(()) => {}
            Err(PollError::Vk(e)) => {
                stats.failed_communities += 1;
                tracing::warn!(community = %community, error = %e, "polling a VK community failed");
            }
            Err(PollError::Store(e)) => return Err(e.into()),
        }
    }
    Ok(stats)
}

enum PollError {
    Vk(VkError),
    Store(crate::storage::StoreError),
}

impl From<VkError> for PollError {
    fn from(e: VkError) -> Self {
        Self::Vk(e)
    }
}

impl From<crate::storage::StoreError> for PollError {
    fn from(e: crate::storage::StoreError) -> Self {
        Self::Store(e)
    }
}

async fn poll_community(
    client: &VkClient,
    env: &Env<'_>,
    community: &str,
    stats: &mut PollStats,
) -> Result<(), PollError> {
    let page = client.wall_get(community, POSTS).await?;
    let place = page
        .groups
        .first()
        .map(|g| g.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| community.to_owned());
    for post in &page.items {
        let source = Source::Vk {
            owner_id: post.owner_id,
            post_id: post.id,
            comment: None,
        };
        take(env, source, &place, &post.text, stats).await?;
    }
    for post in page
        .items
        .iter()
        .filter(|p| has_comments(p))
        .take(POSTS_WITH_COMMENTS)
    {
        let comments = client
            .wall_get_comments(post.owner_id, post.id, COMMENTS)
            .await?;
        for c in comments {
            let source = Source::Vk {
                owner_id: post.owner_id,
                post_id: post.id,
                comment: Some(c.id),
            };
            take(env, source, &place, &c.text, stats).await?;
        }
    }
    Ok(())
}

fn has_comments(p: &WallPost) -> bool {
    p.comments.as_ref().is_some_and(|c| c.count > 0)
}

async fn take(
    env: &Env<'_>,
    source: Source,
    place: &str,
    text: &str,
    stats: &mut PollStats,
) -> Result<(), PollError> {
    stats.read += 1;
    let Source::Vk {
        owner_id, post_id, ..
    } = source
    else {
        return Ok(());
    };
    let Ok(link) = PostLink::parse(&format!("https://vk.com/wall{owner_id}_{post_id}")) else {
        return Ok(());
    };
    let post = Post {
        source,
        link,
        place: place.to_owned(),
        text: text.to_owned(),
    };
    // Communities are read like filtered chats: only posts with a signal.
    if let Offered::Added { queued, .. } = offer(env, ChatMode::Filtered, post).await? {
        stats.added += 1;
        stats.queued += queued;
    }
    Ok(())
}

/// Polls every [`POLL_EVERY`] until `shutdown`, waking `delivery` when cards were queued.
pub async fn run_poller(
    client: VkClient,
    store: Store,
    config: Arc<Config>,
    calendar: WorkCalendar,
    clock: SharedClock,
    delivery: Arc<Notify>,
    shutdown: Shutdown,
) {
    loop {
        let env = Env {
            store: &store,
            rules: &config.candidates,
            calendar: &calendar,
            store_ctx: StoreCtx::new(calendar.clone(), config.deadlines.clone()),
            now: clock.now(),
        };
        match poll_once(&client, &env).await {
            Ok(stats) if stats.queued > 0 => delivery.notify_one(),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "a VK poll failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(POLL_EVERY) => {}
            () = shutdown.cancelled() => return,
        }
    }
}
