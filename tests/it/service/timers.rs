//! Scheduler timers: what is due when, firing exactly once (also across replicas), done
//! flags surviving later commands, and closed deadlines leaving no timers.

use otklik::domain::case::{Command, DraftKind};
use otklik::domain::deadline::{DeadlineKind, Party};
use otklik::domain::notice::{Audience, NoticeKind, RoleCode};
use otklik::storage::{TimerAction, TimerItem};

use otklik::storage::StoreCtx;

use crate::helpers::db::TestDb;
use crate::storage::fixture::{config, monday_9, msk, Fx, CONFIG};
use otklik::service::timers;

contract!(
    a_timer_fires_once_and_its_flags_survive_commands,
    a_past_deadline_reports_the_breach_not_the_reminder,
    changed_terms_are_applied_to_open_cases,
    p9_p13_start_retimes_only_when_the_calendar_or_terms_changed,
);

fn reminder(fx: &Fx, kind: DeadlineKind) -> Vec<(Audience, NoticeKind)> {
    vec![
        (
            Audience::UnitExecutors { unit: fx.unit1 },
            NoticeKind::Reminder { deadline: kind },
        ),
        (
            Audience::UnitDeputy { unit: fx.unit1 },
            NoticeKind::Reminder { deadline: kind },
        ),
    ]
}

async fn a_timer_fires_once_and_its_flags_survive_commands(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    let v = fx.register("https://vk.com/wall-4_1", monday_9()).await;
    let id = v.case.id;
    let at = msk(2026, 3, 2, 14, 0);
    assert!(s
        .due_timers(at - chrono::Duration::seconds(1), 10)
        .await
        .unwrap()
        .is_empty());
    let due = s.due_timers(at, 10).await.unwrap();
    let item: TimerItem = due[0];
    assert_eq!(
        (item.kind, item.action, item.fire_at),
        (DeadlineKind::DraftToCurator, TimerAction::Remind, at)
    );

    assert!(timers::fire(s, &item, at, &reminder(&fx, item.kind))
        .await
        .unwrap());
    assert!(
        !timers::fire(s, &item, at, &reminder(&fx, item.kind))
            .await
            .unwrap(),
        "already done"
    );
    let rows = s.outbox_for_case(id).await.unwrap();
    assert_eq!(rows.len(), 2 + 2);
    let key = format!(
        "timer:{id}:draft_to_curator:unit:{}:{}:remind:{}",
        fx.unit1,
        item.due_at.timestamp(),
        fx.exec1
    );
    assert_eq!(rows[2].key, key);
    assert_eq!(
        rows[2].notice(),
        Some(NoticeKind::Reminder {
            deadline: DeadlineKind::DraftToCurator
        })
    );

    // A later command rewrites the timers but keeps what was done: no second reminder.
    fx.run(
        id,
        fx.exec1,
        Command::Accept { unit: fx.unit1 },
        msk(2026, 3, 2, 14, 30),
    )
    .await
    .unwrap();
    assert!(s
        .due_timers(msk(2026, 3, 2, 14, 59), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 15, 0))
    );

    // Two replicas fire the breach at once: exactly one queues the deficiency notice.
    let breach = s.due_timers(msk(2026, 3, 2, 15, 0), 10).await.unwrap()[0];
    assert_eq!(
        (breach.kind, breach.action),
        (DeadlineKind::DraftToCurator, TimerAction::Breach)
    );
    let to_controller = vec![(
        Audience::Role {
            role: RoleCode::Controller,
        },
        NoticeKind::Breach {
            deadline: breach.kind,
        },
    )];
    let (a, b) = tokio::join!(
        timers::fire(s, &breach, msk(2026, 3, 2, 15, 0), &to_controller),
        timers::fire(s, &breach, msk(2026, 3, 2, 15, 1), &to_controller),
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|f| **f).count(), 1);
    let rows = s.outbox_for_case(id).await.unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].chat_id, 1006);
    // Next: the п.10 answer's reminder, an hour before Tuesday 09:00.
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 3, 8, 0))
    );

    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: "Ответ".into(),
        attachments: vec![],
    };
    fx.run(id, fx.exec1, draft, msk(2026, 3, 2, 15, 10))
        .await
        .unwrap();
    fx.run(id, fx.deputy1, Command::Approve, msk(2026, 3, 2, 15, 20))
        .await
        .unwrap();
    let publish = s.due_timers(msk(2026, 3, 2, 16, 20), 10).await.unwrap();
    assert_eq!(publish.len(), 1);
    assert_eq!(
        (publish[0].kind, publish[0].party),
        (DeadlineKind::Publish, Party::Curator)
    );
    fx.run(
        id,
        fx.curator,
        Command::Publish { url: None },
        msk(2026, 3, 2, 15, 30),
    )
    .await
    .unwrap();
    assert_eq!(s.next_timer_at().await.unwrap(), None);
    assert!(
        !timers::fire(s, &publish[0], msk(2026, 3, 2, 16, 20), &[])
            .await
            .unwrap(),
        "closed meanwhile"
    );
}

