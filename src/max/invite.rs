//! Joining by invite in MAX: the link `max.ru/<bot>?start=<token>` arrives as the start
//! payload (or `/start <token>` typed). The same use case as in Telegram grants the
//! invite's role and records the MAX account.

use super::client::User;
use super::handle::say;
use super::serve::MaxFront;
use crate::domain::messenger::Messenger;
use crate::front::start::greeting;
use crate::i18n::Lang;
use crate::storage::InviteError;
use crate::t;

/// Redeems `token` for this MAX user: `header` and the greeting with the roles it gave,
/// or why the invite does not work.
pub async fn redeem(
    front: &MaxFront,
    user: &User,
    lang: Lang,
    token: &str,
    header: String,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let account = (Messenger::Max, user.user_id);
    let name = user.display_name();
    let result = crate::service::invites::redeem_in(&ctx.store, token, account, &name, ctx.now());
    let text = match result.await {
        Ok(person) => {
            tracing::info!(person = %person.id, max_id = user.user_id, "joined by invite in MAX");
            // Notices go where the person just came from, until they choose otherwise.
            ctx.store.note_messenger(person.id, Messenger::Max).await?;
            return say(
                front,
                user,
                &format!("{header}\n\n{}", greeting(&person, lang)),
            )
            .await;
        }
        Err(InviteError::Unknown) => t!(lang, "invite-unknown"),
        Err(InviteError::Expired) => t!(lang, "invite-expired"),
        Err(InviteError::Used) => t!(lang, "invite-used"),
        Err(InviteError::Store(e)) => {
            tracing::error!(error = %e, "redeeming an invite failed");
            t!(lang, "invite-failed")
        }
    };
    tracing::info!(max_id = user.user_id, "an invite was refused in MAX");
    say(front, user, &text).await
}
