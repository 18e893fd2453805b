//! The directory: people, units, roles and the classification lists.

use std::collections::BTreeSet;

use super::sql::common::Filter;
use super::{Catalog, NameRows, PersonSettings, Store, StoreError};
use crate::domain::directory::{Actor, Person, Unit};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;

type R<T> = Result<T, StoreError>;

impl Store {
    pub async fn person(&self, id: PersonId) -> R<Option<Person>> {
        dispatch!(self, db, pool => db::dir_read::person(pool, Filter::Id(id)).await)
    }

    pub async fn person_by_telegram(&self, telegram_id: i64) -> R<Option<Person>> {
        dispatch!(self, db, pool => {
            db::dir_read::person(pool, Filter::Telegram(telegram_id)).await
        })
    }

    /// The active person as the workflow sees them (roles, unit, supervised units); `None`
    /// for an unknown or deactivated person.
    pub async fn actor(&self, id: PersonId) -> R<Option<Actor>> {
        dispatch!(self, db, pool => db::dir_read::actor(pool, id).await)
    }

    /// Everyone, active or not, by name.
    pub async fn people(&self) -> R<Vec<Person>> {
        dispatch!(self, db, pool => db::dir_read::people(pool, Filter::All).await)
    }

    /// Active people holding `role`, by name.
    pub async fn people_with_role(&self, role: Role) -> R<Vec<Person>> {
        dispatch!(self, db, pool => {
            db::dir_read::people(pool, Filter::ActiveWithRole(role)).await
        })
    }

    /// Active executors of a unit, by name.
    pub async fn executors_of(&self, unit: UnitId) -> R<Vec<Person>> {
        dispatch!(self, db, pool => {
            db::dir_read::people(pool, Filter::ActiveExecutorsOf(unit)).await
        })
    }

    /// The unit's supervising deputy, if set and active.
    pub async fn deputy_of(&self, unit: UnitId) -> R<Option<Person>> {
        dispatch!(self, db, pool => {
            db::dir_read::person(pool, Filter::ActiveDeputyOf(unit)).await
        })
    }

    /// Every unit, active or not, by name.
    pub async fn units(&self) -> R<Vec<Unit>> {
        dispatch!(self, db, pool => db::dir_read::units(pool, false).await)
    }

    /// The units a curator may assign, by name.
    pub async fn active_units(&self) -> R<Vec<Unit>> {
        dispatch!(self, db, pool => db::dir_read::units(pool, true).await)
    }

    pub async fn unit(&self, id: UnitId) -> R<Option<Unit>> {
        dispatch!(self, db, pool => db::dir_read::unit(pool, id).await)
    }

    pub async fn unit_by_name(&self, name: &str) -> R<Option<Unit>> {
        dispatch!(self, db, pool => db::dir_read::unit_by_name(pool, name).await)
    }

    /// The active entries of a list, in the configured order.
    pub async fn catalog(&self, list: Catalog) -> R<Vec<String>> {
        dispatch!(self, db, pool => db::dir_read::catalog(pool, list).await)
    }

    pub async fn topics(&self) -> R<Vec<String>> {
        self.catalog(Catalog::Topics).await
    }

    pub async fn locations(&self) -> R<Vec<String>> {
        self.catalog(Catalog::Locations).await
    }

    pub async fn importance_levels(&self) -> R<Vec<String>> {
        self.catalog(Catalog::Importance).await
    }

    /// Every unit's and person's name, with the directory generation read first.
    pub async fn names(&self) -> R<NameRows> {
        dispatch!(self, db, pool => db::dir_read::names(pool).await)
    }

    /// The directory generation: moves whenever a unit or a person is added, renamed or
    /// removed, by whichever writer.
    pub async fn directory_generation(&self) -> R<i64> {
        dispatch!(self, db, pool => db::dir_read::generation(pool).await)
    }

    pub async fn person_settings(&self, id: PersonId) -> R<Option<PersonSettings>> {
        dispatch!(self, db, pool => db::dir_read::settings(pool, id).await)
    }

    pub async fn set_roles(&self, id: PersonId, roles: &BTreeSet<Role>) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_roles(pool, id, roles).await)
    }

    pub async fn set_unit(&self, id: PersonId, unit: Option<UnitId>) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_unit(pool, id, unit).await)
    }

    pub async fn set_deputy(&self, unit: UnitId, deputy: Option<PersonId>) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_deputy(pool, unit, deputy).await)
    }

    /// Adds a unit (or reactivates the one of that name) and returns its id.
    pub async fn add_unit(&self, name: &str, deputy: Option<PersonId>) -> R<UnitId> {
        dispatch!(self, db, pool => db::dir_write::add_unit(pool, name, deputy).await)
    }

    /// Adds an entry at the end of a list (or reactivates it); false if already there.
    pub async fn add_to_catalog(&self, list: Catalog, name: &str) -> R<bool> {
        dispatch!(self, db, pool => db::dir_write::add_catalog(pool, list, name).await)
    }

    pub async fn add_topic(&self, name: &str) -> R<bool> {
        self.add_to_catalog(Catalog::Topics, name).await
    }

    pub async fn add_location(&self, name: &str) -> R<bool> {
        self.add_to_catalog(Catalog::Locations, name).await
    }

    /// Hides an entry from the pickers; cases that name it keep it. False if not active.
    pub async fn remove_from_catalog(&self, list: Catalog, name: &str) -> R<bool> {
        dispatch!(self, db, pool => db::dir_write::remove_catalog(pool, list, name).await)
    }

    /// Deactivates a person; their history stays.
    pub async fn deactivate_person(&self, id: PersonId) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::deactivate_person(pool, id).await)
    }

    /// Fails with `Invalid` if another person already has this telegram id.
    pub async fn set_telegram_id(&self, id: PersonId, telegram_id: Option<i64>) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_telegram_id(pool, id, telegram_id).await)
    }

    /// Records that delivery to the person fails (or works again).
    pub async fn set_unreachable(&self, id: PersonId, unreachable: bool) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_unreachable(pool, id, unreachable).await)
    }

    pub async fn set_language(&self, id: PersonId, language: Option<&str>) -> R<()> {
        dispatch!(self, db, pool => db::dir_write::set_language(pool, id, language).await)
    }
}
