//! Invites: a valid one lets a person in once; used, expired and unknown ones do not.

use otklik::service::invites::redeem;
use std::collections::BTreeSet;
use std::time::Duration;

use chrono::Duration as Span;
use otklik::domain::Role;
use otklik::storage::InviteError;

use super::fixture::{monday_9, Fx};
use crate::helpers::db::TestDb;

contract!(
    an_invite_lets_one_person_in_once,
    expired_and_unknown_invites_are_refused,
    a_person_invite_binds_the_directory_entry,
);

const DAY: Duration = Duration::from_secs(24 * 3600);

async fn an_invite_lets_one_person_in_once(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let t = monday_9();
    let token = s
        .create_invite(Role::Executor, Some(fx.unit1), fx.curator, t, DAY)
        .await
        .unwrap();
    assert_eq!(token.len(), 32);
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric()), "{token}");
    let other = s
        .create_invite(Role::Executor, Some(fx.unit1), fx.curator, t, DAY)
        .await
        .unwrap();
    assert_ne!(token, other);

    let person = redeem(s, &token, 5555, "Новый Сотрудник", t + Span::hours(1))
        .await
        .unwrap();
    assert_eq!(person.name, "Новый Сотрудник");
    assert_eq!(
        (person.telegram_id, person.unit, person.active),
        (Some(5555), Some(fx.unit1), true)
    );
    assert_eq!(person.roles, BTreeSet::from([Role::Executor]));
    let again = redeem(s, &token, 6666, "Другой", t + Span::hours(2)).await;
    assert!(matches!(again, Err(InviteError::Used)), "{again:?}");
    assert!(s.person_by_telegram(6666).await.unwrap().is_none());
    let exec = s.executors_of(fx.unit1).await.unwrap();
    assert!(exec.iter().any(|p| p.id == person.id));

    // The same telegram user with a second invite keeps one person and gains the role;
    // a name already taken by someone else gets the telegram id appended.
    let deputy = s
        .create_invite(Role::Deputy, None, fx.curator, t, DAY)
        .await
        .unwrap();
    let same = redeem(s, &deputy, 5555, "Иное Имя", t).await.unwrap();
    assert_eq!(same.id, person.id);
    assert_eq!(same.roles, BTreeSet::from([Role::Executor, Role::Deputy]));
    let clash = s
        .create_invite(Role::Controller, None, fx.curator, t, DAY)
        .await
        .unwrap();
    let namesake = redeem(s, &clash, 7777, "Куратор", t).await.unwrap();
    assert_eq!(namesake.name, "Куратор (7777)");
}

async fn expired_and_unknown_invites_are_refused(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let t = monday_9();
    let token = s
        .create_invite(
            Role::Curator,
            None,
            fx.curator,
            t,
            Duration::from_secs(3600),
        )
        .await
        .unwrap();
    let late = redeem(s, &token, 5555, "Опоздавший", t + Span::hours(1)).await;
    assert!(matches!(late, Err(InviteError::Expired)), "{late:?}");
    let unknown = redeem(s, "nope", 5555, "Кто-то", t).await;
    assert!(matches!(unknown, Err(InviteError::Unknown)), "{unknown:?}");
    assert!(s.person_by_telegram(5555).await.unwrap().is_none());
}

async fn a_person_invite_binds_the_directory_entry(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let t = monday_9();
    let token = s
        .create_person_invite(fx.newbie, Some(fx.curator), t, DAY)
        .await
        .unwrap();
    let person = redeem(s, &token, 8888, "Telegram Name", t).await.unwrap();
    assert_eq!((person.id, person.name.as_str()), (fx.newbie, "Новичок"));
    assert_eq!(
        (person.telegram_id, person.unit),
        (Some(8888), Some(fx.unit2))
    );
    assert_eq!(person.roles, BTreeSet::from([Role::Executor]));
    // Two redemptions racing: one wins.
    let token = s
        .create_invite(Role::Coordinator, None, fx.curator, t, DAY)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        redeem(s, &token, 9001, "Первый", t),
        redeem(s, &token, 9002, "Второй", t),
    );
    assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
}
