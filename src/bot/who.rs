//! Who sent an update: a known, active person of the directory, with what the server knows
//! of their roles — never what the client claims.

use teloxide::types::{Update, User};

use super::ctx::BotCtx;
use crate::domain::directory::{Actor, Person};
use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct Who {
    pub person: Person,
    pub actor: Actor,
    pub lang: Lang,
}

/// The Telegram user behind an update, if any.
pub fn user_of(update: &Update) -> Option<&User> {
    update.from()
}

/// The chat's language for a Telegram user: their app's language, Russian by default.
pub fn lang_of(user: &User) -> Lang {
    Lang::from_code(user.language_code.as_deref())
}

/// Resolves the sender to an active person; `None` for strangers and deactivated people.
pub async fn identify(update: Update, ctx: BotCtx) -> Option<Who> {
    let user = user_of(&update)?;
    let tg_id = i64::try_from(user.id.0).ok()?;
    let person = match ctx.store.person_by_telegram(tg_id).await {
        Ok(Some(p)) if p.active => p,
        Ok(_) => return None,
        Err(e) => {
            tracing::error!(error = %e, "looking up a sender failed");
            return None;
        }
    };
    let actor = match ctx.store.actor(person.id).await {
        Ok(Some(a)) => a,
        Ok(None) => return None,
        Err(e) => {
            tracing::error!(error = %e, person = %person.id, "loading an actor failed");
            return None;
        }
    };
    Some(Who {
        lang: lang_of(user),
        person,
        actor,
    })
}
