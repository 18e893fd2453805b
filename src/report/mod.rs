//! The monthly summary (п.20, SPEC §8) rendered for people: a Telegram message, a PNG chart
//! and an XLSX workbook, plus the files `otklik report` writes. The figures themselves are
//! computed in [`crate::domain::report`].

mod chart;
#[cfg(test)]
mod chart_tests;
mod files;
mod font;
mod labels;
pub mod layout;
mod message;
mod order;
#[cfg(test)]
mod tests;
mod xlsx;
mod xlsx_figures;

pub use chart::{render_chart_png, CHART_WIDTH};
pub use files::{report_file_stem, write_report_files};
pub use labels::month_title;
pub use layout::{layout as chart_layout, Layout as ChartLayout};
pub use message::{escape_html, render_message, render_text, MAX_MESSAGE_CHARS};
pub use xlsx::{excel_date, render_xlsx};
