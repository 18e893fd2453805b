//! The summary as a workbook: the figures, per unit, the dynamics, and every case, with
//! dates as real Excel dates in the organization's time zone and no formulas (nothing to
//! recalculate or break when opened in Excel or LibreOffice).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::labels::{month_title, network, state, unit_name};
use super::xlsx_figures::{figure_columns, write_cell, Cell};
use crate::domain::report::{CaseRow, DynamicsRow, MonthFigures, UnitFigures};
use crate::domain::UnitId;
use crate::i18n::Lang;
use crate::t;

/// Excel stops honouring hyperlinks past 65,530 per sheet; later links are plain text.
const MAX_LINKS: usize = 65_000;
const MAX_ROWS: usize = 1_048_575;
/// Excel's limit on a cell's text.
const MAX_CELL_CHARS: usize = 32_767;

/// The workbook as bytes.
pub fn render_xlsx(f: &MonthFigures, cases: &[CaseRow], lang: Lang) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let fmt = Formats::new();
    summary_sheet(wb.add_worksheet(), f, lang, &fmt).context("summary sheet")?;
    units_sheet(wb.add_worksheet(), f, lang, &fmt).context("units sheet")?;
    dynamics_sheet(wb.add_worksheet(), f, lang, &fmt).context("dynamics sheet")?;
    // The one big sheet streams its rows to a temporary file: memory stays flat however
    // many cases the month had.
    let list = wb
        .add_worksheet_with_constant_memory()
        .context("cases sheet")?;
    cases_sheet(list, f, cases, lang, &fmt).context("cases sheet")?;
    // Deflate dominates the save; level 1 is ~0.3 s faster at 50,000 cases for a file of a
    // few megabytes more, still far below Telegram's limit.
    wb.set_zip_compression_level(1);
    wb.save_to_buffer().context("writing the workbook")
}

pub(super) struct Formats {
    pub header: Format,
    pub date: Format,
    pub share: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold().set_text_wrap(),
            date: Format::new().set_num_format("dd.mm.yyyy hh:mm"),
            share: Format::new().set_num_format("0%"),
        }
    }
}

fn summary_sheet(
    ws: &mut Worksheet,
    f: &MonthFigures,
    lang: Lang,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(t!(lang, "report-sheet-summary"))?;
    ws.set_column_width(0, 48)?;
    ws.set_column_width(1, 16)?;
    ws.write_string_with_format(0, 0, t!(lang, "report-fig-month"), &fmt.header)?;
    ws.write_string_with_format(0, 1, month_title(f.month, lang), &fmt.header)?;
    let mut row = 1;
    for (label, value) in figure_columns(lang) {
        ws.write_string(row, 0, label)?;
        write_cell(ws, row, 1, value(&f.totals), fmt)?;
        row += 1;
    }
    let d = &f.dynamics;
    let registered = [
        (t!(lang, "report-fig-registered"), d.registered),
        (
            t!(lang, "report-fig-registered-previous"),
            d.registered_previous,
        ),
    ];
    for (label, n) in registered {
        ws.write_string(row, 0, label)?;
        ws.write_number(row, 1, n)?;
        row += 1;
    }
    ws.write_string(row + 1, 0, t!(lang, "report-share-note"))?;
    Ok(())
}

fn units_sheet(
    ws: &mut Worksheet,
    f: &MonthFigures,
    lang: Lang,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(t!(lang, "report-sheet-units"))?;
    let columns = figure_columns(lang);
    ws.set_column_width(0, 36)?;
    ws.write_string_with_format(0, 0, t!(lang, "report-fig-unit"), &fmt.header)?;
    for (c, (label, _)) in columns.iter().enumerate() {
        let col = col(c + 1);
        ws.set_column_width(col, 14)?;
        ws.write_string_with_format(0, col, label, &fmt.header)?;
    }
    ws.set_row_height(0, 48)?;
    ws.set_freeze_panes(1, 1)?;
    let total = UnitFigures {
        unit: None,
        name: Some(t!(lang, "report-total")),
        tally: f.totals.clone(),
    };
    for (r, u) in f.units.iter().chain(std::iter::once(&total)).enumerate() {
        let row = row(r + 1);
        ws.write_string(row, 0, clip_cell(&unit_name(u, lang)))?;
        for (c, (_, value)) in columns.iter().enumerate() {
            write_cell(ws, row, col(c + 1), value(&u.tally), fmt)?;
        }
    }
    Ok(())
}

