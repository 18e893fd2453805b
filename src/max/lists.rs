//! `/my`, `/overdue` and `/case N` in MAX: the same lists and cards as in Telegram
//! (`front::lists`), sent to the person's dialog.

use super::client::{To, User};
use super::courier::{send_card, send_html};
use super::serve::MaxFront;
use crate::domain::messenger::Messenger;
use crate::domain::CaseId;
use crate::front::lists::{Screen, Shown};
use crate::front::who::Who;

pub async fn my(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    let screen = crate::front::lists::my(&front.ctx, who).await?;
    send(front, user, screen).await
}

pub async fn overdue(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    let screen = crate::front::lists::overdue(&front.ctx, who).await?;
    send(front, user, screen).await
}

/// `/case N`.
pub async fn case(front: &MaxFront, user: &User, who: &Who, arg: &str) -> anyhow::Result<()> {
    let shown = crate::front::lists::case_by_arg(&front.ctx, who, arg, Messenger::Max).await?;
    show(front, user, who, shown).await
}

/// «Open №N» pressed under a list: the id is untrusted, the viewing right is re-checked.
pub async fn open(front: &MaxFront, user: &User, who: &Who, case: CaseId) -> anyhow::Result<()> {
    let shown = crate::front::lists::case_screen(&front.ctx, who, case, Messenger::Max).await?;
    show(front, user, who, shown).await
}

async fn show(front: &MaxFront, user: &User, who: &Who, shown: Shown) -> anyhow::Result<()> {
    match shown {
        Shown::Card(card) => {
            let rows = card.screen.keyboard.clone().unwrap_or_default();
            let to = To::User(user.user_id);
            let mid = send_card(&front.client, to, &card.screen.html, &rows).await?;
            if !rows.is_empty() {
                let whose = (who.person.id, user.user_id);
                super::cards::drawn(&front.ctx, whose, &mid, card.case, Some(&rows)).await;
            }
            // Files received in MAX show again by token; Telegram's reach MAX with notices
            // (the courier fetches them), not with this view: the card says they exist.
            for file in card.files.iter().filter(|f| f.origin == Messenger::Max) {
                super::files::send(&front.client, None, to, file, (1, who.lang)).await?;
            }
            Ok(())
        }
        Shown::Refused(text) => send(front, user, Screen::text(text)).await,
    }
}

async fn send(front: &MaxFront, user: &User, screen: Screen) -> anyhow::Result<()> {
    let rows = screen.keyboard.unwrap_or_default();
    send_html(&front.client, To::User(user.user_id), &screen.html, &rows).await?;
    Ok(())
}
