//! Where everything on the chart goes, computed in plain code before anything is drawn:
//! the plots, the bars and lines inside them, and every label with the box it must stay
//! in. The PNG is drawn from this, and the tests check it.

mod text;
mod topics;
mod trend;
mod units;

use crate::domain::report::MonthFigures;
use crate::i18n::Lang;
use crate::report::labels::month_title;
use crate::t;

pub use text::{fit, width, wrap};

pub const WIDTH: i32 = 1200;
const MARGIN: i32 = 24;
/// The names' column, and where the bars start.
const LABEL_W: i32 = 270;
const BAR_X: i32 = MARGIN + LABEL_W + 12;
const ROW_H: i32 = 38;
const GAP: i32 = 22;

/// A rectangle in pixels: `x`, `y` its top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }

    pub fn contains_point(&self, (x, y): (i32, i32)) -> bool {
        (self.x..=self.right()).contains(&x) && (self.y..=self.bottom()).contains(&y)
    }
}

/// What a shape means; the chart maps it to a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    OnTime,
    Late,
    Overdue,
    Pending,
    Current,
    Previous,
    Registered,
    Share,
    Attention,
    Stripe,
    Grid,
    Ink,
    Muted,
}

/// One line of text: `rect` is where it is drawn (top left) and how big it measured;
/// `within` is the room it was given and must not leave.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub rect: Rect,
    pub within: Rect,
    pub size: u32,
    pub bold: bool,
    pub paint: Paint,
}

/// A filled rectangle inside plot number `plot`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub rect: Rect,
    pub paint: Paint,
    pub plot: usize,
}

/// A polyline (with a dot at each point) inside plot number `plot`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub points: Vec<(i32, i32)>,
    pub paint: Paint,
    pub plot: usize,
}

/// One unit or topic row: its full name, the label lines shown for it, its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub lines: Vec<String>,
    pub bars: Vec<Bar>,
    pub attention: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    pub plots: Vec<Rect>,
    /// Backgrounds and legend swatches, drawn first.
    pub fills: Vec<(Rect, Paint)>,
    /// Grid lines, drawn under the data.
    pub rules: Vec<((i32, i32), (i32, i32))>,
    pub lines: Vec<Line>,
    pub labels: Vec<Label>,
    pub units: Vec<Row>,
    pub topics: Vec<Row>,
    /// Units and topics left out for room (they are in the workbook).
    pub units_left_out: usize,
    pub topics_left_out: usize,
}

impl Layout {
    /// Every bar of the chart.
    pub fn bars(&self) -> impl Iterator<Item = &Bar> {
        self.units.iter().chain(&self.topics).flat_map(|r| &r.bars)
    }

    /// Adds a label at (`x`, `y`), shortened to fit `within` from `x` on.
    fn label(&mut self, text: &str, (x, y): (i32, i32), style: (u32, bool, Paint), within: Rect) {
        let (size, bold, paint) = style;
        let text = fit(text, size, bold, within.right() - x);
        let rect = Rect {
            x,
            y,
            w: width(&text, size, bold),
            h: text::line_height(size),
        };
        self.labels.push(Label {
            text,
            rect,
            within,
            size,
            bold,
            paint,
        });
    }

    /// Adds a label centred in `within` horizontally, at `y`.
    fn centred(&mut self, text: &str, y: i32, style: (u32, bool, Paint), within: Rect) {
        let (size, bold, _) = style;
        let text = fit(text, size, bold, within.w);
        let x = within.x + (within.w - width(&text, size, bold)) / 2;
        self.label(&text, (x, y), style, within);
    }

    /// Adds a label ending at `within`'s right edge.
    fn right_aligned(&mut self, text: &str, y: i32, style: (u32, bool, Paint), within: Rect) {
        let (size, bold, _) = style;
        let text = fit(text, size, bold, within.w);
        let x = within.right() - width(&text, size, bold);
        self.label(&text, (x, y), style, within);
    }

    /// A legend: a swatch and its text per entry, left to right from `x`; returns the
    /// row's height.
    fn legend(&mut self, entries: &[(Paint, String)], y: i32) -> i32 {
        let mut x = MARGIN;
        let row = Rect {
            x: MARGIN,
            y,
            w: WIDTH - 2 * MARGIN,
            h: 22,
        };
        for (paint, name) in entries {
            self.fills.push((
                Rect {
                    x,
                    y: y + 4,
                    w: 14,
                    h: 14,
                },
                *paint,
            ));
            self.label(name, (x + 20, y + 2), (14, false, Paint::Ink), row);
            x += 20 + width(name, 14, false) + 24;
        }
        row.h + 6
    }

    /// A panel's title at `y`; returns its height.
    fn title(&mut self, text: &str, y: i32) -> i32 {
        let within = Rect {
            x: MARGIN,
            y,
            w: WIDTH - 2 * MARGIN,
            h: 30,
        };
        self.label(text, (MARGIN, y), (20, true, Paint::Ink), within);
        within.h + 4
    }
}

/// The whole chart for a month.
pub fn layout(f: &MonthFigures, lang: Lang) -> Layout {
    let mut l = Layout {
        width: WIDTH,
        ..Layout::default()
    };
    let title = t!(lang, "report-title", month = month_title(f.month, lang));
    let head = Rect {
        x: MARGIN,
        y: 16,
        w: WIDTH - 2 * MARGIN,
        h: 40,
    };
    l.label(&title, (MARGIN, 16), (28, true, Paint::Ink), head);
    let mut y = head.bottom() + 10;
    if f.is_empty() {
        l.label(
            &t!(lang, "report-chart-empty"),
            (MARGIN, y),
            (20, false, Paint::Muted),
            Rect { h: 30, y, ..head },
        );
        y += 30 + GAP;
        y = trend::panel(&mut l, f, lang, y);
    } else {
        y = units::panel(&mut l, f, lang, y) + GAP;
        y = trend::panel(&mut l, f, lang, y) + GAP;
        y = topics::panel(&mut l, f, lang, y);
    }
    l.height = y + MARGIN;
    l
}
