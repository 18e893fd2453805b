//! Admin commands (SPEC §1, §10) in both messengers: invites, the directory as it stands,
//! and changes to it. Parsing, the checks, storage and the texts live here; an adapter
//! only reads the command from its update, sends the answer and carries out the
//! [`Effect`] that concerns it (Telegram's per-chat command menu). Every command checks
//! the admin role on the server's copy of the person first.

mod apply;
mod find;
pub mod invite;
pub mod parse;
pub mod render;

use crate::domain::directory::Person;
use crate::domain::Role;
use crate::front::format::esc;
use crate::front::who::Who;
use crate::front::Ctx;
use crate::t;

pub use invite::{create_invite_token, deep_link, links, max_link, INVITE_TTL_HOURS};

/// An admin command as a messenger read it, with its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminCmd {
    /// `/people`: everyone with roles, unit and how the bot reaches them.
    People,
    /// `/units`: units with their deputies.
    Units,
    /// `/lists`: topics, locations and importance levels.
    Lists,
    /// `/set …`: one directory change.
    Set(String),
    /// `/invite …`: a one-time invite.
    Invite(String),
}

impl AdminCmd {
    fn name(&self) -> &'static str {
        match self {
            AdminCmd::People => "people",
            AdminCmd::Units => "units",
            AdminCmd::Lists => "lists",
            AdminCmd::Set(_) => "set",
            AdminCmd::Invite(_) => "invite",
        }
    }
}

/// What to answer, and what the messenger should do beside it.
#[derive(Debug)]
pub struct Answer {
    pub text: String,
    pub effect: Option<Effect>,
}

impl Answer {
    pub fn text(text: String) -> Self {
        Self { text, effect: None }
    }
}

/// A change a messenger may reflect in its own way (Telegram keeps a command menu per chat).
#[derive(Debug, Clone)]
pub enum Effect {
    /// The person's roles are now these.
    RolesChanged { person: Person, roles: Vec<Role> },
    /// The person was deactivated.
    SwitchedOff { person: Person },
}

/// Runs `cmd` for `who`. `private`: the command came in the person's own chat with the bot
/// (invite links and the directory are not for a group's eyes).
pub async fn run(ctx: &Ctx, who: &Who, private: bool, cmd: AdminCmd) -> anyhow::Result<Answer> {
    if let Some(refusal) = refusal(who, private, cmd.name()) {
        return Ok(Answer::text(refusal));
    }
    let lang = who.lang;
    let text = match cmd {
        AdminCmd::People => people(ctx, who).await?,
        AdminCmd::Units => {
            let units = ctx.store.units().await?;
            let people = ctx.store.people().await?;
            render::units(&units, &people, lang)
        }
        AdminCmd::Lists => {
            let s = &ctx.store;
            let (topics, locations) = (s.topics().await?, s.locations().await?);
            render::lists(&topics, &locations, &s.importance_levels().await?, lang)
        }
        AdminCmd::Set(arg) => return set(ctx, who, &arg).await,
        AdminCmd::Invite(arg) => match parse::parse_invite(&arg) {
            Ok(cmd) => invite::make(ctx, who, cmd).await?,
            Err(_) => t!(lang, "admin-invite-usage"),
        },
    };
    Ok(Answer::text(text))
}

/// Why `who` may not run an admin command here, logged; `None` if they may.
fn refusal(who: &Who, private: bool, what: &str) -> Option<String> {
    if !who.actor.has(Role::Admin) {
        tracing::warn!(person = %who.person.id, command = what, "admin command refused: not an admin");
        Some(t!(who.lang, "admin-refused"))
    } else if !private {
        tracing::info!(person = %who.person.id, command = what, "admin command refused: not a private chat");
        Some(t!(who.lang, "admin-private-only"))
    } else {
        None
    }
}

/// `/people`, with whom the bot cannot reach in Telegram and who has MAX.
async fn people(ctx: &Ctx, who: &Who) -> anyhow::Result<String> {
    let people = ctx.store.people().await?;
    let units = ctx.store.units().await?;
    let mut reach = render::Reach::default();
    for p in people.iter().filter(|p| p.active) {
        let accounts = ctx.store.accounts(p.id).await?.unwrap_or_default();
        if accounts.max.is_some() {
            reach.on_max.insert(p.id);
        }
        if p.telegram_id.is_none() {
            continue;
        }
        let settings = ctx.store.person_settings(p.id).await?;
        if settings.is_some_and(|s| s.unreachable) {
            reach.unreachable.insert(p.id);
        }
    }
    Ok(render::people(&people, &units, &reach, who.lang))
}

/// `/set …`: one directory change; bad input gets the usage.
async fn set(ctx: &Ctx, who: &Who, arg: &str) -> anyhow::Result<Answer> {
    let text = match parse::parse_set(arg) {
        Ok(cmd) => return apply::apply(ctx, who, cmd).await,
        Err(parse::ParseError::Usage) => t!(who.lang, "admin-set-usage"),
        Err(parse::ParseError::UnknownRole(word)) => {
            t!(who.lang, "admin-unknown-role", word = esc(&word))
        }
    };
    Ok(Answer::text(text))
}
