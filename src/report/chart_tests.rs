//! п.20: the chart's layout for 1 to 60 units and topics — every unit labelled, every
//! bar and line inside its plot, every text inside its room, the units the message says
//! need attention on the chart — and rendered samples in `target/report-samples/`.

use std::path::PathBuf;

use super::layout::{layout, Layout, Rect};
use super::order::ranked;
use super::{render_chart_png, render_text};
use crate::domain::report::{
    AnswerTime, Dynamics, DynamicsRow, MonthFigures, MonthTrend, Tally, Timeliness, UnitFigures,
    YearMonth,
};
use crate::domain::UnitId;
use crate::i18n::Lang;

const MONTH: YearMonth = YearMonth {
    year: 2026,
    month: 12,
};

fn unit_name(i: usize) -> String {
    match i % 4 {
        0 => format!("Отдел №{i}"),
        1 => format!("Управление по благоустройству, дорожному хозяйству и транспорту администрации Алатырского муниципального округа №{i}"),
        2 => format!("Отдел ЖКХ-{i}"),
        _ => format!("Сектор{i}ОченьДлинноеНазваниеБезПробеловКотороеНадоСократить"),
    }
}

/// Unit `i` of `n`: sizes vary; every third is late, every fifth has overdue cases, every
/// seventh only a slow reassignment (attention with no bar).
fn unit(i: usize) -> UnitFigures {
    let k = u32::try_from(i).unwrap_or(0);
    let late = if i % 3 == 0 { 1 + k % 4 } else { 0 };
    let overdue = if i % 5 == 0 { 2 + k % 3 } else { 0 };
    let on_time = if i % 7 == 6 { 0 } else { 3 + (k * 7) % 40 };
    let pending = k % 2;
    let answers = on_time + late;
    let tally = Tally {
        cases: on_time + late + overdue + pending,
        on_time,
        late,
        overdue,
        pending,
        reassign_delays: u32::from(i % 7 == 6),
        returns: k % 3,
        sent_back_by_deputy: k % 2,
        sent_back_by_curator: k % 3 % 2,
        answers,
        first_attempt: answers.saturating_sub(k % 3),
        with_media: answers / 2,
        notices: late + overdue,
        answer_time: AnswerTime {
            count: answers,
            median_minutes: Some(k * 37 % 700),
            p90_minutes: Some(k * 53 % 900),
        },
        ..Tally::default()
    };
    UnitFigures {
        unit: Some(UnitId(i as i64 + 1)),
        name: Some(unit_name(i)),
        tally,
    }
}

fn sample(units: usize, topics: usize) -> MonthFigures {
    let units: Vec<UnitFigures> = (0..units).map(unit).collect();
    let mut totals = Tally::default();
    for u in &units {
        totals.add(&u.tally);
    }
    let topic = (0..topics)
        .map(|i| DynamicsRow {
            key: if i % 3 == 1 {
                format!("Благоустройство дворовых территорий и общественных пространств {i}")
            } else {
                format!("Тема {i}")
            },
            current: 40 - u32::try_from(i % 40).unwrap_or(0),
            previous: u32::try_from(i * 3 % 50).unwrap_or(0),
        })
        .collect();
    let months = (0..12)
        .rev()
        .map(|back| MonthTrend {
            month: MONTH.back(back),
            registered: (back != 9).then_some(200 + back * 37 % 90),
            timeliness: (back < 8 && back != 4).then_some(Timeliness {
                on_time: 60 + back * 3,
                late: 10,
                overdue: 5 + back,
            }),
        })
        .collect();
    MonthFigures {
        month: MONTH,
        timezone: chrono_tz::Europe::Moscow,
        units,
        totals,
        dynamics: Dynamics {
            registered: 240,
            registered_previous: 210,
            topic,
            months,
            ..Dynamics::default()
        },
        as_of: None,
    }
}

/// Checks what every layout must hold; returns it for further checks.
fn checked(f: &MonthFigures) -> Layout {
    let l = layout(f, Lang::Ru);
    let canvas = Rect {
        x: 0,
        y: 0,
        w: l.width,
        h: l.height,
    };
    for label in &l.labels {
        assert!(
            !label.text.is_empty(),
            "an empty label in {:?}",
            label.within
        );
        assert!(
            label.within.contains(&label.rect) && canvas.contains(&label.rect),
            "«{}» {:?} leaves {:?}",
            label.text,
            label.rect,
            label.within
        );
    }
    for bar in l.bars() {
        let plot = l.plots[bar.plot];
        assert!(
            plot.contains(&bar.rect),
            "bar {:?} outside {plot:?}",
            bar.rect
        );
        assert!(bar.rect.w > 0 && bar.rect.h > 0);
    }
    for line in &l.lines {
        let plot = l.plots[line.plot];
        assert!(line.points.iter().all(|&p| plot.contains_point(p)));
    }
    for (r, _) in &l.fills {
        assert!(canvas.contains(r), "{r:?}");
    }
    for row in l.units.iter().chain(&l.topics) {
        assert!(
            !row.lines.is_empty() && row.lines.iter().all(|s| !s.is_empty()),
            "{} has no label",
            row.name
        );
        // The label shown is the name's beginning (wrapped, perhaps shortened).
        let shown = row.lines.join(" ");
        let head: String = shown.chars().take_while(|&c| c != '…').collect();
        assert!(
            row.name.starts_with(head.trim_end()),
            "{shown} for {}",
            row.name
        );
    }
    l
}

