//! Redeeming an invite inside one write transaction: the rows it reads and writes.

use chrono::{DateTime, Utc};

use super::{Tx, R};
use crate::domain::directory::invite::StoredInvite;
use crate::domain::directory::Person;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::messenger::Messenger;
use crate::domain::Role;

impl Tx {
    pub async fn invite(&mut self, token: &str) -> R<Option<StoredInvite>> {
        on_tx!(self, db, c => db::invites::by_token(c, token).await)
    }

    /// Marks the invite used; false if another redemption took it first.
    pub async fn take_invite(&mut self, id: i64, now: DateTime<Utc>) -> R<bool> {
        on_tx!(self, db, c => db::invites::take(c, id, now).await)
    }

    pub async fn invite_used_by(&mut self, id: i64, person: PersonId) -> R<()> {
        on_tx!(self, db, c => db::invites::used_by(c, id, person).await)
    }

    /// Moves account `id` in `m` to `person` and activates them; false if there is no such
    /// person.
    pub async fn bind_account(&mut self, person: PersonId, m: Messenger, id: i64) -> R<bool> {
        on_tx!(self, db, c => db::invites::bind_account(c, person, m, id).await)
    }

    /// The person holding account `id` in `m`, active or not.
    pub async fn account_holder(&mut self, m: Messenger, id: i64) -> R<Option<PersonId>> {
        on_tx!(self, db, c => db::invites::holder(c, m, id).await)
    }

    pub async fn activate_person(&mut self, person: PersonId) -> R<()> {
        on_tx!(self, db, c => db::invites::activate(c, person).await)
    }

    pub async fn name_taken(&mut self, name: &str) -> R<bool> {
        on_tx!(self, db, c => db::invites::name_taken(c, name).await)
    }

    pub async fn insert_newcomer(&mut self, name: &str, m: Messenger, id: i64) -> R<PersonId> {
        on_tx!(self, db, c => db::invites::insert_newcomer(c, name, m, id).await)
    }

    /// Adds `role` (kept if held) and sets `unit`, each when given.
    pub async fn grant(
        &mut self,
        person: PersonId,
        role: Option<Role>,
        unit: Option<UnitId>,
    ) -> R<()> {
        on_tx!(self, db, c => db::invites::grant(c, person, role, unit).await)
    }

    pub async fn person(&mut self, id: PersonId) -> R<Option<Person>> {
        on_tx!(self, db, c => db::invites::person(c, id).await)
    }
}
