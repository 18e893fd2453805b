//! Who sent a Telegram update: a known, active person of the directory ([`Who`]), found by
//! their Telegram id, with what the server knows of their roles — never what the client claims.

use teloxide::types::{Update, User};

use crate::bot::ctx::BotCtx;
use crate::bot::guard::Failure;
use crate::i18n::Lang;

pub use crate::front::who::Who;

/// The Telegram user behind an update, if any.
pub fn user_of(update: &Update) -> Option<&User> {
    update.from()
}

/// The chat's language for a Telegram user: their app's language, Russian by default.
pub fn lang_of(user: &User) -> Lang {
    Lang::from_code(user.language_code.as_deref())
}

/// Who the sender turned out to be. A lookup that failed is neither a person nor a
/// stranger: the update fails (and the person is told), it does not change route.
#[derive(Debug, Clone)]
pub enum Sender {
    Known(Who),
    Stranger,
    Unknowable(Failure),
}

impl Sender {
    pub fn known(self) -> Option<Who> {
        match self {
            Sender::Known(who) => Some(who),
            _ => None,
        }
    }

    pub fn failure(self) -> Option<Failure> {
        match self {
            Sender::Unknowable(f) => Some(f),
            _ => None,
        }
    }
}

/// Resolves the sender to an active person; strangers and deactivated people are
/// [`Sender::Stranger`]; `None` for an update without a sender.
pub async fn identify(update: Update, ctx: BotCtx) -> Option<Sender> {
    let user = user_of(&update)?;
    let Ok(tg_id) = i64::try_from(user.id.0) else {
        return Some(Sender::Stranger);
    };
    Some(match lookup(&ctx, tg_id, lang_of(user)).await {
        Ok(Some(who)) => Sender::Known(who),
        Ok(None) => Sender::Stranger,
        Err(e) => Sender::Unknowable(Failure::new(e.context("looking up the sender failed"))),
    })
}

/// The person of a private chat (its id is their Telegram id), in their stored language:
/// for work resumed without an update, e.g. an album left pending by a restart.
pub async fn of_chat(ctx: &BotCtx, chat: i64) -> anyhow::Result<Option<Who>> {
    let Some(person) = ctx.store.person_by_telegram(chat).await? else {
        return Ok(None);
    };
    let settings = ctx.store.person_settings(person.id).await?;
    let lang = Lang::from_code(settings.and_then(|s| s.language).as_deref());
    lookup(ctx, chat, lang).await
}

/// One read: the person, their roles, supervised units and settings (issue 15).
async fn lookup(ctx: &BotCtx, tg_id: i64, lang: Lang) -> anyhow::Result<Option<Who>> {
    Ok(ctx
        .store
        .identity_by_telegram(tg_id)
        .await?
        .map(|found| Who {
            lang,
            person: found.person,
            actor: found.actor,
            directory_generation: found.directory_generation,
        }))
}
