//! The dynamics panel: registrations and the on-time share of the last twelve months as
//! two lines, registrations on the left axis, the share (0–100%) on the right.

use super::{Layout, Line, Paint, Rect, MARGIN, WIDTH};
use crate::domain::report::{MonthFigures, MonthTrend};
use crate::i18n::Lang;
use crate::report::labels::month_short;
use crate::t;

const AXIS_W: i32 = 66;
const PLOT_H: i32 = 220;
const TICKS: u32 = 5;

pub fn panel(l: &mut Layout, f: &MonthFigures, lang: Lang, mut y: i32) -> i32 {
    let months = &f.dynamics.months;
    y += l.title(&t!(lang, "report-chart-trend"), y);
    let legend = [
        (Paint::Registered, t!(lang, "report-chart-registered")),
        (Paint::Share, t!(lang, "report-chart-share")),
    ];
    y += l.legend(&legend, y);
    let plot = Rect {
        x: MARGIN + AXIS_W,
        y: y + 8,
        w: WIDTH - 2 * (MARGIN + AXIS_W),
        h: PLOT_H,
    };
    let index = l.plots.len();
    l.plots.push(plot);
    let max = months
        .iter()
        .filter_map(|m| m.registered)
        .max()
        .unwrap_or(0);
    let top = nice_top(max);
    axes(l, plot, top);
    let slots = i32::try_from(months.len().max(1)).unwrap_or(1);
    let slot_w = plot.w / slots;
    let x_of = |i: usize| plot.x + slot_w * i32::try_from(i).unwrap_or(0) + slot_w / 2;
    // Points keep 6 px from the plot's edges so the dots stay inside.
    let y_of = |v: f64| plot.bottom() - 6 - ((f64::from(plot.h - 12)) * v).round() as i32;
    for (i, m) in months.iter().enumerate() {
        let slot = Rect {
            x: plot.x + slot_w * i32::try_from(i).unwrap_or(0),
            y: plot.bottom() + 6,
            w: slot_w,
            h: 20,
        };
        l.centred(
            &month_short(m.month, lang),
            slot.y,
            (13, false, Paint::Ink),
            slot,
        );
    }
    let registered = |m: &MonthTrend| m.registered.map(|n| f64::from(n) / f64::from(top));
    let share = |m: &MonthTrend| m.timeliness.and_then(|t| t.share());
    for (paint, value) in [
        (
            Paint::Registered,
            &registered as &dyn Fn(&MonthTrend) -> Option<f64>,
        ),
        (Paint::Share, &share),
    ] {
        // A month with nothing known breaks the line rather than pretending zero.
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (i, m) in months.iter().enumerate() {
            match value(m) {
                Some(v) => run.push((x_of(i), y_of(v.clamp(0.0, 1.0)))),
                None => flush(l, &mut run, paint, index),
            }
        }
        flush(l, &mut run, paint, index);
    }
    plot.bottom() + 30
}

fn flush(l: &mut Layout, run: &mut Vec<(i32, i32)>, paint: Paint, plot: usize) {
    if !run.is_empty() {
        l.lines.push(Line {
            points: std::mem::take(run),
            paint,
            plot,
        });
    }
}

/// Grid lines with the count on the left and the share on the right.
fn axes(l: &mut Layout, plot: Rect, top: u32) {
    let left = Rect {
        x: MARGIN,
        y: plot.y - 10,
        w: AXIS_W - 8,
        h: plot.h + 20,
    };
    let right = Rect {
        x: plot.right() + 8,
        ..left
    };
    for k in 0..=TICKS {
        let y = plot.bottom() - 6 - (plot.h - 12) * i32::try_from(k).unwrap_or(0) / TICKS as i32;
        l.rules.push(((plot.x, y), (plot.right(), y)));
        let count = (top / TICKS * k).to_string();
        l.right_aligned(&count, y - 8, (12, false, Paint::Registered), left);
        let percent = format!("{}%", 100 / TICKS * k);
        l.label(&percent, (right.x, y - 8), (12, false, Paint::Share), right);
    }
}

/// The left axis' top: a round number at or above `max`, divisible into the ticks.
fn nice_top(max: u32) -> u32 {
    let step = [1, 2, 5]
        .into_iter()
        .flat_map(|m| (0..9).map(move |p| m * 10u32.pow(p)))
        .filter(|s| s * TICKS >= max.max(1))
        .min()
        .unwrap_or(u32::MAX / TICKS);
    step * TICKS
}
