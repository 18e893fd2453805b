//! Concurrent commands: on one case exactly one of two conflicting commands wins, and
//! compatible ones both land; the same link registered twice at once makes one case.

use otklik::domain::case::{Command, TransitionError};
use otklik::storage::{CommandMeta, StoreError};

use crate::helpers::db::TestDb;
use crate::storage::fixture::{monday_9, Fx};
use otklik::service::cases;

contract!(
    two_accepts_one_wins,
    compatible_commands_both_land,
    same_link_registered_at_once_makes_one_case,
);

async fn two_accepts_one_wins(db: &TestDb) {
    let fx = Fx::new(db).await;
    let v = fx.register("https://vk.com/wall-7_1", monday_9()).await;
    let accept = Command::Accept { unit: fx.unit1 };
    let tasks: Vec<_> = (0..2)
        .map(|_| {
            let (store, ctx, accept) = (fx.store.clone(), fx.ctx.clone(), accept.clone());
            let (case, actor) = (v.case.id, fx.exec1);
            tokio::spawn(async move {
                cases::execute(
                    &store,
                    case,
                    actor,
                    &accept,
                    CommandMeta::at(monday_9()),
                    &ctx,
                )
                .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("the task finishes"));
    }
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .any(|r| matches!(r, Err(StoreError::Refused(TransitionError::AlreadyDone)))));
    let after = fx.view(v.case.id).await;
    assert_eq!(
        after
            .events()
            .filter(|e| e.kind.tag() == "accepted")
            .count(),
        1
    );
    assert_eq!(fx.store.outbox_for_case(v.case.id).await.unwrap().len(), 2);
}

async fn compatible_commands_both_land(db: &TestDb) {
    let fx = Fx::new(db).await;
    let reg = fx.reg("https://vk.com/wall-7_2", &[fx.unit1, fx.unit2]);
    let v = cases::register(
        &fx.store,
        &reg,
        fx.curator,
        CommandMeta::at(monday_9()),
        &fx.ctx,
    )
    .await
    .unwrap();
    let commands = [
        (fx.exec1, Command::Accept { unit: fx.unit1 }),
        (
            fx.exec2,
            Command::Contribute {
                unit: fx.unit2,
                text: "Часть".into(),
                attachments: vec![],
            },
        ),
    ];
    let tasks: Vec<_> = commands
        .into_iter()
        .map(|(actor, command)| {
            let (store, ctx, case) = (fx.store.clone(), fx.ctx.clone(), v.case.id);
            tokio::spawn(async move {
                cases::execute(
                    &store,
                    case,
                    actor,
                    &command,
                    CommandMeta::at(monday_9()),
                    &ctx,
                )
                .await
            })
        })
        .collect();
    for t in tasks {
        t.await
            .expect("the task finishes")
            .expect("both commands succeed");
    }
    let after = fx.view(v.case.id).await;
    let tags: Vec<&str> = after.events().map(|e| e.kind.tag()).collect();
    assert_eq!(tags.len(), 5);
    assert!(tags.contains(&"accepted") && tags.contains(&"contribution_given"));
    // Four assignment notices, then the contribution to the curator and to the housing
    // executor (п.14): in person if the acceptance landed first, as the unit otherwise.
    let outbox = fx.store.outbox_for_case(v.case.id).await.unwrap();
    assert_eq!(outbox.len(), 6, "{outbox:?}");
    let told: Vec<_> = outbox[4..].iter().map(|r| r.person).collect();
    assert!(
        told.contains(&fx.curator) && told.contains(&fx.exec1),
        "{told:?}"
    );
}

async fn same_link_registered_at_once_makes_one_case(db: &TestDb) {
    let fx = Fx::new(db).await;
    let tasks: Vec<_> = (0..2)
        .map(|_| {
            let (store, ctx) = (fx.store.clone(), fx.ctx.clone());
            let (reg, curator) = (fx.reg("https://vk.com/wall-7_3", &[fx.unit1]), fx.curator);
            tokio::spawn(async move {
                cases::register(&store, &reg, curator, CommandMeta::at(monday_9()), &ctx).await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("the task finishes"));
    }
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .any(|r| matches!(r, Err(StoreError::DuplicateLink { number: 1, .. }))));
    assert!(fx.store.case_by_number(2, &fx.ctx).await.unwrap().is_none());
}
