//! Each deadline's reminder and breach notice at its working minute (п.9–п.14, п.19),
//! across a night, a weekend and a holiday.

use chrono::{DateTime, Utc};
use otklik::domain::case::Command;
use otklik::domain::deadline::DeadlineKind;
use otklik::domain::notice::NoticeKind;
use otklik::storage::TimerAction;

use super::fixture::*;
use crate::helpers::db::TestDb;

scenario!(
    p10_p11_reminders_and_breaches_across_a_night,
    p10_p11_reminder_before_a_weekend_goes_on_friday,
    p10_p11_shortened_day_and_holiday_4_november,
    p12_publication_overdue_reminds_the_curator_without_escalation,
    p9_reassignment_overdue_reminds_the_curator,
    p14_contribution_reminded_then_escalated,
    reminders_are_always_in_working_time,
);

fn remind(d: DeadlineKind) -> NoticeKind {
    NoticeKind::Reminder { deadline: d }
}

fn breach(d: DeadlineKind) -> NoticeKind {
    NoticeKind::Breach { deadline: d }
}

type Log = Vec<(DateTime<Utc>, i64, NoticeKind)>;

fn at(t: DateTime<Utc>, chats: &[i64], n: NoticeKind) -> Log {
    chats.iter().map(|c| (t, *c, n.clone())).collect()
}

async fn p10_p11_reminders_and_breaches_across_a_night(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    // Monday 2 March 2026 09:00: the answer is due Tuesday 09:00 (8 working hours), the
    // draft with the curator 3 working hours earlier, Monday 15:00.
    let case = fx
        .register("https://vk.com/wall-1_1", msk(2026, 3, 2, 9, 0))
        .await;
    use DeadlineKind::{Answer, DraftToCurator};

    fx.quiet_at(case, msk(2026, 3, 2, 13, 0)).await;
    let log = fx
        .walk(case, msk(2026, 3, 2, 13, 58), msk(2026, 3, 2, 14, 2))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 2, 14, 0),
            &[EXEC1, DEPUTY1],
            remind(DraftToCurator)
        )
    );

    let log = fx
        .walk(case, msk(2026, 3, 2, 14, 58), msk(2026, 3, 2, 15, 2))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 2, 15, 0),
            &[CONTROLLER, DEPUTY1],
            breach(DraftToCurator)
        )
    );

    // The night and the early morning are quiet: the answer reminder is one working hour
    // before 09:00 Tuesday, i.e. 08:00 Tuesday — not Monday evening.
    fx.quiet_at(case, msk(2026, 3, 2, 16, 55)).await;
    fx.quiet_at(case, msk(2026, 3, 2, 23, 0)).await;
    fx.quiet_at(case, msk(2026, 3, 3, 7, 55)).await;
    let log = fx
        .walk(case, msk(2026, 3, 3, 7, 56), msk(2026, 3, 3, 8, 2))
        .await;
    assert_eq!(log, at(msk(2026, 3, 3, 8, 0), &[EXEC1], remind(Answer)));

    let log = fx
        .walk(case, msk(2026, 3, 3, 8, 58), msk(2026, 3, 3, 9, 2))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 3, 9, 0),
            &[CONTROLLER, DEPUTY1],
            breach(Answer)
        )
    );
    assert_eq!(
        fx.store.next_timer_at().await.unwrap(),
        None,
        "nothing is left to do"
    );
}

