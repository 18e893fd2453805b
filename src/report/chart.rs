//! The summary as a PNG: cases per unit stacked by outcome, and topics this month against
//! the previous one.

use anyhow::{anyhow, Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::font::{ensure_registered, FAMILY};
use super::labels::{clip, month_title, unit_name};
use crate::domain::report::{DynamicsRow, MonthFigures, UnitFigures};
use crate::i18n::Lang;
use crate::t;

pub const CHART_WIDTH: u32 = 1200;
pub const CHART_HEIGHT: u32 = 900;
/// More bars than this are unreadable; the workbook has them all.
const MAX_BARS: usize = 12;
const LABEL_CHARS: usize = 32;

const ON_TIME: RGBColor = RGBColor(67, 160, 71);
const LATE: RGBColor = RGBColor(251, 140, 0);
const OVERDUE: RGBColor = RGBColor(229, 57, 53);
const PENDING: RGBColor = RGBColor(144, 164, 174);
const CURRENT: RGBColor = RGBColor(30, 136, 229);
const PREVIOUS: RGBColor = RGBColor(187, 196, 202);

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// A 1200×900 PNG of the month.
pub fn render_chart_png(f: &MonthFigures, lang: Lang) -> Result<Vec<u8>> {
    if !ensure_registered() {
        return Err(anyhow!("the embedded chart font is unreadable"));
    }
    let mut rgb = vec![0u8; (CHART_WIDTH * CHART_HEIGHT * 3) as usize];
    draw(&mut rgb, f, lang).context("drawing the report chart")?;
    encode_png(&rgb).context("encoding the report chart")
}

fn draw(rgb: &mut [u8], f: &MonthFigures, lang: Lang) -> Result<()> {
    let root = BitMapBackend::with_buffer(rgb, (CHART_WIDTH, CHART_HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let title = t!(lang, "report-title", month = month_title(f.month, lang));
    let body = root.titled(&title, (FAMILY, 30).into_font().style(FontStyle::Bold))?;
    if f.is_empty() {
        body.draw(&Text::new(
            t!(lang, "report-chart-empty"),
            (40, 40),
            (FAMILY, 24),
        ))?;
    } else {
        let (upper, lower) = body.split_vertically(CHART_HEIGHT / 2);
        units_panel(&upper, f, lang)?;
        topics_panel(&lower, f, lang)?;
    }
    root.present()?;
    Ok(())
}

/// The stacked parts of a unit's bar, in drawing order.
fn parts(u: &UnitFigures) -> [u32; 4] {
    let t = &u.tally;
    [t.on_time, t.late, t.overdue, t.pending]
}

fn units_panel(area: &Area<'_>, f: &MonthFigures, lang: Lang) -> Result<()> {
    let mut shown: Vec<&UnitFigures> = f
        .units
        .iter()
        .filter(|u| parts(u).iter().sum::<u32>() > 0)
        .collect();
    shown.sort_by_key(|u| std::cmp::Reverse(parts(u).iter().sum::<u32>()));
    shown.truncate(MAX_BARS);
    // The first bar goes on top: plotters counts rows from the bottom.
    shown.reverse();
    let names: Vec<String> = shown
        .iter()
        .map(|u| clip(&unit_name(u, lang), LABEL_CHARS))
        .collect();
    let max = shown
        .iter()
        .map(|u| parts(u).iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    let mut chart = bar_chart(area, &t!(lang, "report-chart-units"), &names, max)?;
    let series = [
        (ON_TIME, t!(lang, "report-chart-on-time")),
        (LATE, t!(lang, "report-chart-late")),
        (OVERDUE, t!(lang, "report-chart-overdue")),
        (PENDING, t!(lang, "report-chart-pending")),
    ];
    for (k, (color, label)) in series.into_iter().enumerate() {
        let bars = shown.iter().enumerate().map(|(row, u)| {
            let p = parts(u);
            let from: u32 = p[..k].iter().sum();
            bar(row, from, from + p[k], color, (6, 6))
        });
        chart
            .draw_series(bars)?
            .label(label)
            .legend(move |(x, y)| legend_box(x, y, color));
    }
    legend(&mut chart)
}

fn topics_panel(area: &Area<'_>, f: &MonthFigures, lang: Lang) -> Result<()> {
    let mut shown: Vec<&DynamicsRow> = f.dynamics.topic.iter().take(MAX_BARS).collect();
    shown.reverse();
    let names: Vec<String> = shown.iter().map(|r| clip(&r.key, LABEL_CHARS)).collect();
    let max = shown
        .iter()
        .map(|r| r.current.max(r.previous))
        .max()
        .unwrap_or(0);
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
    let mut chart = bar_chart(area, &caption, &names, max)?;
    // Two bars share a row: this month above, the previous month below.
    let row_px =
        chart.plotting_area().dim_in_pixel().1 / u32::try_from(shown.len().max(1)).unwrap_or(1);
    let (half, gap) = (row_px / 2, (row_px / 6).max(2));
    for (color, label, upper) in [(CURRENT, now, true), (PREVIOUS, before, false)] {
        let margins = if upper { (gap, half) } else { (half, gap) };
        let bars = shown.iter().enumerate().map(|(row, r)| {
            let value = if upper { r.current } else { r.previous };
            bar(row, 0, value, color, margins)
        });
        chart
            .draw_series(bars)?
            .label(label)
            .legend(move |(x, y)| legend_box(x, y, color));
    }
    legend(&mut chart)
}

type BarChart<'a, 'b> = ChartContext<
    'a,
    BitMapBackend<'b>,
    Cartesian2d<
        plotters::coord::types::RangedCoordu32,
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
    >,
>;

/// A horizontal bar chart with one named row per bar, counts along the bottom.
fn bar_chart<'a, 'b>(
    area: &'a Area<'b>,
    caption: &str,
    names: &[String],
    max: u32,
) -> Result<BarChart<'a, 'b>> {
    let rows = i32::try_from(names.len().max(1)).unwrap_or(1);
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FAMILY, 22))
        .margin(14)
        .x_label_area_size(36)
        .y_label_area_size(330)
        // An integer range is inclusive in plotters: `0..rows - 1` gives exactly `rows` slots.
        // A third of headroom on the right keeps the legend clear of the longest bar.
        .build_cartesian_2d(0u32..headroom(max), (0..rows - 1).into_segmented())?;
    let label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(names.len() + 1)
        .y_label_formatter(&label)
        .label_style((FAMILY, 16))
        .draw()?;
    Ok(chart)
}

/// The axis end: the longest bar plus a third, so the legend in the corner covers no bar.
fn headroom(max: u32) -> u32 {
    max.saturating_add(max / 3).saturating_add(1).max(5)
}

fn bar(
    row: usize,
    from: u32,
    to: u32,
    color: RGBColor,
    (top, bottom): (u32, u32),
) -> Rectangle<(u32, SegmentValue<i32>)> {
    let row = i32::try_from(row).unwrap_or(i32::MAX - 1);
    let mut r = Rectangle::new(
        [
            (from, SegmentValue::Exact(row + 1)),
            (to, SegmentValue::Exact(row)),
        ],
        color.filled(),
    );
    r.set_margin(top, bottom, 0, 0);
    r
}

fn legend_box(x: i32, y: i32, color: RGBColor) -> Rectangle<(i32, i32)> {
    Rectangle::new([(x, y - 7), (x + 14, y + 7)], color.filled())
}

fn legend<'a, 'b: 'a>(chart: &mut BarChart<'a, 'b>) -> Result<()> {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .label_font((FAMILY, 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

fn encode_png(rgb: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, CHART_WIDTH, CHART_HEIGHT);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}
