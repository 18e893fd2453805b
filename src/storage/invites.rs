//! Invite links (`/start <token>`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::distributions::Alphanumeric;
use rand::Rng;

use super::{Store, StoreError};
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::Role;

/// Tokens are 32 characters of [A-Za-z0-9] (~190 random bits): within Telegram's 64-character
/// start parameter and its alphabet.
const TOKEN_LEN: usize = 32;

pub(crate) fn new_token() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(TOKEN_LEN)
        .map(char::from)
        .collect()
}

fn expiry(now: DateTime<Utc>, ttl: Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(ttl)
        .ok()
        .and_then(|d| now.checked_add_signed(d))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl Store {
    /// A single-use invite granting `role` (and `unit`), valid for `ttl`; returns its token.
    pub async fn create_invite(
        &self,
        role: Role,
        unit: Option<UnitId>,
        created_by: impl Into<Option<PersonId>>,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, StoreError> {
        self.invite((Some(role), unit, None), created_by.into(), now, ttl)
            .await
    }

    /// A single-use invite for a directory person who has no telegram id yet (e.g. listed
    /// in the file without one): redeeming it binds the telegram account to that person.
    pub async fn create_person_invite(
        &self,
        person: PersonId,
        created_by: Option<PersonId>,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, StoreError> {
        self.invite((None, None, Some(person)), created_by, now, ttl)
            .await
    }

    async fn invite(
        &self,
        (role, unit, person): (Option<Role>, Option<UnitId>, Option<PersonId>),
        created_by: Option<PersonId>,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, StoreError> {
        let expires = expiry(now, ttl);
        dispatch!(self, db, pool => {
            let grant = db::invites::Grant { role, unit, person };
            db::invites::create(pool, grant, created_by, now, expires).await
        })
    }
}