async fn p10_p11_reminder_before_a_weekend_goes_on_friday(db: &TestDb) {
    // Friday 13 March 2026 11:30: the answer is due Monday 16 March 11:30, the draft Monday
    // 08:30 — whose reminder, one working hour earlier, is Friday 16:30.
    let fx = Fx::new(db, msk(2026, 3, 13, 11, 30)).await;
    let case = fx
        .register("https://vk.com/wall-1_2", msk(2026, 3, 13, 11, 30))
        .await;
    use DeadlineKind::{Answer, DraftToCurator};

    fx.quiet_at(case, msk(2026, 3, 13, 16, 25)).await;
    let log = fx
        .walk(case, msk(2026, 3, 13, 16, 26), msk(2026, 3, 13, 16, 31))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 13, 16, 30),
            &[EXEC1, DEPUTY1],
            remind(DraftToCurator)
        )
    );

    for day in [14, 15] {
        fx.quiet_at(case, msk(2026, 3, day, 12, 0)).await;
    }
    fx.quiet_at(case, msk(2026, 3, 16, 8, 25)).await;
    let log = fx
        .walk(case, msk(2026, 3, 16, 8, 26), msk(2026, 3, 16, 8, 31))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 16, 8, 30),
            &[CONTROLLER, DEPUTY1],
            breach(DraftToCurator)
        )
    );

    fx.quiet_at(case, msk(2026, 3, 16, 10, 25)).await;
    let log = fx
        .walk(case, msk(2026, 3, 16, 10, 26), msk(2026, 3, 16, 11, 31))
        .await;
    let mut expected = at(msk(2026, 3, 16, 10, 30), &[EXEC1], remind(Answer));
    expected.extend(at(
        msk(2026, 3, 16, 11, 30),
        &[CONTROLLER, DEPUTY1],
        breach(Answer),
    ));
    assert_eq!(log, expected);
}

async fn p10_p11_shortened_day_and_holiday_4_november(db: &TestDb) {
    // Tuesday 3 November 2026 is a shortened pre-holiday day (08:00–16:00), Wednesday 4
    // November a holiday. Registered Tuesday 10:30: 4.5 working hours remain on Tuesday, so
    // the answer is due Thursday 11:30, the draft Thursday 08:30, and the draft's reminder
    // is Tuesday 15:30 (half an hour before the shortened day ends).
    let fx = Fx::new(db, msk(2026, 11, 3, 10, 30)).await;
    let case = fx
        .register("https://vk.com/wall-1_3", msk(2026, 11, 3, 10, 30))
        .await;
    use DeadlineKind::{Answer, DraftToCurator};

    fx.quiet_at(case, msk(2026, 11, 3, 15, 25)).await;
    let log = fx
        .walk(case, msk(2026, 11, 3, 15, 26), msk(2026, 11, 3, 15, 31))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 11, 3, 15, 30),
            &[EXEC1, DEPUTY1],
            remind(DraftToCurator)
        )
    );

    fx.quiet_at(case, msk(2026, 11, 3, 16, 30)).await;
    fx.quiet_at(case, msk(2026, 11, 4, 10, 30)).await;
    fx.quiet_at(case, msk(2026, 11, 4, 16, 30)).await;
    fx.quiet_at(case, msk(2026, 11, 5, 8, 25)).await;
    let log = fx
        .walk(case, msk(2026, 11, 5, 8, 26), msk(2026, 11, 5, 8, 31))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 11, 5, 8, 30),
            &[CONTROLLER, DEPUTY1],
            breach(DraftToCurator)
        )
    );

    fx.quiet_at(case, msk(2026, 11, 5, 10, 25)).await;
    let log = fx
        .walk(case, msk(2026, 11, 5, 10, 26), msk(2026, 11, 5, 11, 31))
        .await;
    let mut expected = at(msk(2026, 11, 5, 10, 30), &[EXEC1], remind(Answer));
    expected.extend(at(
        msk(2026, 11, 5, 11, 30),
        &[CONTROLLER, DEPUTY1],
        breach(Answer),
    ));
    assert_eq!(log, expected);
}

