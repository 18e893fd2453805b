//! People's messenger accounts: who a MAX user is, and where their notices go.

use super::{Identity, Store, StoreError};
use crate::domain::ids::PersonId;
use crate::domain::messenger::{Accounts, Messenger};

type R<T> = Result<T, StoreError>;

impl Store {
    /// The person with this MAX user id (active or not), if any.
    pub async fn person_by_max(&self, max_id: i64) -> R<Option<PersonId>> {
        dispatch!(self, db, pool => db::messengers::person_by_max(pool, max_id).await)
    }

    /// The active person with this Telegram id, with roles and settings, in one read;
    /// `None` for a stranger or a deactivated person.
    pub async fn identity_by_telegram(&self, telegram_id: i64) -> R<Option<Identity>> {
        read!(self, db, c => db::identity::by_account(c, "telegram_id", telegram_id).await)
    }

    /// The active person with this MAX user id, as [`Store::identity_by_telegram`].
    pub async fn identity_by_max(&self, max_id: i64) -> R<Option<Identity>> {
        read!(self, db, c => db::identity::by_account(c, "max_id", max_id).await)
    }

    /// Gives the person this MAX id (taken from whoever had it), or removes theirs.
    pub async fn set_max_id(&self, person: PersonId, max_id: Option<i64>) -> R<()> {
        dispatch!(self, db, pool => db::messengers::set_max_id(pool, person, max_id).await)
    }

    /// The person's accounts and routing preferences.
    pub async fn accounts(&self, person: PersonId) -> R<Option<Accounts>> {
        dispatch!(self, db, pool => db::messengers::accounts(pool, person).await)
    }

    /// Remembers the messenger the person just wrote from (notices follow it unless they
    /// chose one). Writes only when it changed.
    pub async fn note_messenger(&self, person: PersonId, m: Messenger) -> R<()> {
        dispatch!(self, db, pool => db::messengers::note_messenger(pool, person, m).await)
    }

    /// The messenger chosen in `/settings` (`None`: follow the last used).
    pub async fn choose_messenger(&self, person: PersonId, m: Option<Messenger>) -> R<()> {
        dispatch!(self, db, pool => db::messengers::choose_messenger(pool, person, m).await)
    }
}
