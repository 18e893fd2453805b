//! Offering one post to the curators.

use chrono::{DateTime, Duration, Utc};

use crate::domain::calendar::WorkCalendar;
use crate::domain::candidate::{
    excerpt, plan, same_name, CandidateRules, ChatMode, Reason, EXCERPT_CHARS,
};
use crate::domain::intake::PostLink;
use crate::domain::CaseId;
use crate::storage::candidates::{Candidate, NewCandidate};
use crate::storage::{Store, StoreCtx, StoreError};

/// How far back an earlier case of the same topic and place counts as the one a post may
/// repeat (п.15), as in the intake wizard.
const REPEAT_LOOKBACK_DAYS: i64 = 180;

/// Where a post lives, for the link and for an answer published by the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Telegram {
        chat_id: i64,
        message_id: i64,
    },
    /// A wall post (`comment` absent) or a comment under one.
    Vk {
        owner_id: i64,
        post_id: i64,
        comment: Option<i64>,
    },
}

/// A message as the front end found it: no author data.
#[derive(Debug, Clone)]
pub struct Post {
    pub source: Source,
    pub link: PostLink,
    /// The chat's or community's title.
    pub place: String,
    pub text: String,
}

/// What the use case needs around it.
pub struct Env<'a> {
    pub store: &'a Store,
    pub rules: &'a CandidateRules,
    pub calendar: &'a WorkCalendar,
    pub store_ctx: StoreCtx,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offered {
    /// No signal in a filtered chat, or nothing to read.
    NotACandidate,
    /// Offered before (a redelivered update, a repeated poll).
    Known,
    /// Stored; `queued` outbox rows went out at once (a due card, an urgent one).
    Added {
        candidate: Box<Candidate>,
        queued: usize,
    },
}

pub async fn offer(env: &Env<'_>, mode: ChatMode, post: Post) -> Result<Offered, StoreError> {
    let Some(reason) = env.rules.screen(mode, &post.text) else {
        return Ok(Offered::NotACandidate);
    };
    let suggestion = env.rules.suggester.suggest(&post.text);
    let same_case = env
        .store
        .find_by_link(post.link.as_str(), &env.store_ctx)
        .await?
        .map(|v| v.case.id);
    let repeat_of = match same_case {
        Some(_) => None,
        None => earlier_case(env, &suggestion.topic, &suggestion.location).await?,
    };
    let (chat_id, message_id) = match post.source {
        Source::Telegram {
            chat_id,
            message_id,
        } => (chat_id, message_id),
        Source::Vk {
            owner_id,
            post_id,
            comment,
        } => (owner_id, comment.unwrap_or(post_id)),
    };
    // A VK comment shares its post's normalized link (SPEC §5) but is a post of its own.
    let link = match post.source {
        Source::Vk {
            comment: Some(c), ..
        } => format!("{}?reply={c}", post.link.as_str()),
        _ => post.link.as_str().to_owned(),
    };
    let new = NewCandidate {
        source: source_code(post.source).to_owned(),
        link,
        chat_id: Some(chat_id),
        message_id: Some(message_id),
        place: post.place,
        excerpt: excerpt(&post.text, EXCERPT_CHARS),
        reason: match reason {
            Reason::Watched => String::new(),
            Reason::Signal(s) => s,
        },
        suggestion,
        same_case,
        repeat_of,
    };
    let pace = &env.rules.pace;
    let urgent = pace.urgent.is_some() && new.suggestion.importance == pace.urgent;
    let now = env.now;
    let working = |t| env.calendar.next_working_moment(t);
    let added = env
        .store
        .add_candidate(&new, now, |before| {
            plan(now, urgent, before, pace.interval, working)
        })
        .await?;
    let Some(candidate) = added else {
        return Ok(Offered::Known);
    };
    let queued = match candidate.deliver_at <= now {
        true => env.store.release_candidates(now).await?,
        false => 0,
    };
    Ok(Offered::Added {
        candidate: Box::new(candidate),
        queued,
    })
}

pub fn source_code(s: Source) -> &'static str {
    match s {
        Source::Telegram { .. } => "telegram",
        Source::Vk { .. } => "vk",
    }
}

/// The newest recent case with the suggested topic and place, if both are suggested.
async fn earlier_case(
    env: &Env<'_>,
    topic: &Option<String>,
    location: &Option<String>,
) -> Result<Option<CaseId>, StoreError> {
    let (Some(topic), Some(location)) = (topic, location) else {
        return Ok(None);
    };
    let from = env.now - Duration::days(REPEAT_LOOKBACK_DAYS);
    let to = env.now + Duration::minutes(1);
    let cases = env.store.cases_for_period(from, to, &env.store_ctx).await?;
    Ok(cases
        .into_iter()
        .map(|v| v.case)
        .filter(|c| same_name(&c.topic, topic) && same_name(&c.location, location))
        .max_by_key(|c| c.number)
        .map(|c| c.id))
}
