//! Rendering a case for a person: the card, with the draft for those who review it.

use std::sync::Arc;

use crate::domain::candidate::PublishTarget;
use crate::domain::case::CaseState;
use crate::domain::directory::Actor;
use crate::domain::messenger::Messenger;
use crate::domain::Role;
use crate::front::cards::{card_with_draft, Names};
use crate::front::ctx::Ctx;
use crate::front::who::Who;
use crate::service::candidates::target_for;
use crate::storage::{CaseView, StoreError};

/// The names cards print, from the shared cache (one small read when the directory did
/// not change).
pub async fn load_names(ctx: &Ctx) -> Result<Arc<Names>, StoreError> {
    ctx.names.get(&ctx.store).await
}

/// The names as current as `who`'s identification, read again only if the directory
/// changed since the cache was filled.
pub async fn names_for(ctx: &Ctx, who: &Who) -> Result<Arc<Names>, StoreError> {
    ctx.names
        .seen_at(&ctx.store, who.directory_generation)
        .await
}

/// The text of a case just published from the bot: the link and the files that did not go,
/// above the closed case's card.
pub async fn published_card(
    ctx: &Ctx,
    who: &Who,
    done: &crate::service::candidates::Published,
) -> Result<String, StoreError> {
    let lang = who.lang;
    let number = done.view.case.number;
    let link = crate::front::format::esc(&done.url);
    let mut head = crate::t!(lang, "pub-done", number = number, link = link);
    if !done.files_left.is_empty() {
        let files = crate::front::wording::files_left(&done.files_left, lang);
        head = format!(
            "{head}\n{}",
            crate::t!(lang, "pub-files-left", files = files)
        );
    }
    let names = names_for(ctx, who).await?;
    Ok(format!(
        "{head}\n\n{}",
        render_card(ctx, &done.view, &names, who)
    ))
}

/// The card as `who` should see it: reviewers see the draft under review.
pub fn render_card(ctx: &Ctx, view: &CaseView, names: &Names, who: &Who) -> String {
    let reviewing = matches!(
        view.case.state,
        CaseState::OnApproval | CaseState::WithCurator
    );
    if reviewing {
        card_with_draft(view, names, &ctx.calendar, ctx.now(), who.lang)
    } else {
        let at = (&ctx.calendar, ctx.now());
        crate::front::coexec::card_for(view, names, at, who.lang, Some(&who.actor))
    }
}

/// A case as it stands, or `CaseNotFound` (e.g. a forged id in a button).
pub async fn load_case(ctx: &Ctx, id: crate::domain::CaseId) -> Result<CaseView, StoreError> {
    ctx.store
        .case(id, &ctx.store_ctx())
        .await?
        .ok_or(StoreError::CaseNotFound(id))
}

/// Whether a person may look at a case: the overseeing roles see all, executors and deputies
/// the cases of their units.
pub fn may_view(actor: &Actor, view: &CaseView) -> bool {
    actor.sees_everything()
        || view
            .case
            .assignments
            .iter()
            .any(|a| actor.unit == Some(a.unit) || actor.supervises.contains(&a.unit))
}

/// Whether `viewer`'s card of this case offers «Опубликовать от бота»: a curator, an answer
/// waiting for publication, a post the bot can reach. Not knowing leaves the button off
/// (the «Опубликовано» path stays); the press checks everything again.
pub async fn offers_publish_from_bot(ctx: &Ctx, viewer: &Actor, view: &CaseView) -> bool {
    offers_publish_from_bot_in(ctx, viewer, view, Messenger::Telegram).await
}

/// The same for a card shown in `front`: MAX has no Telegram bot to reply in a Telegram
/// chat, so there only a VK post counts.
pub async fn offers_publish_from_bot_in(
    ctx: &Ctx,
    viewer: &Actor,
    view: &CaseView,
    front: Messenger,
) -> bool {
    if !viewer.has(Role::Curator) || view.case.state != CaseState::WithCurator {
        return false;
    }
    let rules = &ctx.config.candidates;
    match target_for(&ctx.store, rules, view, ctx.vk_publishing).await {
        Ok(target) => target.is_some_and(|t| reachable_from(&t, front)),
        Err(e) => {
            tracing::warn!(case = %view.case.id, error = %e, "publish target not known");
            false
        }
    }
}

/// Whether the front end `front` can post under `target` itself.
pub fn reachable_from(target: &PublishTarget, front: Messenger) -> bool {
    match front {
        Messenger::Telegram => true,
        Messenger::Max => matches!(target, PublishTarget::Vk { .. }),
    }
}
