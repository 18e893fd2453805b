//! Joining by invite link (`/start <token>` in Telegram, the start payload in MAX): the invite's role and unit are granted and the
//! invite is used up, all or nothing.

use chrono::{DateTime, Utc};

use crate::domain::directory::invite::{newcomer_names, InviteRefusal};
use crate::domain::directory::Person;
use crate::domain::ids::PersonId;
use crate::domain::messenger::Messenger;
use crate::storage::{InviteError, Store, StoreError, Tx};

/// Lets a Telegram user in (see [`redeem_in`]).
pub async fn redeem(
    store: &Store,
    token: &str,
    telegram_id: i64,
    display_name: &str,
    now: DateTime<Utc>,
) -> Result<Person, InviteError> {
    let account = (Messenger::Telegram, telegram_id);
    redeem_in(store, token, account, display_name, now).await
}

/// Lets a messenger user (`account`: the messenger and their id there) in: binds them to
/// the invite's person, or finds (and reactivates) theirs, or creates one named as in the
/// messenger. A second use fails.
#[tracing::instrument(skip_all)]
pub async fn redeem_in(
    store: &Store,
    token: &str,
    account: (Messenger, i64),
    display_name: &str,
    now: DateTime<Utc>,
) -> Result<Person, InviteError> {
    let (messenger, id) = account;
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
        Some(p) if tx.bind_account(p, messenger, id).await? => p,
        Some(p) => return Err(StoreError::UnknownPerson(p).into()),
        None => person_for(&mut tx, account, display_name).await?,
    };
    tx.grant(person, invite.role, invite.unit).await?;
    tx.invite_used_by(invite.id, person).await?;
    let joined = tx.person(person).await?;
    tx.commit().await?;
    joined.ok_or(InviteError::Store(StoreError::UnknownPerson(person)))
}

/// The person with this account (reactivated), or a new one.
async fn person_for(
    tx: &mut Tx,
    (messenger, account): (Messenger, i64),
    display_name: &str,
) -> Result<PersonId, StoreError> {
    if let Some(id) = tx.account_holder(messenger, account).await? {
        tx.activate_person(id).await?;
        return Ok(id);
    }
    for name in newcomer_names(display_name, account, rand::random()) {
        if !tx.name_taken(&name).await? {
            return tx.insert_newcomer(&name, messenger, account).await;
        }
    }
    Err(StoreError::Invalid(format!(
        "no free name for {display_name:?}"
    )))
}
