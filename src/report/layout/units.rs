//! The units panel: one row per unit — its name, its cases stacked by п.10 outcome, and
//! its quality figures in columns. Units needing attention first, as in the message.

use super::{wrap, Bar, Layout, Paint, Rect, Row, BAR_X, LABEL_W, MARGIN, ROW_H, WIDTH};
use crate::domain::report::{MonthFigures, Tally, UnitFigures};
use crate::i18n::Lang;
use crate::report::labels::{duration, share, unit_name};
use crate::report::order::ranked;
use crate::t;

/// Rows shown; the message lists at most [`crate::report::message::MAX_ATTENTION`] units
/// needing attention, all of them within these.
pub const MAX_UNIT_ROWS: usize = 20;
const _: () = assert!(MAX_UNIT_ROWS >= crate::report::message::MAX_ATTENTION);
/// The bars' plot, and room after the longest bar for its count.
const BAR_W: i32 = 290;
const COUNT_W: i32 = 56;
/// The quality columns' widths, left to right from `TABLE_X`.
const TABLE_X: i32 = BAR_X + BAR_W + 14;
const COLUMNS: [i32; 7] = [62, 80, 90, 76, 72, 72, 110];
const _: () = assert!(
    TABLE_X
        + COLUMNS[0]
        + COLUMNS[1]
        + COLUMNS[2]
        + COLUMNS[3]
        + COLUMNS[4]
        + COLUMNS[5]
        + COLUMNS[6]
        <= WIDTH - MARGIN
);

/// The stacked parts of a unit's bar, in drawing order.
fn parts(t: &Tally) -> [(u32, Paint); 4] {
    [
        (t.on_time, Paint::OnTime),
        (t.late, Paint::Late),
        (t.overdue, Paint::Overdue),
        (t.pending, Paint::Pending),
    ]
}

fn total(t: &Tally) -> u32 {
    parts(t).iter().map(|(n, _)| n).sum()
}

/// Lays the panel out from `y`; returns where it ends.
pub fn panel(l: &mut Layout, f: &MonthFigures, lang: Lang, mut y: i32) -> i32 {
    let all = ranked(f);
    let shown = &all[..all.len().min(MAX_UNIT_ROWS)];
    l.units_left_out = all.len() - shown.len();
    y += l.title(&t!(lang, "report-chart-units"), y);
    let legend = [
        (Paint::OnTime, t!(lang, "report-chart-on-time")),
        (Paint::Late, t!(lang, "report-chart-late")),
        (Paint::Overdue, t!(lang, "report-chart-overdue")),
        (Paint::Pending, t!(lang, "report-chart-pending")),
        (Paint::Attention, t!(lang, "report-chart-attention")),
    ];
    y += l.legend(&legend, y);
    y += headers(l, lang, y);
    let plot = Rect {
        x: BAR_X,
        y,
        w: BAR_W,
        h: ROW_H * i32::try_from(shown.len().max(1)).unwrap_or(1),
    };
    let index = l.plots.len();
    l.plots.push(plot);
    let max = shown
        .iter()
        .map(|u| total(&u.tally))
        .max()
        .unwrap_or(0)
        .max(1);
    for (i, u) in shown.iter().enumerate() {
        let top = plot.y + ROW_H * i32::try_from(i).unwrap_or(0);
        if i % 2 == 1 {
            let stripe = Rect {
                x: MARGIN,
                y: top,
                w: WIDTH - 2 * MARGIN,
                h: ROW_H,
            };
            l.fills.push((stripe, Paint::Stripe));
        }
        let row = unit_row(l, u, lang, (index, plot), top, max);
        l.units.push(row);
    }
    y = plot.bottom() + 6;
    if l.units_left_out > 0 {
        let more = t!(lang, "report-chart-more", n = l.units_left_out);
        let within = Rect {
            x: MARGIN,
            y,
            w: WIDTH - 2 * MARGIN,
            h: 22,
        };
        l.label(&more, (MARGIN, y), (14, false, Paint::Muted), within);
        y += within.h;
    }
    y
}

