//! The figure columns shared by the summary and the per-unit sheets, so both say the same
//! thing under the same name.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::xlsx::Formats;
use crate::domain::report::Tally;
use crate::i18n::Lang;
use crate::t;

/// A figure's cell: a count, a share (as a percentage cell), or minutes (empty if none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Count(u32),
    Share(Option<f64>),
    Minutes(Option<u32>),
}

pub type Column = (String, fn(&Tally) -> Cell);

pub fn figure_columns(lang: Lang) -> Vec<Column> {
    vec![
        (t!(lang, "report-fig-cases"), |t| Cell::Count(t.cases)),
        (t!(lang, "report-fig-on-time"), |t| Cell::Count(t.on_time)),
        (t!(lang, "report-fig-late"), |t| Cell::Count(t.late)),
        (t!(lang, "report-fig-overdue"), |t| Cell::Count(t.overdue)),
        (t!(lang, "report-fig-pending"), |t| Cell::Count(t.pending)),
        (t!(lang, "report-fig-open"), |t| Cell::Count(t.open)),
        (t!(lang, "report-fig-final-overdue"), |t| {
            Cell::Count(t.final_overdue)
        }),
        (t!(lang, "report-fig-share"), |t| {
            Cell::Share(t.on_time_share())
        }),
        (t!(lang, "report-fig-median"), |t| {
            Cell::Minutes(t.answer_time.median_minutes)
        }),
        (t!(lang, "report-fig-p90"), |t| {
            Cell::Minutes(t.answer_time.p90_minutes)
        }),
        (t!(lang, "report-fig-returns"), |t| Cell::Count(t.returns)),
        (t!(lang, "report-fig-reassign"), |t| {
            Cell::Count(t.reassign_delays)
        }),
        (t!(lang, "report-fig-sent-back-deputy"), |t| {
            Cell::Count(t.sent_back_by_deputy)
        }),
        (t!(lang, "report-fig-sent-back-curator"), |t| {
            Cell::Count(t.sent_back_by_curator)
        }),
        (t!(lang, "report-fig-intermediate"), |t| {
            Cell::Count(t.intermediate)
        }),
        (t!(lang, "report-fig-repeats"), |t| Cell::Count(t.repeats)),
        (t!(lang, "report-fig-rejected"), |t| Cell::Count(t.rejected)),
        (t!(lang, "report-fig-answers"), |t| Cell::Count(t.answers)),
        (t!(lang, "report-fig-first-attempt"), |t| {
            Cell::Count(t.first_attempt)
        }),
        (t!(lang, "report-fig-first-share"), |t| {
            Cell::Share(t.first_attempt_share())
        }),
        (t!(lang, "report-fig-media"), |t| Cell::Count(t.with_media)),
        (t!(lang, "report-fig-notices"), |t| Cell::Count(t.notices)),
        (t!(lang, "report-fig-manual-notices"), |t| {
            Cell::Count(t.manual_notices)
        }),
    ]
}

pub fn write_cell(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: Cell,
    fmt: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Count(n) | Cell::Minutes(Some(n)) => ws.write_number(row, col, n)?,
        Cell::Share(Some(s)) => ws.write_number_with_format(row, col, s, &fmt.share)?,
        // No value is left blank rather than 0: a zero median would read as instant answers.
        Cell::Share(None) | Cell::Minutes(None) => ws,
    };
    Ok(())
}
