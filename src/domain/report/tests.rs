//! п.20: the monthly summary's figures against a month computed by hand.
//!
//! November 2026 in Moscow, working time 08–12 and 13–17; 3.11 ends at 16:00, 4.11 is a
//! holiday. See `fixture.rs` for each case's history and its hand-computed deadlines.

use super::fixture::*;
use super::*;
use crate::domain::case::CaseState;
use crate::domain::ids::{CaseId, UnitId};

fn figures() -> (MonthFigures, Vec<CaseRow>) {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let mut report = MonthReport::new(NOVEMBER, ctx).with_case_rows();
    for case in cases() {
        report.add(&case);
    }
    report.finish()
}

fn tally(f: &MonthFigures, unit: Option<UnitId>) -> &Tally {
    &f.unit(unit).expect("unit line present").tally
}

fn answer_time(count: u32, median: u32, p90: u32) -> AnswerTime {
    AnswerTime {
        count,
        median_minutes: Some(median),
        p90_minutes: Some(p90),
    }
}

#[test]
fn p20_housing_figures() {
    let (f, _) = figures();
    // Cases 1, 2, 7, 10 (6 went to roads). On time: 1, 10. Late: 2 (4 h «Высокая» term
    // across the holiday), 7 (carried over from October). Minutes 240, 600, 660, 420 →
    // sorted 240 420 600 660: median rank 2 = 420, p90 rank 4 = 660. Case 6's return and
    // its 25-minute-late reassignment are housing's; case 2 was sent back by the deputy.
    // Answers 1, 2, 7, 10; all but 2 approved at the first attempt; 1 with a photo (7's
    // document does not count). п.19 notices: case 2's draft (due 3.11 11:00, three hours
    // before its 15:00 answer) and answer; case 7's draft (2.11 11:00) and answer (2.11
    // 15:00); case 10's draft (due 2.11 14:00, approved 15:00).
    let expected = Tally {
        cases: 4,
        on_time: 2,
        late: 2,
        answer_time: answer_time(4, 420, 660),
        returns: 1,
        reassign_delays: 1,
        sent_back_by_deputy: 1,
        answers: 4,
        first_attempt: 3,
        with_media: 1,
        notices: 5,
        ..Tally::default()
    };
    assert_eq!(tally(&f, Some(HOUSING)), &expected);
    assert_eq!(expected.on_time_share(), Some(0.5));
}

#[test]
fn p20_roads_figures() {
    let (f, _) = figures();
    // Cases 3, 4, 6, 11. On time: 3 (intermediate), 6. Open at the end: 4 (overdue since
    // 26.11 09:00) and 11 (due 1.12 15:00, pending). Minutes 240, 300: median rank 1 = 240,
    // p90 rank 2 = 300. Case 3: one intermediate, one sent back by the curator. Case 4 is
    // a repeat (п.15). Answers: 3's intermediate and final (sent back first), 6's. п.19:
    // case 4's draft (due 25.11 15:00) and answer (26.11 09:00), both still open.
    let expected = Tally {
        cases: 4,
        on_time: 2,
        open: 2,
        overdue: 1,
        pending: 1,
        answer_time: answer_time(2, 240, 300),
        sent_back_by_curator: 1,
        intermediate: 1,
        repeats: 1,
        answers: 3,
        first_attempt: 2,
        notices: 2,
        ..Tally::default()
    };
    assert_eq!(tally(&f, Some(ROADS)), &expected);
    // 2 / (2 + 0 + 1)
    assert_eq!(expected.on_time_share(), Some(2.0 / 3.0));
}

#[test]
fn p20_schools_culture_and_no_unit() {
    let (f, _) = figures();
    // Case 12: intermediate on time (180 min), п.13 term 18.11 17:00 passed: open, final
    // overdue.
    let schools = Tally {
        cases: 1,
        on_time: 1,
        open: 1,
        final_overdue: 1,
        answer_time: answer_time(1, 180, 180),
        intermediate: 1,
        // The intermediate answer; the п.13 term that ran out 18.11 17:00 is a п.19 notice.
        answers: 1,
        first_attempt: 1,
        notices: 1,
        ..Tally::default()
    };
    assert_eq!(tally(&f, Some(SCHOOLS)), &schools);
    // A quiet unit still shows, with zeros and no share.
    assert_eq!(tally(&f, Some(CULTURE)), &Tally::default());
    assert_eq!(tally(&f, Some(CULTURE)).on_time_share(), None);
    // Case 5, rejected under п.17 at intake.
    let nobody = Tally {
        cases: 1,
        rejected: 1,
        ..Tally::default()
    };
    assert_eq!(tally(&f, None), &nobody);
    let names: Vec<_> = f.units.iter().map(|u| u.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Отдел ЖКХ"),
            Some("Отдел дорог"),
            Some("Отдел культуры"),
            Some("Отдел образования"),
            None
        ]
    );
}

#[test]
fn p20_totals_and_share() {
    let (f, _) = figures();
    // 10 cases (1–7 less 8, 9; plus 10–12 → 1,2,3,4,5,6,7,10,11,12). Minutes 180 240 240
    // 300 420 600 660: median rank 4 = 300, p90 rank ⌈6.3⌉ = 7 = 660.
    let expected = Tally {
        cases: 10,
        on_time: 5,
        late: 2,
        open: 3,
        overdue: 1,
        pending: 1,
        final_overdue: 1,
        answer_time: answer_time(7, 300, 660),
        returns: 1,
        reassign_delays: 1,
        sent_back_by_deputy: 1,
        sent_back_by_curator: 1,
        intermediate: 2,
        repeats: 1,
        rejected: 1,
        answers: 8,
        first_attempt: 6,
        with_media: 1,
        notices: 8,
        manual_notices: 0,
    };
    assert_eq!(f.totals, expected);
    // 5 / (5 + 2 + 1); 6 of 8 answers approved at the first attempt.
    assert_eq!(f.totals.on_time_share(), Some(0.625));
    assert_eq!(f.totals.first_attempt_share(), Some(0.75));
    assert!(!f.is_empty());
}

