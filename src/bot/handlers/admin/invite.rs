//! `/invite`: a one-time deep link `t.me/<bot>?start=<token>`, valid 72 hours, for a new
//! person with a role (and unit) or for a directory person not yet on Telegram.

use chrono::{DateTime, Duration, Utc};
use teloxide::prelude::*;

use super::allowed;
use super::parse::{parse_invite, person_ref, same_name, InviteCmd, PersonRef};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::format::esc;
use crate::bot::refusal::role_name;
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::{Role, UnitId};
use crate::storage::Store;
use crate::t;

/// How long an invite from the chat stays valid.
pub const INVITE_TTL_HOURS: i64 = 72;

pub async fn invite(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    if !allowed(&bot, &who, &msg, "invite").await? {
        return Ok(());
    }
    let text = match parse_invite(&arg) {
        Ok(cmd) => make(&ctx, &who, cmd).await?,
        Err(_) => t!(who.lang, "admin-invite-usage"),
    };
    send(&bot, msg.chat.id, &text, None).await?;
    Ok(())
}

async fn make(ctx: &BotCtx, who: &Who, cmd: InviteCmd) -> anyhow::Result<String> {
    let lang = who.lang;
    let ttl = std_ttl(Duration::hours(INVITE_TTL_HOURS))?;
    let (token, whom) = match cmd {
        InviteCmd::Role { role, unit } => {
            let unit = match unit {
                Some(name) => match unit_id(&ctx.store, &name).await? {
                    Some(u) => Some((u, name)),
                    None => {
                        let units: Vec<String> = unit_names(&ctx.store)
                            .await?
                            .iter()
                            .map(|u| esc(u))
                            .collect();
                        return Ok(t!(
                            lang,
                            "admin-unit-not-found",
                            unit = esc(&name),
                            units = units.join(", ")
                        ));
                    }
                },
                None if role == Role::Executor => return Ok(t!(lang, "admin-invite-need-unit")),
                None => None,
            };
            let token = ctx
                .store
                .create_invite(
                    role,
                    unit.as_ref().map(|u| u.0),
                    who.person.id,
                    ctx.now(),
                    ttl,
                )
                .await?;
            let whom = match unit {
                Some((_, name)) => format!("{} ({})", role_name(role, lang), esc(&name)),
                None => role_name(role, lang),
            };
            (token, whom)
        }
        InviteCmd::Person(written) => {
            let people = ctx.store.people().await?;
            let found = people.into_iter().find(|p| match person_ref(&written) {
                PersonRef::Id(id) => p.id.0 == id,
                PersonRef::Name(name) => same_name(&p.name, &name),
            });
            let Some(p) = found else {
                return Ok(format!(
                    "{}\n\n{}",
                    t!(lang, "admin-person-not-found", name = esc(&written)),
                    t!(lang, "admin-invite-usage")
                ));
            };
            let token = ctx
                .store
                .create_person_invite(p.id, Some(who.person.id), ctx.now(), ttl)
                .await?;
            (token, esc(&p.name))
        }
    };
    tracing::info!(admin = %who.person.id, "an invite was created");
    let link = deep_link(&ctx.username, &token);
    Ok(t!(
        lang,
        "admin-invite-made",
        whom = whom,
        hours = INVITE_TTL_HOURS,
        link = esc(&link)
    ))
}

/// An invite link for the command line (`otklik invite --role executor --unit "Отдел ЖКХ"`).
pub async fn create_invite_link(
    store: &Store,
    username: &str,
    role: Role,
    unit: Option<&str>,
    ttl: Duration,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let unit = match unit {
        Some(name) => match unit_id(store, name).await? {
            Some(u) => Some(u),
            None => anyhow::bail!(
                "no active unit named {name:?}; units: {}",
                unit_names(store).await?.join(", ")
            ),
        },
        None if role == Role::Executor => anyhow::bail!("an executor's invite needs --unit"),
        None => None,
    };
    let token = store
        // Issued from the command line: by the organization, not by a person.
        .create_invite(role, unit, None, now, std_ttl(ttl)?)
        .await?;
    Ok(deep_link(username, &token))
}

pub fn deep_link(username: &str, token: &str) -> String {
    format!(
        "https://t.me/{}?start={token}",
        username.trim_start_matches('@')
    )
}

fn std_ttl(ttl: Duration) -> anyhow::Result<std::time::Duration> {
    ttl.to_std()
        .map_err(|_| anyhow::anyhow!("an invite must be valid for a positive time"))
}

async fn unit_id(store: &Store, name: &str) -> anyhow::Result<Option<UnitId>> {
    let units = store.active_units().await?;
    Ok(units
        .into_iter()
        .find(|u| same_name(&u.name, name))
        .map(|u| u.id))
}

/// The active units' names, for a message that names a unit that is not there.
async fn unit_names(store: &Store) -> anyhow::Result<Vec<String>> {
    Ok(store
        .active_units()
        .await?
        .into_iter()
        .map(|u| u.name)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_point_at_the_bot() {
        assert_eq!(
            deep_link("@otklik_bot", "abc"),
            "https://t.me/otklik_bot?start=abc"
        );
        assert_eq!(
            deep_link("otklik_bot", "abc"),
            "https://t.me/otklik_bot?start=abc"
        );
    }
}
