//! п.17 at any stage before publication (issue 9): the curator's card offers the grounds,
//! a ground asks for an optional comment, and the rejection runs as any case command.

use crate::front::buttons::Button;

use super::{act, ask, could, offer_choice, refuse, Press};
use crate::bot::callback::{Action, Seen};
use crate::bot::dialog::Dialog;
use crate::bot::reply::button;
use crate::bot::views::load_case;
use crate::domain::case::{Command, P17Ground};
use crate::domain::CaseId;
use crate::i18n::Lang;
use crate::storage::StoreError;
use crate::t;

/// The ground's name, as the rejection's reason records it.
pub fn ground_name(g: P17Ground, lang: Lang) -> String {
    match g {
        P17Ground::Threat => t!(lang, "p17-ground-threat"),
        P17Ground::Obscenity => t!(lang, "p17-ground-obscenity"),
        P17Ground::Insult => t!(lang, "p17-ground-insult"),
        P17Ground::Harm => t!(lang, "p17-ground-harm"),
    }
}

/// Replaces the pressed card's buttons with the grounds, when the curator may reject now.
pub(super) async fn choose_ground(p: &Press<'_>, case: CaseId, seen: Seen) -> anyhow::Result<()> {
    let (ctx, who) = (p.ctx, p.who);
    let view = match load_case(ctx, case).await {
        Ok(v) => v,
        Err(e) => return refuse(p, case, e).await,
    };
    let probe = Command::Reject { reason: "-".into() };
    if let Err(e) = could(ctx, who, &view, probe, Some(seen)) {
        return refuse(p, case, StoreError::Refused(e)).await;
    }
    let v = view.case.version;
    let rows = P17Ground::ALL
        .into_iter()
        .map(|g| {
            vec![button(
                ground_name(g, who.lang),
                Action::RejectGround(case, g, v),
            )]
        })
        .collect();
    let prompt = t!(who.lang, "press-choose-p17-ground");
    offer_choice(p, &view, &prompt, rows).await
}

/// The ground is chosen: wait for a comment (or the «no comment» button).
pub(super) async fn ask_comment(
    p: &Press<'_>,
    case: CaseId,
    g: P17Ground,
    seen: Seen,
) -> anyhow::Result<()> {
    let dialog = Dialog::RejectComment {
        case,
        ground: g.code(),
        name: ground_name(g, p.who.lang),
        seen: Some(seen),
    };
    ask(p, dialog).await
}

/// Rejects on the ground alone.
pub(super) async fn without_comment(
    p: &Press<'_>,
    case: CaseId,
    g: P17Ground,
    seen: Seen,
) -> anyhow::Result<()> {
    Dialog::clear(&p.ctx.store, super::chat_of(p.q)).await?;
    let reason = ground_name(g, p.who.lang);
    act(p, case, Command::Reject { reason }, seen).await
}

/// The «no comment» button under the comment prompt.
pub(super) fn no_comment_row(dialog: &Dialog, lang: Lang) -> Option<Vec<Button>> {
    let Dialog::RejectComment {
        case, ground, seen, ..
    } = dialog
    else {
        return None;
    };
    let action = Action::RejectNoComment(*case, P17Ground::from_code(*ground)?, (*seen)?);
    Some(vec![button(t!(lang, "btn-p17-no-comment"), action)])
}