fn row(key: &str, current: u32, previous: u32) -> DynamicsRow {
    DynamicsRow {
        key: key.into(),
        current,
        previous,
    }
}

#[test]
fn p20_dynamics_against_the_previous_month() {
    let (f, _) = figures();
    let d = &f.dynamics;
    // November (Moscow): 1, 2, 3, 4, 5, 6, 10, 11, 12. October: 7, 8.
    assert_eq!((d.registered, d.registered_previous), (9, 2));
    let topic = [
        row("Дороги", 3, 1),
        row("ЖКХ", 3, 1),
        row("Благоустройство", 1, 0),
        row("Другое", 1, 0),
        row("Образование", 1, 0),
    ];
    assert_eq!(d.topic, topic);
    let location = [
        row("г. Алатырь", 5, 1),
        row("с. Алтышево", 1, 1),
        row("Другое", 1, 0),
        row("с. Кувакино", 1, 0),
        row("с. Чуварлеи", 1, 0),
    ];
    assert_eq!(d.location, location);
    let network = [
        row("vk", 5, 1),
        row("ok", 1, 1),
        row("dzen", 1, 0),
        row("max", 1, 0),
        row("telegram", 1, 0),
    ];
    assert_eq!(d.network, network);
    let importance = [
        row("Средняя", 6, 2),
        row("Низкая", 2, 0),
        row("Высокая", 1, 0),
    ];
    assert_eq!(d.importance, importance);
}

#[test]
fn p20_case_rows_as_of_the_months_end() {
    let (_, rows) = figures();
    let numbers: Vec<i64> = rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 10, 11, 12]);
    let by = |n: i64| rows.iter().find(|r| r.number == n).expect("row present");
    let r2 = by(2);
    assert_eq!(
        (r2.answer_due, r2.answered_at),
        (msk(2026, 11, 3, 15, 0), Some(msk(2026, 11, 5, 14, 0)))
    );
    assert_eq!(
        (r2.on_time, r2.lateness_minutes, r2.state),
        (Some(false), 360, CaseState::Answered)
    );
    // The December answer is cut off: open and 1380 working minutes late at the month's end
    // (26.11: 180 + 240, 27.11: 480, 30.11: 480).
    let r4 = by(4);
    assert_eq!(
        (r4.state, r4.answered_at, r4.on_time, r4.lateness_minutes),
        (CaseState::InWork, None, Some(false), 1380)
    );
    assert!(r4.repeat);
    let r5 = by(5);
    assert_eq!(
        (r5.state, r5.unit, r5.on_time, r5.lateness_minutes),
        (CaseState::Rejected, None, None, 0)
    );
    let r6 = by(6);
    assert_eq!(
        (r6.unit, r6.on_time, r6.answer_due),
        (Some(ROADS), Some(true), msk(2026, 11, 13, 9, 0))
    );
    let r11 = by(11);
    assert_eq!(
        (r11.on_time, r11.answer_due),
        (None, msk(2026, 12, 1, 15, 0))
    );
    assert_eq!(by(12).state, CaseState::AnsweredIntermediate);
}

#[test]
fn p20_an_empty_month_has_zero_figures() {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let f = month_figures(NOVEMBER, ctx, Vec::new());
    assert!(f.is_empty());
    assert_eq!(f.totals, Tally::default());
    assert_eq!(f.units.len(), 4);
    let d = &f.dynamics;
    assert_eq!((d.registered, d.registered_previous), (0, 0));
    assert!(d.topic.is_empty() && d.location.is_empty());
    // Twelve months still: nothing known before, zero in the month itself.
    assert_eq!(d.months.len(), 12);
    assert_eq!(d.months[11].registered, Some(0));
    assert_eq!(d.months[11].timeliness.and_then(|t| t.share()), None);
    assert!(d.months[..10].iter().all(|m| m.registered.is_none()));
}

#[test]
fn malformed_or_unordered_histories_do_not_break_the_report() {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let mut all = cases();
    let baseline = month_figures(NOVEMBER, ctx, all.clone());
    // Same cases with the registration moved to the end (sorted back to first), plus an
    // empty history and one that does not start with a registration.
    for c in &mut all {
        c.history.rotate_left(1);
    }
    let mut broken = cases().swap_remove(0);
    broken.history.remove(0);
    all.push(broken);
    all.push(ReportCase {
        id: CaseId(99),
        number: 99,
        history: vec![],
    });
    assert_eq!(month_figures(NOVEMBER, ctx, all), baseline);
}

#[test]
fn p20_previous_month_counted_by_the_store_replaces_the_cases() {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let (expected, _) = figures();
    // The store reads only the month's cases (7 is October's but answered in November, so
    // it comes too) and groups October's registrations (7 and 8) itself.
    let mut report = MonthReport::new(NOVEMBER, ctx);
    for case in cases().iter().filter(|c| c.number != 8) {
        report.add(case);
    }
    let october = [
        ("ЖКХ", "г. Алатырь", "vk", "Средняя"),
        ("Дороги", "с. Алтышево", "ok", "Средняя"),
    ];
    for (topic, location, network, importance) in october {
        report.add_previous_registrations(&PreviousRegistrations {
            topic,
            location,
            network,
            importance,
            count: 1,
        });
    }
    assert_eq!(report.finish().0, expected);
}
