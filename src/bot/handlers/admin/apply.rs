//! Carrying out one `/set` change through storage, with the checks a chat admin needs:
//! names resolved against the directory, deputies holding the deputy role, and never
//! locking the organization out of its last admin.

use teloxide::prelude::*;
use teloxide::types::{BotCommandScope, ChatId, Recipient};

use super::parse::{person_ref, same_name, PersonRef, SetCmd};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::format::esc;
use crate::bot::menu;
use crate::bot::refusal::{self, role_name};
use crate::bot::who::Who;
use crate::domain::directory::{Person, Unit};
use crate::domain::Role;
use crate::i18n::Lang;
use crate::storage::{Catalog, StoreError};
use crate::t;

/// Why a change was not made: something to tell the admin, storage refusing the input
/// (e.g. a unit closed meanwhile), or a failure.
enum Fail {
    Say(String),
    Refused(StoreError),
    Err(anyhow::Error),
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::UnknownPerson(_) | StoreError::UnknownUnit(_) | StoreError::Invalid(_) => {
                Fail::Refused(e)
            }
            e => Fail::Err(e.into()),
        }
    }
}

type Out<T> = Result<T, Fail>;

/// Applies the change and returns what to answer.
pub(super) async fn apply(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    cmd: SetCmd,
) -> anyhow::Result<String> {
    let kind = kind(&cmd);
    match run(bot, ctx, who, cmd).await {
        Ok(text) => {
            tracing::info!(admin = %who.person.id, change = kind, "directory changed from the chat");
            Ok(text)
        }
        Err(Fail::Say(text)) => Ok(text),
        Err(Fail::Refused(e)) => Ok(refusal::text(&e, who.lang).unwrap_or_default()),
        Err(Fail::Err(e)) => Err(e),
    }
}

fn kind(cmd: &SetCmd) -> &'static str {
    match cmd {
        SetCmd::Roles { .. } => "roles",
        SetCmd::Unit { .. } => "unit",
        SetCmd::Deputy { .. } => "deputy",
        SetCmd::AddUnit { .. } => "unit+",
        SetCmd::AddEntry { .. } => "entry+",
        SetCmd::RemoveEntry { .. } => "entry-",
        SetCmd::Off { .. } => "off",
    }
}

async fn run(bot: &Tg, ctx: &BotCtx, who: &Who, cmd: SetCmd) -> Out<String> {
    let lang = who.lang;
    let store = &ctx.store;
    match cmd {
        SetCmd::Roles { person, roles } => {
            let p = find_person(ctx, &person, lang).await?;
            if p.roles.contains(&Role::Admin) && !roles.contains(&Role::Admin) {
                keep_an_admin(ctx, &p, lang).await?;
            }
            store.set_roles(p.id, &roles).await?;
            refresh_menu(bot, ctx, &p, roles.iter().copied().collect()).await;
            let names: Vec<String> = roles.iter().map(|r| role_name(*r, lang)).collect();
            let mut text = t!(
                lang,
                "admin-roles-set",
                name = esc(&p.name),
                roles = names.join(", ")
            );
            if roles.contains(&Role::Executor) && p.unit.is_none() {
                text = format!(
                    "{text}\n{}",
                    t!(lang, "admin-hint-unit", name = esc(&p.name))
                );
            }
            Ok(text)
        }
        SetCmd::Unit { person, unit } => {
            let p = find_person(ctx, &person, lang).await?;
            let unit = match unit {
                Some(name) => Some(find_unit(ctx, &name, lang).await?),
                None => None,
            };
            store.set_unit(p.id, unit.as_ref().map(|u| u.id)).await?;
            Ok(match unit {
                Some(u) => t!(
                    lang,
                    "admin-unit-set",
                    name = esc(&p.name),
                    unit = esc(&u.name)
                ),
                None => t!(lang, "admin-unit-cleared", name = esc(&p.name)),
            })
        }
        SetCmd::Deputy { unit, person } => {
            let u = find_unit(ctx, &unit, lang).await?;
            let p = find_deputy(ctx, &person, lang).await?;
            store.set_deputy(u.id, Some(p.id)).await?;
            Ok(t!(
                lang,
                "admin-deputy-set",
                unit = esc(&u.name),
                name = esc(&p.name)
            ))
        }
        SetCmd::AddUnit { name, deputy } => {
            let deputy = match deputy {
                Some(d) => Some(find_deputy(ctx, &d, lang).await?),
                None => None,
            };
            store.add_unit(&name, deputy.as_ref().map(|p| p.id)).await?;
            Ok(match deputy {
                Some(p) => t!(
                    lang,
                    "admin-unit-added",
                    unit = esc(&name),
                    name = esc(&p.name)
                ),
                None => t!(lang, "admin-unit-added-no-deputy", unit = esc(&name)),
            })
        }
        SetCmd::AddEntry { list, name } => {
            let added = store.add_to_catalog(list, &name).await?;
            let list_name = list_name(list, lang);
            Ok(match added {
                true => t!(
                    lang,
                    "admin-entry-added",
                    list = list_name,
                    name = esc(&name)
                ),
                false => t!(
                    lang,
                    "admin-entry-exists",
                    list = list_name,
                    name = esc(&name)
                ),
            })
        }
        SetCmd::RemoveEntry { list, name } => {
            let removed = store.remove_from_catalog(list, &name).await?;
            let list_name = list_name(list, lang);
            Ok(match removed {
                true => t!(
                    lang,
                    "admin-entry-removed",
                    list = list_name,
                    name = esc(&name)
                ),
                false => t!(
                    lang,
                    "admin-entry-missing",
                    list = list_name,
                    name = esc(&name)
                ),
            })
        }
        SetCmd::Off { person } => switch_off(bot, ctx, who, &person).await,
    }
}

