//! Joining by invite link (`/start <token>`): the invite's role and unit are granted and the
//! invite is used up, all or nothing.

use chrono::{DateTime, Utc};

use crate::domain::directory::invite::{newcomer_names, InviteRefusal};
use crate::domain::directory::Person;
use crate::domain::ids::PersonId;
use crate::storage::{InviteError, Store, StoreError, Tx};

/// Lets a telegram user in: binds them to the invite's person, or finds (and reactivates)
/// theirs, or creates one named as in the messenger. A second use fails.
#[tracing::instrument(skip_all)]
pub async fn redeem(
    store: &Store,
    token: &str,
    telegram_id: i64,
    display_name: &str,
    now: DateTime<Utc>,
) -> Result<Person, InviteError> {
    let mut tx = store.begin_write().await?;
    let invite = tx.invite(token).await?.ok_or(InviteError::Unknown)?;
    invite.check(now).map_err(|r| match r {
        InviteRefusal::Used => InviteError::Used,
        InviteRefusal::Expired => InviteError::Expired,
    })?;
    // Taken first: of two concurrent redemptions the second finds it used.
    if !tx.take_invite(invite.id, now).await? {
        return Err(InviteError::Used);
    }
    let person = match invite.person {
        Some(p) if tx.bind_telegram(p, telegram_id).await? => p,
        Some(p) => return Err(StoreError::UnknownPerson(p).into()),
        None => person_for(&mut tx, telegram_id, display_name).await?,
    };
    tx.grant(person, invite.role, invite.unit).await?;
    tx.invite_used_by(invite.id, person).await?;
    let joined = tx.person(person).await?;
    tx.commit().await?;
    joined.ok_or(InviteError::Store(StoreError::UnknownPerson(person)))
}

/// The person with this telegram id (reactivated), or a new one.
async fn person_for(
    tx: &mut Tx,
    telegram_id: i64,
    display_name: &str,
) -> Result<PersonId, StoreError> {
    if let Some(id) = tx.telegram_holder(telegram_id).await? {
        tx.activate_person(id).await?;
        return Ok(id);
    }
    for name in newcomer_names(display_name, telegram_id, rand::random()) {
        if !tx.name_taken(&name).await? {
            return tx.insert_newcomer(&name, telegram_id).await;
        }
    }
    Err(StoreError::Invalid(format!(
        "no free name for {display_name:?}"
    )))
}
