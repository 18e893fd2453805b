//! The topics panel: registrations by topic this month (upper bar) against the previous
//! month (lower bar), the most frequent first.

use super::{wrap, Bar, Layout, Paint, Rect, Row, BAR_X, LABEL_W, MARGIN, ROW_H, WIDTH};
use crate::domain::report::{DynamicsRow, MonthFigures};
use crate::i18n::Lang;
use crate::report::labels::month_title;
use crate::t;

pub const MAX_TOPIC_ROWS: usize = 12;
const COUNT_W: i32 = 56;

pub fn panel(l: &mut Layout, f: &MonthFigures, lang: Lang, mut y: i32) -> i32 {
    let rows = &f.dynamics.topic;
    let shown = &rows[..rows.len().min(MAX_TOPIC_ROWS)];
    l.topics_left_out = rows.len() - shown.len();
    let (now, before) = (
        month_title(f.month, lang),
        month_title(f.month.previous(), lang),
    );
    let caption = t!(
        lang,
        "report-chart-topics",
        current = now.clone(),
        previous = before.clone()
    );
    y += l.title(&caption, y);
    y += l.legend(&[(Paint::Current, now), (Paint::Previous, before)], y);
    let plot = Rect {
        x: BAR_X,
        y,
        w: WIDTH - MARGIN - BAR_X,
        h: ROW_H * i32::try_from(shown.len().max(1)).unwrap_or(1),
    };
    let index = l.plots.len();
    l.plots.push(plot);
    let max = shown
        .iter()
        .map(|r| r.current.max(r.previous))
        .max()
        .unwrap_or(0)
        .max(1);
    for (i, r) in shown.iter().enumerate() {
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
        let row = topic_row(l, r, (index, plot), top, max);
        l.topics.push(row);
    }
    y = plot.bottom() + 6;
    if l.topics_left_out > 0 {
        let more = t!(lang, "report-chart-more", n = l.topics_left_out);
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

fn topic_row(
    l: &mut Layout,
    r: &DynamicsRow,
    (index, plot): (usize, Rect),
    top: i32,
    max: u32,
) -> Row {
    let cell = Rect {
        x: MARGIN + 10,
        y: top,
        w: LABEL_W - 10,
        h: ROW_H,
    };
    let lines = wrap(&r.key, 14, false, cell.w, 2);
    let first = top + if lines.len() == 1 { 10 } else { 1 };
    for (k, line) in lines.iter().enumerate() {
        let ly = first + 18 * i32::try_from(k).unwrap_or(0);
        l.label(line, (cell.x, ly), (14, false, Paint::Ink), cell);
    }
    let room = f64::from(plot.w - COUNT_W);
    let mut bars = Vec::new();
    for (k, (n, paint)) in [(r.current, Paint::Current), (r.previous, Paint::Previous)]
        .into_iter()
        .enumerate()
    {
        let y = top + 5 + 14 * i32::try_from(k).unwrap_or(0);
        let w = (room * f64::from(n) / f64::from(max)).round() as i32;
        let rect = Rect {
            x: plot.x,
            y,
            w: w.max(i32::from(n > 0)),
            h: 13,
        };
        if n > 0 {
            bars.push(Bar {
                rect,
                paint,
                plot: index,
            });
        }
        let count_cell = Rect {
            x: rect.right() + 6,
            y,
            w: plot.right() - rect.right() - 6,
            h: 15,
        };
        l.label(
            &n.to_string(),
            (count_cell.x, y),
            (11, false, Paint::Ink),
            count_cell,
        );
    }
    Row {
        name: r.key.clone(),
        lines,
        bars,
        attention: false,
    }
}