async fn p12_publication_overdue_reminds_the_curator_without_escalation(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-1_4", msk(2026, 3, 2, 9, 0))
        .await;
    // The approved draft reaches the curator at 10:00; п.12 gives one working hour. A
    // reminder an hour ahead would be the moment itself, so the curator is reminded when
    // the hour is up (SPEC §3: "reminder to the curator"), and the controller is not told.
    fx.approve(case, msk(2026, 3, 2, 10, 0)).await;
    fx.quiet_at(case, msk(2026, 3, 2, 10, 55)).await;
    let log = fx
        .walk(case, msk(2026, 3, 2, 10, 56), msk(2026, 3, 2, 11, 2))
        .await;
    assert_eq!(
        log,
        at(
            msk(2026, 3, 2, 11, 0),
            &[CURATOR],
            remind(DeadlineKind::Publish)
        )
    );
}

async fn p9_reassignment_overdue_reminds_the_curator(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let case = fx
        .register("https://vk.com/wall-1_5", msk(2026, 3, 2, 9, 0))
        .await;
    let back = Command::Return {
        unit: fx.unit1,
        reason: "Не наш вопрос".into(),
    };
    fx.run(case, fx.exec1, back, msk(2026, 3, 2, 9, 10)).await;
    // п.9: 15 working minutes to reassign; the curator is reminded when they are up.
    let log = fx
        .walk(case, msk(2026, 3, 2, 9, 11), msk(2026, 3, 2, 9, 27))
        .await;
    let reassign: Log = log
        .into_iter()
        .filter(|(_, _, n)| *n == remind(DeadlineKind::Reassign))
        .collect();
    assert_eq!(
        reassign,
        at(
            msk(2026, 3, 2, 9, 25),
            &[CURATOR],
            remind(DeadlineKind::Reassign)
        )
    );
}

async fn p14_contribution_reminded_then_escalated(db: &TestDb) {
    let fx = Fx::new(db, msk(2026, 3, 2, 9, 0)).await;
    let view = fx
        .register_for(
            "https://vk.com/wall-1_6",
            &[fx.unit1, fx.unit2],
            msk(2026, 3, 2, 9, 0),
        )
        .await;
    let case = view.case.id;
    // п.14: the co-executor's part is due in 2 working hours (11:00), reminded at 10:00.
    let log = fx
        .walk(case, msk(2026, 3, 2, 9, 58), msk(2026, 3, 2, 11, 1))
        .await;
    let contribution: Log = log
        .into_iter()
        .filter(|(_, _, n)| {
            matches!(n, NoticeKind::Reminder { deadline } | NoticeKind::Breach { deadline }
                if *deadline == DeadlineKind::Contribution)
        })
        .collect();
    let mut expected = at(
        msk(2026, 3, 2, 10, 0),
        &[EXEC2],
        remind(DeadlineKind::Contribution),
    );
    expected.extend(at(
        msk(2026, 3, 2, 11, 0),
        &[CONTROLLER, DEPUTY2],
        breach(DeadlineKind::Contribution),
    ));
    assert_eq!(contribution, expected);
}

async fn reminders_are_always_in_working_time(db: &TestDb) {
    // Cases registered at awkward moments: evening, night, Saturday, the eve of a holiday.
    let fx = Fx::new(db, msk(2026, 11, 2, 9, 0)).await;
    let moments = [
        msk(2026, 11, 2, 16, 45),
        msk(2026, 11, 2, 23, 30),
        msk(2026, 11, 3, 15, 50),
        msk(2026, 11, 7, 11, 0),
        msk(2026, 11, 6, 7, 0),
    ];
    for (i, t) in moments.into_iter().enumerate() {
        fx.register(&format!("https://vk.com/wall-2_{i}"), t).await;
    }
    let far = msk(2026, 12, 31, 0, 0);
    let due = fx.store.due_timers(far, 1000).await.unwrap();
    assert!(!due.is_empty());
    // At `far` every deadline is past, so read the reminders one moment before each due.
    for item in due {
        let before = item.due_at - chrono::Duration::seconds(1);
        let pending = fx.store.due_timers(before, 1000).await.unwrap();
        for r in pending.iter().filter(|r| r.action == TimerAction::Remind) {
            assert!(
                fx.calendar.is_working_time(r.fire_at),
                "reminder at {} is outside working time",
                r.fire_at
            );
        }
    }
}
