//! п.19 by hand in MAX: `/notice [case number]`, the unit buttons and the awaited text,
//! through the same flow as Telegram (`front::deficiency`), the dialog kept under the MAX
//! user's key.

use super::client::{To, User};
use super::courier::send_html;
use super::dialogs::key;
use super::press::press_id;
use super::serve::MaxFront;
use crate::domain::{CaseId, UnitId};
use crate::front::deficiency::{self, Shown};
use crate::front::who::Who;
use crate::storage::CommandMeta;

/// `/notice [case number]`.
pub async fn start(front: &MaxFront, user: &User, who: &Who, arg: &str) -> anyhow::Result<()> {
    let shown = deficiency::start(&front.ctx, who, key(user.user_id), arg).await?;
    show(front, user, shown).await
}

/// A unit pressed under the `/notice` list.
pub async fn on_unit(front: &MaxFront, user: &User, who: &Who, unit: UnitId) -> anyhow::Result<()> {
    let shown = deficiency::on_unit(&front.ctx, who, key(user.user_id), unit).await?;
    show(front, user, shown).await
}

/// The notice's text; the message id keeps a redelivered message from sending it twice.
pub async fn on_text(
    front: &MaxFront,
    user: &User,
    who: &Who,
    about: (UnitId, Option<CaseId>),
    text: String,
    mid: &str,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let meta = CommandMeta::for_update(ctx.now(), press_id(mid));
    let shown = deficiency::on_text(ctx, who, key(user.user_id), about, text, meta).await?;
    show(front, user, shown).await
}

async fn show(front: &MaxFront, user: &User, shown: Shown) -> anyhow::Result<()> {
    if let Some(screen) = shown {
        let rows = screen.keyboard.unwrap_or_default();
        send_html(&front.client, To::User(user.user_id), &screen.html, &rows).await?;
    }
    Ok(())
}