/// The unit names listed under «Требуют внимания» in the message (shortened as there).
fn attention_in_message(f: &MonthFigures) -> Vec<String> {
    let text = render_text(f, Lang::Ru);
    let Some(section) = text
        .split("\n\n")
        .find(|s| s.starts_with("Требуют внимания"))
    else {
        return Vec::new();
    };
    section
        .lines()
        .filter_map(|l| l.strip_prefix("• "))
        .filter_map(|l| l.rsplit_once(": в срок").map(|(name, _)| name.to_owned()))
        .collect()
}

fn save(name: &str, png: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/report-samples");
    std::fs::create_dir_all(&dir).expect("samples directory");
    std::fs::write(dir.join(name), png).expect("sample written");
}

#[test]
fn p20_chart_layout_holds_for_1_2_5_12_and_60_units_and_topics() {
    for n in [1, 2, 5, 12, 60] {
        let f = sample(n, n);
        let l = checked(&f);
        let order: Vec<String> = ranked(&f)
            .iter()
            .map(|u| u.name.clone().unwrap_or_default())
            .collect();
        let rows: Vec<String> = l.units.iter().map(|r| r.name.clone()).collect();
        assert_eq!(
            rows,
            order[..rows.len()],
            "{n} units: same order as the message"
        );
        assert_eq!(rows.len() + l.units_left_out, order.len());
        assert_eq!(l.units.len(), n.min(20), "{n} units");
        assert_eq!(l.topics.len(), n.min(12), "{n} topics");
        assert_eq!(l.topics_left_out, n.saturating_sub(12));
        let listed = attention_in_message(&f);
        assert!(
            !listed.is_empty(),
            "{n}: the sample has units needing attention"
        );
        for name in &listed {
            assert!(
                l.units
                    .iter()
                    .any(|r| r.attention && super::labels::clip(&r.name, 60) == *name),
                "{n} units: «{name}» needs attention but is not on the chart"
            );
        }
        let png = render_chart_png(&f, Lang::Ru).expect("chart renders");
        let img = image::load_from_memory(&png).expect("a valid PNG");
        assert_eq!(
            (img.width() as i32, img.height() as i32),
            (l.width, l.height)
        );
        save(&format!("units-{n:02}.png"), &png);
    }
}

#[test]
fn p20_one_unit_gets_a_full_bar_with_its_label() {
    let f = sample(1, 1);
    let l = checked(&f);
    let plot = l.plots[0];
    let row = &l.units[0];
    assert_eq!(row.lines, ["Отдел №0"]);
    let end = row.bars.iter().map(|b| b.rect.right()).max().expect("bars");
    assert!(end - plot.x > plot.w * 3 / 4, "{end} in {plot:?}");
    assert!(l.labels.iter().any(|t| t.text == "Отдел №0"));
}

#[test]
fn p20_units_needing_attention_are_on_the_chart_before_larger_ones() {
    // 30 units; №11 and №21 are small but worst (51% on time, 815 overdue each is scaled
    // down here), the others large and on time.
    let mut f = sample(0, 3);
    for i in 0..30u32 {
        let bad = i == 11 || i == 21;
        let tally = Tally {
            cases: if bad { 170 } else { 400 + i },
            on_time: if bad { 87 } else { 400 + i },
            overdue: if bad { 83 } else { 0 },
            answers: if bad { 87 } else { 400 + i },
            ..Tally::default()
        };
        f.units.push(UnitFigures {
            unit: Some(UnitId(i64::from(i) + 1)),
            name: Some(format!("Отдел №{i}")),
            tally,
        });
    }
    for u in f.units.clone() {
        f.totals.add(&u.tally);
    }
    let l = checked(&f);
    let names: Vec<&str> = l.units.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names[..2], ["Отдел №11", "Отдел №21"]);
    assert_eq!(attention_in_message(&f), ["Отдел №11", "Отдел №21"]);
    assert_eq!(l.units.len(), 20);
    assert_eq!(l.units_left_out, 10);
    assert!(l.labels.iter().any(|t| t.text.contains("…и ещё 10")));
}

#[test]
fn p20_months_without_figures_break_the_line() {
    let f = sample(2, 2);
    let l = checked(&f);
    // Registrations: one month unknown → two runs; share: known for 7 of the last 8.
    let runs = |paint| {
        l.lines
            .iter()
            .filter(|x| x.paint == paint)
            .map(|x| x.points.len())
            .collect::<Vec<_>>()
    };
    assert_eq!(runs(super::layout::Paint::Registered), [2, 9]);
    assert_eq!(runs(super::layout::Paint::Share), [3, 4]);
}
