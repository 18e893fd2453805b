//! Publishing an approved answer from the bot under the source post (п.12 in seconds).
//!
//! The post is an external side effect, so it is bracketed by storage: the intent is written
//! first under a key naming the case and its approved draft, the link after the post, and the
//! case is closed with that link last. A retry after a crash finds the link and only closes
//! the case; finds a bare intent and does not post again (Telegram has no idempotency key; VK
//! gets the key as `guid`, so VK is asked again safely); a post that failed leaves no intent
//! behind and the case open.

use std::future::Future;

use crate::domain::candidate::{CandidateRules, PublishTarget};
use crate::domain::case::{Attachment, AttachmentKind, Command, DecideContext, EventKind};
use crate::domain::ids::{CaseId, PersonId};
use crate::storage::publications::Publication;
use crate::storage::{CaseView, CommandMeta, Store, StoreCtx, StoreError};

use super::super::cases;

/// What is posted: the approved draft and nothing else about the case.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub text: &'a str,
    pub attachments: &'a [Attachment],
    /// Stable across retries of the same draft (VK's `guid`).
    pub key: &'a str,
}

/// A post that went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub url: String,
    /// Files that could not go with it (the curator adds them by hand).
    pub files_left: Vec<FileLeft>,
}

/// A file of the answer that did not go with it: its place among the answer's files (from
/// 1) and its kind, so the curator can tell which one to add by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLeft {
    pub position: usize,
    pub kind: AttachmentKind,
}

/// The messenger side: posts an answer under a post. Implemented by the front ends.
pub trait Poster {
    fn post(
        &self,
        target: &PublishTarget,
        answer: Answer<'_>,
    ) -> impl Future<Output = Result<Posted, String>> + Send;
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Refused (role, state), missing, or storage failed; nothing was posted.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An earlier attempt left its result unknown; nothing was posted now.
    #[error("an earlier publication of this answer has no known result")]
    Unknown,
    /// The messenger refused or failed; nothing is recorded and the case stays open.
    #[error("posting failed: {0}")]
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Published {
    pub view: CaseView,
    pub url: String,
    pub files_left: Vec<FileLeft>,
}

/// Where the bot could publish this case's answer itself, if anywhere: the post it came
/// from (its candidate, else its link) when the bot reads that chat, or a VK post when a
/// community token is given (`vk`).
pub async fn target_for(
    store: &Store,
    rules: &CandidateRules,
    view: &CaseView,
    vk: bool,
) -> Result<Option<PublishTarget>, StoreError> {
    let candidate = store.candidate_of_case(view.case.id).await?;
    let link = candidate
        .as_ref()
        .map_or(view.case.link.as_str(), |c| c.post.link.as_str());
    let known_chat = candidate
        .as_ref()
        .filter(|c| c.post.source == "telegram")
        .and_then(|c| c.post.chat_id);
    Ok(PublishTarget::from_link(link).filter(|t| t.reachable(rules, known_chat, vk)))
}

/// Posts the approved answer of `case` under `target` and closes the case as published with
/// the post's link. Only the curator may, and only while the answer waits for publication.
pub async fn publish_from_bot<P: Poster>(
    store: &Store,
    case: CaseId,
    actor: PersonId,
    target: &PublishTarget,
    poster: &P,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> Result<Published, PublishError> {
    let view = store
        .case(case, ctx)
        .await?
        .ok_or(StoreError::CaseNotFound(case))?;
    allowed(store, &view, actor, meta, ctx).await?;
    let (draft_event, text, attachments) = approved_draft(&view).ok_or(StoreError::Conflict)?;
    let key = format!("pub:{}:{draft_event}", case.0);
    let answer = Answer {
        text: &text,
        attachments: &attachments,
        key: &key,
    };
    let posted = match store
        .start_publication(&key, case.0, target.code(), meta.now)
        .await?
    {
        Publication::Posted { url } => Posted {
            url,
            files_left: Vec::new(),
        },
        Publication::Pending { target: t } if t != "vk" => return Err(PublishError::Unknown),
        Publication::Started | Publication::Pending { .. } => {
            match poster.post(target, answer).await {
                Ok(p) => p,
                Err(e) => {
                    store.drop_publication(&key).await?;
                    return Err(PublishError::Failed(e));
                }
            }
        }
    };
    store.finish_publication(&key, &posted.url).await?;
    let command = Command::Publish {
        url: Some(posted.url.clone()),
    };
    let view = match cases::execute(store, case, actor, &command, meta, ctx).await {
        Ok(view) => view,
        // A redelivered press: the case was closed by the first one.
        Err(StoreError::DuplicateUpdate(_)) => store
            .case(case, ctx)
            .await?
            .ok_or(StoreError::CaseNotFound(case))?,
        Err(e) => return Err(e.into()),
    };
    Ok(Published {
        view,
        url: posted.url,
        files_left: posted.files_left,
    })
}

/// The domain's answer to "may this person publish now", before anything is posted.
async fn allowed(
    store: &Store,
    view: &CaseView,
    actor: PersonId,
    meta: CommandMeta,
    ctx: &StoreCtx,
) -> Result<(), StoreError> {
    let actor = store
        .actor(actor)
        .await?
        .ok_or(StoreError::UnknownPerson(actor))?;
    let decide = DecideContext {
        now: meta.now,
        calendar: &ctx.calendar,
        rules: ctx.policy.rules_for(&view.case.importance),
    };
    // The link is a placeholder: the domain checks role and state, not the address.
    let probe = Command::Publish {
        url: Some("https://t.me/".into()),
    };
    view.case.decide(&actor, probe, &decide)?;
    Ok(())
}

/// The draft waiting for publication: its event id (the publication's identity), text and
/// files.
fn approved_draft(view: &CaseView) -> Option<(i64, String, Vec<Attachment>)> {
    let draft = view.case.draft.as_ref()?;
    let event = view
        .history
        .iter()
        .rev()
        .find(|(_, e)| matches!(e.kind, EventKind::DraftSubmitted { .. }))?;
    Some((event.0, draft.text.clone(), draft.attachments.clone()))
}
