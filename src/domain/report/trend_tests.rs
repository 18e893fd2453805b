//! п.20 dynamics over twelve months, and п.19 notices per unit.

use super::fixture::*;
use super::*;
use crate::domain::ids::UnitId;

fn tally(f: &MonthFigures, unit: Option<UnitId>) -> &Tally {
    &f.unit(unit).expect("unit line present").tally
}

fn trend(month: YearMonth, registered: u32, t: Option<(u32, u32, u32)>) -> MonthTrend {
    MonthTrend {
        month,
        registered: Some(registered),
        timeliness: t.map(|(on_time, late, overdue)| Timeliness {
            on_time,
            late,
            overdue,
        }),
    }
}

#[test]
fn p20_dynamics_over_twelve_months() {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let mut report = MonthReport::new(NOVEMBER, ctx);
    for case in cases() {
        report.add(&case);
    }
    let month = |y, m| YearMonth::new(y, m).expect("a valid month");
    // Stored months: March with its figures, January only counted; a month outside the
    // twelve and the report's own month are ignored.
    report.add_trend(trend(month(2026, 3), 40, Some((30, 6, 4))));
    report.add_trend(trend(month(2026, 1), 25, None));
    report.add_trend(trend(month(2025, 11), 99, Some((1, 0, 0))));
    report.add_trend(trend(NOVEMBER, 99, Some((1, 0, 0))));
    let (f, _) = report.finish();
    let months = &f.dynamics.months;
    let listed: Vec<YearMonth> = months.iter().map(|m| m.month).collect();
    let expected: Vec<YearMonth> = (0..12).rev().map(|b| NOVEMBER.back(b)).collect();
    assert_eq!(listed, expected);
    assert_eq!(listed[0], month(2025, 12));
    assert_eq!(months[3], trend(month(2026, 3), 40, Some((30, 6, 4))));
    assert_eq!(months[3].timeliness.and_then(|t| t.share()), Some(0.75));
    assert_eq!(months[1], trend(month(2026, 1), 25, None));
    assert_eq!(months[0].registered, None);
    // October: nothing stored, so its registrations come from the month's own dynamics.
    assert_eq!(
        months[10],
        MonthTrend {
            month: month(2026, 10),
            registered: Some(2),
            timeliness: None
        }
    );
    // November from its own figures: 9 registered, 5 on time of 8.
    assert_eq!(months[11], trend(NOVEMBER, 9, Some((5, 2, 1))));
}

#[test]
fn p19_a_notice_goes_to_the_unit_holding_the_case_when_the_term_ran_out() {
    use crate::domain::case::{CaseEvent, EventKind};
    use crate::domain::ids::PersonId;
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    // Registered 2.11 09:00 (answer due 3.11 09:00, draft 2.11 15:00); housing held it
    // through both terms, then it went to roads on 3.11 10:00, which answered.
    let ev = |at, kind| CaseEvent::new(at, PersonId(1), kind);
    let assign = |unit| EventKind::Assigned {
        unit,
        responsible: true,
        order: 0,
        queued: false,
    };
    let mut case = cases().swap_remove(0);
    case.history.truncate(1);
    case.history.extend([
        ev(msk(2026, 11, 2, 9, 5), assign(HOUSING)),
        ev(msk(2026, 11, 3, 10, 0), assign(ROADS)),
        ev(
            msk(2026, 11, 3, 11, 0),
            EventKind::DraftSubmitted {
                draft_kind: crate::domain::case::DraftKind::Final,
                text: "ответ".into(),
                attachments: vec![],
            },
        ),
        ev(msk(2026, 11, 3, 11, 0), EventKind::DraftApproved),
        ev(
            msk(2026, 11, 3, 12, 0),
            EventKind::Published {
                draft_kind: crate::domain::case::DraftKind::Final,
                url: None,
            },
        ),
    ]);
    let f = month_figures(NOVEMBER, ctx, vec![case]);
    assert_eq!(tally(&f, Some(HOUSING)).notices, 2);
    assert_eq!(tally(&f, Some(ROADS)).notices, 0);
    // The answer is roads': published the same day, approved at the first attempt.
    let roads = tally(&f, Some(ROADS));
    assert_eq!((roads.answers, roads.first_attempt, roads.late), (1, 1, 1));
}
