//! Where the bot may publish an answer itself (п.12, issue 13): under the source post, in a
//! Telegram chat it reads (so it is a member there) or on a VK community's wall.

use url::Url;

use super::{CandidateRules, ChatRef};

/// The post an answer goes under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishTarget {
    /// A reply to `message_id` in a Telegram supergroup or channel.
    Telegram { chat: ChatRef, message_id: i64 },
    /// A community comment under a wall post, or in reply to a comment under it.
    Vk {
        owner_id: i64,
        post_id: i64,
        comment: Option<i64>,
    },
}

/// Bot API ids of supergroups and channels are `-100` followed by the id in `t.me/c/` links.
const CHANNEL_BASE: i64 = 1_000_000_000_000;

impl PublishTarget {
    /// `telegram` or `vk`, as stored.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Telegram { .. } => "telegram",
            Self::Vk { .. } => "vk",
        }
    }

    /// The post a normalized link points to: `t.me/<username>/<id>`, `t.me/c/<id>/<msg>`,
    /// `vk.com/wall<owner>_<post>` (with `?reply=<comment>` for a comment). Anything else
    /// (a profile, a topic thread, another network) has no target.
    pub fn from_link(link: &str) -> Option<PublishTarget> {
        let url = Url::parse(link).ok()?;
        let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        match url.host_str()? {
            "t.me" => telegram(&segments),
            "vk.com" | "m.vk.com" => vk(&segments, &url),
            _ => None,
        }
    }

    /// Whether the bot can reach this post: a Telegram chat it reads (`known_chat` is the
    /// chat's id when a candidate from it was seen), or VK when a community token is given.
    pub fn reachable(&self, rules: &CandidateRules, known_chat: Option<i64>, vk: bool) -> bool {
        match self {
            Self::Telegram { chat, .. } => {
                let (id, name) = match chat {
                    ChatRef::Id(id) => (Some(*id), None),
                    ChatRef::Username(u) => (known_chat, Some(u.as_str())),
                };
                rules.mode_of(id.unwrap_or(0), name).is_some()
            }
            Self::Vk { .. } => vk,
        }
    }
}

fn telegram(segments: &[&str]) -> Option<PublishTarget> {
    let (chat, message) = match segments {
        ["c", id, message] => {
            let id: i64 = id.parse().ok().filter(|v| *v > 0)?;
            (ChatRef::Id(-(CHANNEL_BASE.checked_add(id)?)), *message)
        }
        [name, message] if *name != "c" => (ChatRef::Username(name.to_lowercase()), *message),
        _ => return None,
    };
    let message_id = message.parse().ok().filter(|v: &i64| *v > 0)?;
    Some(PublishTarget::Telegram { chat, message_id })
}

fn vk(segments: &[&str], url: &Url) -> Option<PublishTarget> {
    let [wall] = segments else { return None };
    let (owner, post) = wall.strip_prefix("wall")?.split_once('_')?;
    let comment = url
        .query_pairs()
        .find(|(k, _)| k == "reply")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|v: &i64| *v > 0);
    Some(PublishTarget::Vk {
        owner_id: owner.parse().ok().filter(|v: &i64| *v != 0)?,
        post_id: post.parse().ok().filter(|v: &i64| *v > 0)?,
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tg(chat: ChatRef, message_id: i64) -> Option<PublishTarget> {
        Some(PublishTarget::Telegram { chat, message_id })
    }

    #[test]
    fn telegram_post_links_name_their_chat_and_message() {
        assert_eq!(
            PublishTarget::from_link("https://t.me/Alatyr_Chat/501"),
            tg(ChatRef::Username("alatyr_chat".into()), 501)
        );
        assert_eq!(
            PublishTarget::from_link("https://t.me/c/1500000001/7"),
            tg(ChatRef::Id(-1_001_500_000_001), 7)
        );
        for none in [
            "https://t.me/alatyr_chat",
            "https://t.me/alatyr_chat/12/501",
            "https://t.me/c/0/7",
            "https://t.me/c/12/x",
            "https://example.com/a/1",
        ] {
            assert_eq!(PublishTarget::from_link(none), None, "{none}");
        }
    }

    #[test]
    fn vk_links_name_the_post_and_the_comment() {
        assert_eq!(
            PublishTarget::from_link("https://vk.com/wall-555_7001?reply=81"),
            Some(PublishTarget::Vk {
                owner_id: -555,
                post_id: 7001,
                comment: Some(81)
            })
        );
        assert_eq!(
            PublishTarget::from_link("https://vk.com/wall-555_7000"),
            Some(PublishTarget::Vk {
                owner_id: -555,
                post_id: 7000,
                comment: None
            })
        );
        assert_eq!(PublishTarget::from_link("https://vk.com/wall-555"), None);
        assert_eq!(PublishTarget::from_link("https://vk.com/id1"), None);
    }
}