/// The quality columns' headings, two lines each; returns their height.
fn headers(l: &mut Layout, lang: Lang, y: i32) -> i32 {
    let names = [
        t!(lang, "report-chart-col-on-time"),
        t!(lang, "report-chart-col-first"),
        t!(lang, "report-chart-col-rework"),
        t!(lang, "report-chart-col-media"),
        t!(lang, "report-chart-col-returns"),
        t!(lang, "report-chart-col-notices"),
        t!(lang, "report-chart-col-median"),
    ];
    let count = t!(lang, "report-chart-count");
    let bar_head = Rect {
        x: BAR_X,
        y,
        w: BAR_W,
        h: 34,
    };
    l.label(&count, (BAR_X, y + 16), (12, true, Paint::Muted), bar_head);
    for (cell, key) in cells(y, 34).into_iter().zip(names) {
        let lines = wrap(&key, 12, true, cell.w - 4, 2);
        let top = y + if lines.len() == 1 { 16 } else { 0 };
        for (k, line) in lines.iter().enumerate() {
            let ly = top + 16 * i32::try_from(k).unwrap_or(0);
            l.centred(line, ly, (12, true, Paint::Muted), cell);
        }
    }
    38
}

/// The quality table's cells of a row at `y`.
fn cells(y: i32, h: i32) -> Vec<Rect> {
    let mut x = TABLE_X;
    COLUMNS
        .iter()
        .map(|&w| {
            let cell = Rect { x, y, w, h };
            x += w;
            cell
        })
        .collect()
}

fn unit_row(
    l: &mut Layout,
    u: &UnitFigures,
    lang: Lang,
    (index, plot): (usize, Rect),
    top: i32,
    max: u32,
) -> Row {
    let t = &u.tally;
    let name = unit_name(u, lang);
    let attention = t.needs_attention();
    if attention {
        let mark = Rect {
            x: MARGIN,
            y: top + 5,
            w: 5,
            h: ROW_H - 10,
        };
        l.fills.push((mark, Paint::Attention));
    }
    let cell = Rect {
        x: MARGIN + 10,
        y: top,
        w: LABEL_W - 10,
        h: ROW_H,
    };
    let lines = wrap(&name, 14, false, cell.w, 2);
    let first = top + if lines.len() == 1 { 10 } else { 1 };
    for (k, line) in lines.iter().enumerate() {
        let ly = first + 18 * i32::try_from(k).unwrap_or(0);
        l.label(line, (cell.x, ly), (14, false, Paint::Ink), cell);
    }
    let bars = stacked(t, index, plot, top, max);
    let end = bars.last().map_or(plot.x, |b| b.rect.right());
    let count_cell = Rect {
        x: end + 6,
        y: top,
        w: plot.right() - end - 6,
        h: ROW_H,
    };
    l.label(
        &total(t).to_string(),
        (end + 6, top + 11),
        (13, false, Paint::Ink),
        count_cell,
    );
    for (cell, text) in cells(top, ROW_H).into_iter().zip(quality(t, lang)) {
        l.centred(&text, top + 11, (13, false, Paint::Ink), cell);
    }
    Row {
        name,
        lines,
        bars,
        attention,
    }
}

/// The bar's segments: cumulative positions rounded once, so they meet without gaps and
/// the longest bar ends exactly `COUNT_W` before the plot's edge.
fn stacked(t: &Tally, plot_index: usize, plot: Rect, top: i32, max: u32) -> Vec<Bar> {
    let room = f64::from(plot.w - COUNT_W);
    let at = |n: u32| plot.x + (room * f64::from(n) / f64::from(max)).round() as i32;
    let mut from = 0;
    let mut bars = Vec::new();
    for (n, paint) in parts(t) {
        if n == 0 {
            continue;
        }
        let (x0, x1) = (at(from), at(from + n));
        from += n;
        let rect = Rect {
            x: x0,
            y: top + 9,
            w: (x1 - x0).max(1),
            h: ROW_H - 18,
        };
        bars.push(Bar {
            rect,
            paint,
            plot: plot_index,
        });
    }
    bars
}

/// The quality cells, in the order of the headings.
fn quality(t: &Tally, lang: Lang) -> [String; 7] {
    [
        share(t.on_time_share(), lang),
        share(t.first_attempt_share(), lang),
        format!("{} / {}", t.sent_back_by_deputy, t.sent_back_by_curator),
        format!("{} / {}", t.with_media, t.answers),
        t.returns.to_string(),
        t.notices.to_string(),
        duration(t.answer_time.median_minutes, lang),
    ]
}
