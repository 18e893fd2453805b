//! Names as an admin types them, resolved against the directory: a person by `#id` or name
//! (with suggestions when unknown), a deputy, an active unit (with the list when unknown).

use super::parse::{person_ref, same_name, PersonRef};
use crate::domain::directory::{Person, Unit};
use crate::domain::Role;
use crate::front::format::esc;
use crate::front::Ctx;
use crate::i18n::Lang;
use crate::storage::StoreError;
use crate::t;

/// Why a change was not made: something to tell the admin, storage refusing the input
/// (e.g. a unit closed meanwhile), or a failure.
pub(super) enum Fail {
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

pub(super) type Out<T> = Result<T, Fail>;

/// A person by `#id` or name; unknown names get a few suggestions.
pub(super) async fn find_person(ctx: &Ctx, written: &str, lang: Lang) -> Out<Person> {
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
pub(super) async fn find_deputy(ctx: &Ctx, written: &str, lang: Lang) -> Out<Person> {
    let p = find_person(ctx, written, lang).await?;
    if !p.active || !p.roles.contains(&Role::Deputy) {
        return Err(Fail::Say(t!(lang, "admin-not-deputy", name = esc(&p.name))));
    }
    Ok(p)
}

/// An active unit by name; unknown names get the list of units.
pub(super) async fn find_unit(ctx: &Ctx, written: &str, lang: Lang) -> Out<Unit> {
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
