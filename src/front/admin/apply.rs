//! Carrying out one `/set` change through storage, with the checks a chat admin needs:
//! names resolved against the directory, deputies holding the deputy role, and never
//! locking the organization out of its last admin. What a messenger must do beside the
//! answer (e.g. Telegram's per-chat command menu) comes back as an [`Effect`].

use super::find::{find_deputy, find_person, find_unit, Fail, Out};
use super::parse::SetCmd;
use super::{Answer, Effect};
use crate::domain::directory::Person;
use crate::domain::Role;
use crate::front::format::esc;
use crate::front::refusal::{self, role_name};
use crate::front::who::Who;
use crate::front::Ctx;
use crate::i18n::Lang;
use crate::storage::Catalog;
use crate::t;

/// Applies the change and returns what to answer.
pub(super) async fn apply(ctx: &Ctx, who: &Who, cmd: SetCmd) -> anyhow::Result<Answer> {
    let kind = kind(&cmd);
    match run(ctx, who, cmd).await {
        Ok(answer) => {
            tracing::info!(admin = %who.person.id, change = kind, "directory changed from the chat");
            Ok(answer)
        }
        Err(Fail::Say(text)) => Ok(Answer::text(text)),
        Err(Fail::Refused(e)) => Ok(Answer::text(
            refusal::text(&e, who.lang).unwrap_or_default(),
        )),
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

async fn run(ctx: &Ctx, who: &Who, cmd: SetCmd) -> Out<Answer> {
    let lang = who.lang;
    match cmd {
        SetCmd::Roles { person, roles } => set_roles(ctx, &person, roles, lang).await,
        SetCmd::Off { person } => switch_off(ctx, who, &person).await,
        SetCmd::AddEntry { list, name } => {
            let added = ctx.store.add_to_catalog(list, &name).await?;
            Ok(Answer::text(entry_text(true, added, list, &name, lang)))
        }
        SetCmd::RemoveEntry { list, name } => {
            let removed = ctx.store.remove_from_catalog(list, &name).await?;
            Ok(Answer::text(entry_text(false, removed, list, &name, lang)))
        }
        units => set_unit(ctx, units, lang).await.map(Answer::text),
    }
}

async fn set_roles(
    ctx: &Ctx,
    person: &str,
    roles: std::collections::BTreeSet<Role>,
    lang: Lang,
) -> Out<Answer> {
    let p = find_person(ctx, person, lang).await?;
    if p.roles.contains(&Role::Admin) && !roles.contains(&Role::Admin) {
        keep_an_admin(ctx, &p, lang).await?;
    }
    ctx.store.set_roles(p.id, &roles).await?;
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
    let effect = Effect::RolesChanged {
        person: p,
        roles: roles.into_iter().collect(),
    };
    Ok(Answer {
        text,
        effect: Some(effect),
    })
}

/// The changes about units: a person's unit, a unit's deputy, a new unit.
async fn set_unit(ctx: &Ctx, cmd: SetCmd, lang: Lang) -> Out<String> {
    let store = &ctx.store;
    match cmd {
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
        other => Err(Fail::Err(anyhow::anyhow!(
            "not a unit change: {}",
            kind(&other)
        ))),
    }
}

async fn switch_off(ctx: &Ctx, who: &Who, person: &str) -> Out<Answer> {
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
    Ok(Answer {
        text,
        effect: Some(Effect::SwitchedOff { person: p }),
    })
}

/// Refuses to take the admin role from the last active admin.
async fn keep_an_admin(ctx: &Ctx, p: &Person, lang: Lang) -> Out<()> {
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

/// «Готово. В список «темы» добавлено: Экология.» and the like: whether the entry was
/// being added or removed, and whether the list changed.
fn entry_text(adding: bool, changed: bool, list: Catalog, name: &str, lang: Lang) -> String {
    let (list, name) = (list_name(list, lang), esc(name));
    match (adding, changed) {
        (true, true) => t!(lang, "admin-entry-added", list = list, name = name),
        (true, false) => t!(lang, "admin-entry-exists", list = list, name = name),
        (false, true) => t!(lang, "admin-entry-removed", list = list, name = name),
        (false, false) => t!(lang, "admin-entry-missing", list = list, name = name),
    }
}

fn list_name(list: Catalog, lang: Lang) -> String {
    match list {
        Catalog::Topics => t!(lang, "admin-list-topics"),
        Catalog::Locations => t!(lang, "admin-list-locations"),
        Catalog::Importance => t!(lang, "admin-list-importance"),
    }
}
