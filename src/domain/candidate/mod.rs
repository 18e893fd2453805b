//! Candidate posts (issue 13, SPEC §11): which messages of watched chats and communities
//! are worth the curator's look, what to suggest for them, and when their cards go out.
//! Pure logic: no I/O, no messenger.

mod pacing;
mod signals;
mod suggest;
mod target;
mod text;

pub use pacing::{plan, Pace, Plan, Scheduled, Slot};
pub use signals::{Normalized, Signals, SignalsError, Stems};
pub use suggest::{unit_id, SuggestRule, Suggester, Suggestion};
pub use target::PublishTarget;
pub use text::{excerpt, EXCERPT_CHARS};

#[cfg(test)]
mod tests;

/// Whether two names of the directory are the same, as a reader would see it (any case,
/// Cyrillic included).
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// How a chat's messages are screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatMode {
    /// Every message is a candidate (e.g. a channel of complaints).
    Watched,
    /// Only messages that match the signals are candidates (a district's open chat).
    Filtered,
}

/// A Telegram chat as the configuration names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatRef {
    /// The Bot API chat id (`-100…` for supergroups and channels).
    Id(i64),
    /// The public username, without `@`, lowercase.
    Username(String),
}

impl ChatRef {
    pub fn matches(&self, id: i64, username: Option<&str>) -> bool {
        match self {
            ChatRef::Id(x) => *x == id,
            ChatRef::Username(u) => {
                username.is_some_and(|n| n.trim_start_matches('@').eq_ignore_ascii_case(u))
            }
        }
    }
}

/// One chat the bot reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchedChat {
    pub chat: ChatRef,
    pub mode: ChatMode,
}

/// Everything the configuration says about candidates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CandidateRules {
    pub chats: Vec<WatchedChat>,
    /// VK communities polled for posts and comments: screen names or numeric ids.
    pub vk_communities: Vec<String>,
    pub signals: Signals,
    pub suggester: Suggester,
    pub pace: Pace,
}

/// Why a message is a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The chat is watched: every message counts.
    Watched,
    /// The signal (as configured) the text matched.
    Signal(String),
}

impl CandidateRules {
    /// The mode of a chat, `None` if the bot does not read it.
    pub fn mode_of(&self, id: i64, username: Option<&str>) -> Option<ChatMode> {
        self.chats
            .iter()
            .find(|c| c.chat.matches(id, username))
            .map(|c| c.mode)
    }

    /// Whether a message of a chat in `mode` is a candidate, and why. Empty texts never are.
    pub fn screen(&self, mode: ChatMode, text: &str) -> Option<Reason> {
        if text.trim().is_empty() {
            return None;
        }
        match mode {
            ChatMode::Watched => Some(Reason::Watched),
            ChatMode::Filtered => self.signals.first_match(text).map(Reason::Signal),
        }
    }

    /// Whether the bot reads anything at all.
    pub fn is_enabled(&self) -> bool {
        !self.chats.is_empty() || !self.vk_communities.is_empty()
    }
}
