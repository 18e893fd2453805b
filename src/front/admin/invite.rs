//! `/invite`: a one-time token, valid 72 hours, for a new person with a role (and unit) or
//! for a directory person not yet in a messenger. The same token works in both messengers:
//! the answer shows the link into each one that runs (`t.me/<bot>?start=<token>`,
//! `max.ru/<bot>?start=<token>`).

use chrono::{DateTime, Duration, Utc};

use super::parse::{person_ref, same_name, InviteCmd, PersonRef};
use crate::domain::messenger::Messenger;
use crate::domain::{Role, UnitId};
use crate::front::ctx::BotNames;
use crate::front::format::esc;
use crate::front::refusal::role_name;
use crate::front::who::Who;
use crate::front::Ctx;
use crate::i18n::Lang;
use crate::storage::Store;
use crate::t;

/// How long an invite from the chat stays valid.
pub const INVITE_TTL_HOURS: i64 = 72;

/// Makes the invite and says where to send it, or why it was not made.
pub(super) async fn make(ctx: &Ctx, who: &Who, cmd: InviteCmd) -> anyhow::Result<String> {
    let lang = who.lang;
    let ttl = std_ttl(Duration::hours(INVITE_TTL_HOURS))?;
    let (token, whom) = match cmd {
        InviteCmd::Role { role, unit } => {
            let unit = match unit {
                Some(name) => match unit_id(&ctx.store, &name).await? {
                    Some(u) => Some((u, name)),
                    None => return unknown_unit(&ctx.store, &name, lang).await,
                },
                None if role == Role::Executor => return Ok(t!(lang, "admin-invite-need-unit")),
                None => None,
            };
            let unit_id = unit.as_ref().map(|u| u.0);
            let token = ctx
                .store
                .create_invite(role, unit_id, who.person.id, ctx.now(), ttl)
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
    Ok(t!(
        lang,
        "admin-invite-made",
        whom = whom,
        hours = INVITE_TTL_HOURS,
        link = links_text(&ctx.bots, &token, lang)
    ))
}

async fn unknown_unit(store: &Store, name: &str, lang: Lang) -> anyhow::Result<String> {
    let units: Vec<String> = unit_names(store).await?.iter().map(|u| esc(u)).collect();
    Ok(t!(
        lang,
        "admin-unit-not-found",
        unit = esc(name),
        units = units.join(", ")
    ))
}

/// The links into each messenger that runs: the bare link when one runs, one labelled line
/// per messenger when both do; `/start <token>` if neither username is known.
fn links_text(bots: &BotNames, token: &str, lang: Lang) -> String {
    let links = links(bots, token);
    match links.as_slice() {
        [] => esc(&format!("/start {token}")),
        [(_, link)] => esc(link),
        many => many
            .iter()
            .map(|(m, link)| {
                let messenger = crate::front::cards::network_name(m.as_str(), lang);
                t!(
                    lang,
                    "admin-invite-link",
                    messenger = messenger,
                    link = esc(link)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The invite's link in each messenger whose bot runs, Telegram first.
pub fn links(bots: &BotNames, token: &str) -> Vec<(Messenger, String)> {
    let mut out = Vec::new();
    if let Some(name) = bots.telegram.as_deref().filter(|n| !n.is_empty()) {
        out.push((Messenger::Telegram, deep_link(name, token)));
    }
    if let Some(name) = bots.max.as_deref().filter(|n| !n.is_empty()) {
        out.push((Messenger::Max, max_link(name, token)));
    }
    out
}

/// An invite token for the command line (`otklik invite --role executor --unit "Отдел ЖКХ"`).
pub async fn create_invite_token(
    store: &Store,
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
    // Issued from the command line: by the organization, not by a person.
    store
        .create_invite(role, unit, None, now, std_ttl(ttl)?)
        .await
        .map_err(Into::into)
}

/// Telegram's deep link.
pub fn deep_link(username: &str, token: &str) -> String {
    format!(
        "https://t.me/{}?start={token}",
        username.trim_start_matches('@')
    )
}

/// MAX's deep link: the token arrives as the `bot_started` payload.
pub fn max_link(username: &str, token: &str) -> String {
    format!(
        "https://max.ru/{}?start={token}",
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
        assert_eq!(
            max_link("otklik_max_bot", "abc"),
            "https://max.ru/otklik_max_bot?start=abc"
        );
    }

    #[test]
    fn links_follow_the_messengers_that_run() {
        let name = |n: &str| Some(std::sync::Arc::<str>::from(n));
        let tg = BotNames {
            telegram: name("tg_bot"),
            max: None,
        };
        let max = BotNames {
            telegram: None,
            max: name("max_bot"),
        };
        let both = BotNames {
            telegram: name("tg_bot"),
            max: name("max_bot"),
        };
        assert_eq!(
            links_text(&tg, "t1", Lang::Ru),
            "https://t.me/tg_bot?start=t1"
        );
        assert_eq!(
            links_text(&max, "t1", Lang::Ru),
            "https://max.ru/max_bot?start=t1"
        );
        let text = links_text(&both, "t1", Lang::Ru);
        assert!(
            text.contains("Telegram: https://t.me/tg_bot?start=t1")
                && text.contains("MAX: https://max.ru/max_bot?start=t1"),
            "{text}"
        );
        assert_eq!(
            links_text(&BotNames::default(), "t1", Lang::Ru),
            "/start t1"
        );
    }
}
