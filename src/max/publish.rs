//! «Опубликовать от бота» pressed in MAX (п.12 in seconds, issue 13): the approved answer
//! goes under the source post as a VK community comment, and the case is closed with its
//! link — the same use case as in Telegram. MAX has no Telegram bot to reply in a Telegram
//! chat, so only VK posts are offered and taken here; the answer's files (Telegram files)
//! are left for the curator to add by hand, as the card then says.

use super::client::{Callback, NewMessage};
use super::courier::keyboard;
use super::dialogs::key;
use super::handle::{ack, say};
use super::press::{press_id, refuse};
use super::serve::MaxFront;
use crate::domain::candidate::PublishTarget;
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::front::callback::Seen;
use crate::front::dialog::Dialog;
use crate::front::keyboards::for_viewer;
use crate::front::views::{load_case, reachable_from};
use crate::front::who::Who;
use crate::service::candidates::{
    publish_from_bot, target_for, Answer, FileLeft, Posted, Poster, PublishError, Published,
};
use crate::storage::{CaseView, StoreError};
use crate::t;
use crate::vk::VkClient;

/// Posts as the VK community; nothing else is reachable from MAX.
struct VkPoster<'a> {
    vk: Option<&'a VkClient>,
}

impl Poster for VkPoster<'_> {
    async fn post(&self, target: &PublishTarget, answer: Answer<'_>) -> Result<Posted, String> {
        let PublishTarget::Vk {
            owner_id,
            post_id,
            comment,
        } = target
        else {
            return Err("MAX posts only to VK".into());
        };
        let vk = self.vk.ok_or("no VK community token")?;
        let id = vk
            .wall_create_comment(
                (*owner_id, *post_id),
                *comment,
                answer.text,
                &[],
                answer.key,
            )
            .await
            .map_err(|e| e.to_string())?;
        // The files are Telegram's: this front end cannot fetch them.
        let files_left = answer
            .attachments
            .iter()
            .enumerate()
            .map(|(i, f)| FileLeft {
                position: i + 1,
                kind: f.kind,
            })
            .collect();
        Ok(Posted {
            url: format!("https://vk.com/wall{owner_id}_{post_id}?reply={id}"),
            files_left,
        })
    }
}

async fn reachable(front: &MaxFront, view: &CaseView) -> Result<Option<PublishTarget>, StoreError> {
    let rules = &front.ctx.config.candidates;
    let target = target_for(&front.ctx.store, rules, view, front.vk_group.is_some()).await?;
    Ok(target.filter(|t| reachable_from(t, Messenger::Max)))
}

/// The press: every check is made again here, whatever the button said.
pub async fn on_press(
    front: &MaxFront,
    cb: &Callback,
    who: &Who,
    case: CaseId,
    seen: Seen,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(front, cb, who, case, &e).await,
    };
    let Some(target) = reachable(front, &view).await? else {
        ack(front, cb, None).await?;
        return say(front, &cb.user, &t!(who.lang, "pub-unreachable")).await;
    };
    let poster = VkPoster {
        vk: front.vk_group.as_ref(),
    };
    let meta = ctx.meta(press_id(&cb.callback_id)).seeing(Some(seen), None);
    let store_ctx = ctx.store_ctx();
    let person = who.person.id;
    let result = publish_from_bot(&ctx.store, case, person, &target, &poster, meta, &store_ctx);
    let number = view.case.number;
    let done = match result.await {
        Ok(p) => p,
        Err(PublishError::Store(e)) => return refuse(front, cb, who, case, &e).await,
        Err(e) => {
            tracing::warn!(case = %case, error = %e, "publishing from the bot did not happen");
            let text = match e {
                PublishError::Unknown => t!(who.lang, "pub-unknown", number = number),
                _ => t!(who.lang, "pub-failed", number = number),
            };
            ack(front, cb, None).await?;
            return say(front, &cb.user, &text).await;
        }
    };
    // A «Опубликовано» prompt waiting for the link is answered by this.
    Dialog::clear(&ctx.store, key(cb.user.user_id)).await?;
    ack(front, cb, Some(done_card(front, who, &done).await?)).await
}

/// The closed case's card, headed by the link and the files that did not go.
async fn done_card(front: &MaxFront, who: &Who, done: &Published) -> anyhow::Result<NewMessage> {
    let (ctx, lang, view) = (&front.ctx, who.lang, &done.view);
    let text = crate::front::views::published_card(ctx, who, done).await?;
    // The case is closed: no «Опубликовать от бота» any more.
    let rows = for_viewer(view, &who.actor, ctx.now(), lang, false).unwrap_or_default();
    Ok(NewMessage::html(text).with_keyboard(keyboard(&rows)))
}

/// Whether `who`'s card of this case offers «Опубликовать от бота» in MAX.
pub async fn offers(front: &MaxFront, who: &Who, view: &CaseView) -> bool {
    front.vk_group.is_some()
        && crate::front::views::offers_publish_from_bot_in(
            &front.ctx,
            &who.actor,
            view,
            Messenger::Max,
        )
        .await
}