async fn switch_off(bot: &Tg, ctx: &BotCtx, who: &Who, person: &str) -> Out<String> {
    let lang = who.lang;
    let p = find_person(ctx, person, lang).await?;
    if p.id == who.person.id {
        return Err(Fail::Say(t!(lang, "admin-off-self")));
    }
    if !p.active {
        return Err(Fail::Say(t!(
            lang,
            "admin-already-off",
            name = esc(&p.name)
        )));
    }
    ctx.store.deactivate_person(p.id).await?;
    if let Some(tg) = p.telegram_id {
        let scope = BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(tg)),
        };
        if let Err(e) = bot.delete_my_commands().scope(scope).await {
            tracing::warn!(error = %e, person = %p.id, "removing the command menu failed");
        }
    }
    let orphaned: Vec<String> = ctx
        .store
        .active_units()
        .await?
        .into_iter()
        .filter(|u| u.deputy == Some(p.id))
        .map(|u| esc(&u.name))
        .collect();
    let mut text = t!(lang, "admin-off-done", name = esc(&p.name));
    if !orphaned.is_empty() {
        text = format!(
            "{text}\n{}",
            t!(lang, "admin-off-orphans", units = orphaned.join(", "))
        );
    }
    Ok(text)
}

/// Refuses to take the admin role from the last active admin.
async fn keep_an_admin(ctx: &BotCtx, p: &Person, lang: Lang) -> Out<()> {
    let others = ctx
        .store
        .people_with_role(Role::Admin)
        .await?
        .into_iter()
        .filter(|a| a.id != p.id)
        .count();
    if others == 0 {
        return Err(Fail::Say(t!(lang, "admin-last-admin")));
    }
    Ok(())
}

/// A person by `#id` or name; unknown names get a few suggestions.
async fn find_person(ctx: &BotCtx, written: &str, lang: Lang) -> Out<Person> {
    let people = ctx.store.people().await?;
    let found = match person_ref(written) {
        PersonRef::Id(id) => people.iter().find(|p| p.id.0 == id),
        PersonRef::Name(name) => people.iter().find(|p| same_name(&p.name, &name)),
    };
    if let Some(p) = found {
        return Ok(p.clone());
    }
    let first = written
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let similar: Vec<String> = people
        .iter()
        .filter(|p| !first.is_empty() && p.name.to_lowercase().contains(&first))
        .take(5)
        .map(|p| format!("{} #{}", esc(&p.name), p.id))
        .collect();
    let mut text = t!(lang, "admin-person-not-found", name = esc(written));
    if !similar.is_empty() {
        text = format!(
            "{text}\n{}",
            t!(lang, "admin-did-you-mean", names = similar.join(", "))
        );
    }
    Err(Fail::Say(text))
}

/// An active person holding the deputy role.
async fn find_deputy(ctx: &BotCtx, written: &str, lang: Lang) -> Out<Person> {
    let p = find_person(ctx, written, lang).await?;
    if !p.active || !p.roles.contains(&Role::Deputy) {
        return Err(Fail::Say(t!(lang, "admin-not-deputy", name = esc(&p.name))));
    }
    Ok(p)
}

/// An active unit by name; unknown names get the list of units.
async fn find_unit(ctx: &BotCtx, written: &str, lang: Lang) -> Out<Unit> {
    let units = ctx.store.active_units().await?;
    if let Some(u) = units.iter().find(|u| same_name(&u.name, written)) {
        return Ok(u.clone());
    }
    let names: Vec<String> = units.iter().map(|u| esc(&u.name)).collect();
    Err(Fail::Say(t!(
        lang,
        "admin-unit-not-found",
        unit = esc(written),
        units = names.join(", ")
    )))
}

fn list_name(list: Catalog, lang: Lang) -> String {
    match list {
        Catalog::Topics => t!(lang, "admin-list-topics"),
        Catalog::Locations => t!(lang, "admin-list-locations"),
        Catalog::Importance => t!(lang, "admin-list-importance"),
    }
}

/// A person whose roles changed sees the new menu at once (in their language).
async fn refresh_menu(bot: &Tg, ctx: &BotCtx, p: &Person, roles: Vec<Role>) {
    let Some(tg) = p.telegram_id.filter(|_| p.active) else {
        return;
    };
    let lang = match ctx.store.person_settings(p.id).await {
        Ok(Some(s)) => Lang::from_code(s.language.as_deref()),
        _ => Lang::Ru,
    };
    if let Err(e) = menu::register_for(bot, ChatId(tg), &roles, lang).await {
        tracing::warn!(error = %e, person = %p.id, "updating the command menu failed");
    }
}
