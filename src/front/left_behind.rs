//! Cards a case moved past, redrawn without buttons and saying how (SPEC §6), and the
//! notice to a unit the case was taken from. A person who may no longer see the case gets
//! its number only.

use crate::domain::case::Moved;
use crate::domain::UnitId;
use crate::front::cards::{card, Names};
use crate::front::ctx::Ctx;
use crate::front::format::esc;
use crate::front::notices::Outgoing;
use crate::front::views::load_case;
use crate::front::views::may_view;
use crate::i18n::Lang;
use crate::storage::OutboxItem;
use crate::t;

/// The edit of a card left behind: what happened, then the case as it is now.
pub async fn card_left(
    ctx: &Ctx,
    item: &OutboxItem,
    (message_id, moved, prompt): (i64, Moved, bool),
    names: &Names,
    lang: Lang,
) -> anyhow::Result<Vec<Outgoing>> {
    let case = item
        .case_id
        .ok_or_else(|| anyhow::anyhow!("a card notice without a case"))?;
    let view = load_case(ctx, case).await?;
    let number = view.case.number;
    let mut html = moved_line(moved, number, lang);
    if prompt {
        html.push('\n');
        html += &t!(lang, "card-left-prompt");
    } else {
        let actor = ctx.store.actor(item.person).await?;
        if actor.is_some_and(|a| may_view(&a, &view)) {
            html += "\n\n";
            html += &card(&view, names, &ctx.calendar, ctx.now(), lang);
        }
    }
    Ok(vec![Outgoing::Edit { message_id, html }])
}

/// The unit the case was taken from is told, without the case's details.
pub async fn reassigned_away(
    ctx: &Ctx,
    item: &OutboxItem,
    unit: UnitId,
    names: &Names,
    lang: Lang,
) -> anyhow::Result<Vec<Outgoing>> {
    let case = item
        .case_id
        .ok_or_else(|| anyhow::anyhow!("a reassignment notice without a case"))?;
    let number = load_case(ctx, case).await?.case.number;
    let html = t!(
        lang,
        "notice-reassigned-away",
        number = number,
        unit = esc(&names.unit(unit))
    );
    Ok(vec![Outgoing::Text {
        html,
        keyboard: None,
    }])
}

fn moved_line(moved: Moved, number: i64, lang: Lang) -> String {
    match moved {
        Moved::Closed => t!(lang, "card-left-closed", number = number),
        Moved::ReassignedAway => t!(lang, "card-left-reassigned-away", number = number),
        Moved::Returned => t!(lang, "card-left-returned", number = number),
        Moved::DraftReplaced => t!(lang, "card-left-draft-replaced", number = number),
        Moved::Changed => t!(lang, "card-left-changed", number = number),
    }
}
