//! The report files of `otklik report --month ГГГГ-ММ --out DIR`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{render_chart_png, render_text, render_xlsx};
use crate::domain::report::{CaseRow, MonthFigures, YearMonth};
use crate::i18n::Lang;

/// `otklik-report-2026-11`.
pub fn report_file_stem(month: YearMonth) -> String {
    format!("otklik-report-{month}")
}

/// Writes `otklik-report-YYYY-MM.txt`, `.png` and `.xlsx` into `dir` (created if missing)
/// and returns their paths in that order.
pub fn write_report_files(
    dir: &Path,
    figures: &MonthFigures,
    cases: &[CaseRow],
    lang: Lang,
) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let stem = report_file_stem(figures.month);
    let outputs = [
        ("txt", render_text(figures, lang).into_bytes()),
        ("png", render_chart_png(figures, lang)?),
        ("xlsx", render_xlsx(figures, cases, lang)?),
    ];
    let mut paths = Vec::with_capacity(outputs.len());
    for (ext, bytes) in outputs {
        let path = dir.join(format!("{stem}.{ext}"));
        fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        paths.push(path);
    }
    Ok(paths)
}