fn dynamics_sheet(
    ws: &mut Worksheet,
    f: &MonthFigures,
    lang: Lang,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(t!(lang, "report-sheet-dynamics"))?;
    ws.set_column_width(0, 36)?;
    for c in 1..=3 {
        ws.set_column_width(c, 16)?;
    }
    let d = &f.dynamics;
    let blocks: [(String, &[DynamicsRow], bool); 4] = [
        (t!(lang, "report-col-topic"), &d.topic, false),
        (t!(lang, "report-col-location"), &d.location, false),
        (t!(lang, "report-col-network"), &d.network, true),
        (t!(lang, "report-col-importance"), &d.importance, false),
    ];
    let heads = [
        t!(lang, "report-col-current"),
        t!(lang, "report-col-previous"),
        t!(lang, "report-col-change"),
    ];
    let mut row = trend_block(ws, f, lang, fmt)? + 2;
    for (title, rows, is_network) in blocks {
        ws.write_string_with_format(row, 0, title, &fmt.header)?;
        for (c, h) in heads.iter().enumerate() {
            ws.write_string_with_format(row, col(c + 1), h, &fmt.header)?;
        }
        for r in rows {
            row += 1;
            let key = if is_network {
                network(&r.key, lang)
            } else {
                r.key.clone()
            };
            ws.write_string(row, 0, clip_cell(&key))?;
            ws.write_number(row, 1, r.current)?;
            ws.write_number(row, 2, r.previous)?;
            ws.write_number(row, 3, f64::from(r.current) - f64::from(r.previous))?;
        }
        row += 2;
    }
    Ok(())
}

/// The twelve months: registrations and the п.10 figures, oldest first; a month whose
/// figures were never stored is left blank. Returns the last row written.
fn trend_block(
    ws: &mut Worksheet,
    f: &MonthFigures,
    lang: Lang,
    fmt: &Formats,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(0, 0, t!(lang, "report-trend-title"), &fmt.header)?;
    let heads = [
        t!(lang, "report-col-month"),
        t!(lang, "report-col-registered"),
        t!(lang, "report-fig-on-time"),
        t!(lang, "report-fig-late"),
        t!(lang, "report-fig-overdue"),
        t!(lang, "report-fig-share"),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(1, col(c), h, &fmt.header)?;
    }
    for c in 4..=5 {
        ws.set_column_width(c, 16)?;
    }
    let mut r = 1;
    for m in &f.dynamics.months {
        r += 1;
        ws.write_string(r, 0, month_title(m.month, lang))?;
        if let Some(n) = m.registered {
            ws.write_number(r, 1, n)?;
        }
        if let Some(t) = m.timeliness {
            ws.write_number(r, 2, t.on_time)?;
            ws.write_number(r, 3, t.late)?;
            ws.write_number(r, 4, t.overdue)?;
            write_cell(ws, r, 5, Cell::Share(t.share()), fmt)?;
        }
    }
    ws.write_string(r + 1, 0, t!(lang, "report-trend-note"))?;
    Ok(r + 1)
}

