//! The summary as a PNG, drawn from its [`layout`](super::layout): units with their
//! timeliness and quality, the twelve months' dynamics, the topics.

use anyhow::{anyhow, Context, Result};
use plotters::prelude::*;

use super::font::{ensure_registered, FAMILY};
use super::layout::{layout, Layout, Paint};
use crate::domain::report::MonthFigures;
use crate::i18n::Lang;

pub const CHART_WIDTH: u32 = super::layout::WIDTH as u32;

fn color(p: Paint) -> RGBColor {
    match p {
        Paint::OnTime => RGBColor(67, 160, 71),
        Paint::Late => RGBColor(251, 140, 0),
        Paint::Overdue => RGBColor(229, 57, 53),
        Paint::Pending => RGBColor(144, 164, 174),
        Paint::Current => RGBColor(30, 136, 229),
        Paint::Previous => RGBColor(187, 196, 202),
        Paint::Registered => RGBColor(30, 136, 229),
        Paint::Share => RGBColor(46, 125, 50),
        Paint::Attention => RGBColor(198, 40, 40),
        Paint::Stripe => RGBColor(245, 247, 248),
        Paint::Grid => RGBColor(224, 228, 231),
        Paint::Ink => RGBColor(33, 33, 33),
        Paint::Muted => RGBColor(97, 97, 97),
    }
}

/// The month's chart: 1200 px wide, as tall as its rows need.
pub fn render_chart_png(f: &MonthFigures, lang: Lang) -> Result<Vec<u8>> {
    if !ensure_registered() {
        return Err(anyhow!("the embedded chart font is unreadable"));
    }
    let l = layout(f, lang);
    let (w, h) = (dim(l.width)?, dim(l.height)?);
    let mut rgb = vec![0u8; (w as usize) * (h as usize) * 3];
    draw(&mut rgb, &l, (w, h)).context("drawing the report chart")?;
    encode_png(&rgb, w, h).context("encoding the report chart")
}

fn dim(v: i32) -> Result<u32> {
    u32::try_from(v).map_err(|_| anyhow!("chart size {v}"))
}

fn draw(rgb: &mut [u8], l: &Layout, size: (u32, u32)) -> Result<()> {
    let root = BitMapBackend::with_buffer(rgb, size).into_drawing_area();
    root.fill(&WHITE)?;
    let rect = |r: &super::layout::Rect, p: Paint| {
        // Corners are inclusive in plotters: the last pixel is `x + w - 1`.
        Rectangle::new(
            [(r.x, r.y), (r.right() - 1, r.bottom() - 1)],
            color(p).filled(),
        )
    };
    for (r, p) in &l.fills {
        root.draw(&rect(r, *p))?;
    }
    for &(from, to) in &l.rules {
        root.draw(&PathElement::new(vec![from, to], color(Paint::Grid)))?;
    }
    for bar in l.bars() {
        root.draw(&rect(&bar.rect, bar.paint))?;
    }
    for line in &l.lines {
        let style = color(line.paint).stroke_width(3);
        root.draw(&PathElement::new(line.points.clone(), style))?;
        for &p in &line.points {
            root.draw(&Circle::new(p, 4, color(line.paint).filled()))?;
        }
    }
    for label in &l.labels {
        let style = if label.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font =
            FontDesc::new(FAMILY.into(), f64::from(label.size), style).color(&color(label.paint));
        root.draw(&Text::new(
            label.text.as_str(),
            (label.rect.x, label.rect.y),
            font,
        ))?;
    }
    root.present()?;
    Ok(())
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}