async fn a_past_deadline_reports_the_breach_not_the_reminder(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    fx.register("https://vk.com/wall-4_2", monday_9()).await;
    let due = s.due_timers(msk(2026, 3, 3, 10, 0), 10).await.unwrap();
    let got: Vec<_> = due.iter().map(|d| (d.kind, d.action, d.fire_at)).collect();
    assert_eq!(
        got,
        [
            (
                DeadlineKind::DraftToCurator,
                TimerAction::Breach,
                msk(2026, 3, 2, 15, 0)
            ),
            (
                DeadlineKind::Answer,
                TimerAction::Breach,
                msk(2026, 3, 3, 9, 0)
            ),
        ]
    );
    assert_eq!(
        s.due_timers(msk(2026, 3, 3, 10, 0), 1).await.unwrap().len(),
        1,
        "limit"
    );
    for item in &due {
        assert!(timers::fire(s, item, msk(2026, 3, 3, 10, 0), &[])
            .await
            .unwrap());
    }
    assert!(s
        .due_timers(msk(2026, 3, 3, 10, 0), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        None,
        "nothing left to do for open deadlines"
    );
}

async fn changed_terms_are_applied_to_open_cases(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    fx.register("https://vk.com/wall-4_3", monday_9()).await;
    let remind = s.due_timers(msk(2026, 3, 2, 14, 0), 10).await.unwrap()[0];
    assert!(timers::fire(s, &remind, msk(2026, 3, 2, 14, 0), &[])
        .await
        .unwrap());

    // Same terms: nothing moves and the reminder stays sent.
    assert_eq!(timers::refresh_open_cases(s, &fx.ctx).await.unwrap(), 1);
    assert!(s
        .due_timers(msk(2026, 3, 2, 14, 30), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 15, 0))
    );

    // A 4-hour answer for this importance: the draft is due at 10:00, the answer at 14:00.
    let text = format!("{CONFIG}\n[deadlines.importance.\"Средняя\"]\nanswer = \"4h\"\n");
    let shorter = StoreCtx::from_config(&config(&text));
    assert_eq!(timers::refresh_open_cases(s, &shorter).await.unwrap(), 1);
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 10, 0))
    );
    let overdue = s
        .overdue_cases(msk(2026, 3, 2, 10, 1), &shorter)
        .await
        .unwrap();
    assert_eq!(overdue.len(), 1);
}

/// Issue 15: a start with the calendar and terms the open cases were timed with touches no
/// case; changed terms re-time them once, and the new moments hold.
async fn p9_p13_start_retimes_only_when_the_calendar_or_terms_changed(db: &TestDb) {
    let fx = Fx::new(db).await;
    let s = &fx.store;
    fx.register("https://vk.com/wall-4_5", monday_9()).await;
    let now = msk(2026, 3, 2, 9, 30);
    let first = timers::retime_if_changed(s, &fx.ctx, now).await.unwrap();
    assert_eq!(
        first,
        timers::Retimed::Cases(1),
        "never timed with a fingerprint"
    );
    let again = timers::retime_if_changed(s, &fx.ctx, now).await.unwrap();
    assert_eq!(again, timers::Retimed::Unchanged);

    let text = format!("{CONFIG}\n[deadlines.importance.\"Средняя\"]\nanswer = \"4h\"\n");
    let shorter = StoreCtx::from_config(&config(&text));
    let changed = timers::retime_if_changed(s, &shorter, now).await.unwrap();
    assert_eq!(changed, timers::Retimed::Cases(1));
    assert_eq!(
        s.next_timer_at().await.unwrap(),
        Some(msk(2026, 3, 2, 10, 0)),
        "the draft is due at 10:00 under the 4-hour answer"
    );
    let after = timers::retime_if_changed(s, &shorter, now).await.unwrap();
    assert_eq!(after, timers::Retimed::Unchanged);
}