fn cases_sheet(
    ws: &mut Worksheet,
    f: &MonthFigures,
    cases: &[CaseRow],
    lang: Lang,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(t!(lang, "report-sheet-cases"))?;
    let heads = [
        (t!(lang, "report-col-number"), 8.0),
        (t!(lang, "report-col-link"), 40.0),
        (t!(lang, "report-col-network"), 14.0),
        (t!(lang, "report-col-topic"), 20.0),
        (t!(lang, "report-col-location"), 20.0),
        (t!(lang, "report-col-importance"), 12.0),
        (t!(lang, "report-fig-unit"), 28.0),
        (t!(lang, "report-col-state"), 22.0),
        (t!(lang, "report-col-registered"), 17.0),
        (t!(lang, "report-col-due"), 17.0),
        (t!(lang, "report-col-answered"), 17.0),
        (t!(lang, "report-col-on-time"), 9.0),
        (t!(lang, "report-col-lateness"), 12.0),
        (t!(lang, "report-col-repeat"), 11.0),
    ];
    for (c, (head, width)) in heads.iter().enumerate() {
        ws.set_column_width(col(c), *width)?;
        ws.write_string_with_format(0, col(c), head, &fmt.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let units: std::collections::HashMap<Option<UnitId>, String> = f
        .units
        .iter()
        .map(|u| (u.unit, unit_name(u, lang)))
        .collect();
    let words = CaseWords::new(lang);
    // Excel's last row is 1,048,576; a month never comes near it, but a file must still open.
    for (i, case) in cases.iter().take(MAX_ROWS).enumerate() {
        let unit = units
            .get(&case.unit)
            .map(String::as_str)
            .unwrap_or_default();
        case_row(
            ws,
            row(i + 1),
            case,
            unit,
            i < MAX_LINKS,
            f.timezone,
            fmt,
            &words,
        )?;
    }
    Ok(())
}

/// Texts repeated on every row, rendered once.
struct CaseWords {
    lang: Lang,
    yes: String,
    no: String,
}

impl CaseWords {
    fn new(lang: Lang) -> Self {
        Self {
            lang,
            yes: t!(lang, "report-yes"),
            no: t!(lang, "report-no"),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn case_row(
    ws: &mut Worksheet,
    row: u32,
    c: &CaseRow,
    unit: &str,
    link_allowed: bool,
    tz: Tz,
    fmt: &Formats,
    w: &CaseWords,
) -> Result<(), XlsxError> {
    ws.write_number(row, 0, c.number as f64)?;
    let link = clip_cell(&c.link);
    if !link_allowed
        || ws
            .write_url_with_text(row, 1, link.as_str(), link.as_str())
            .is_err()
    {
        // Not a URL Excel accepts (or too many links): still show it.
        ws.write_string(row, 1, link)?;
    }
    ws.write_string(row, 2, network(&c.network, w.lang))?;
    ws.write_string(row, 3, clip_cell(&c.topic))?;
    ws.write_string(row, 4, clip_cell(&c.location))?;
    ws.write_string(row, 5, clip_cell(&c.importance))?;
    ws.write_string(row, 6, unit)?;
    ws.write_string(row, 7, state(c.state, w.lang))?;
    ws.write_number_with_format(row, 8, excel_date(c.registered_at, tz), &fmt.date)?;
    ws.write_number_with_format(row, 9, excel_date(c.answer_due, tz), &fmt.date)?;
    if let Some(at) = c.answered_at {
        ws.write_number_with_format(row, 10, excel_date(at, tz), &fmt.date)?;
    }
    if let Some(ok) = c.on_time {
        ws.write_string(row, 11, if ok { &w.yes } else { &w.no })?;
    }
    ws.write_number(row, 12, c.lateness_minutes)?;
    if c.repeat {
        ws.write_string(row, 13, &w.yes)?;
    }
    Ok(())
}

/// An instant as an Excel date serial (days since 1899-12-30) of the local wall clock.
pub fn excel_date(at: DateTime<Utc>, tz: Tz) -> f64 {
    let local = at.with_timezone(&tz).naive_local();
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN);
    (local - epoch).num_seconds() as f64 / 86_400.0
}

fn clip_cell(s: &str) -> String {
    super::labels::clip(s, MAX_CELL_CHARS)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}
