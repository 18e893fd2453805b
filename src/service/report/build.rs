//! Reading a month and rendering it, on a blocking thread.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{ReportError, Summary, R};
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::report::{
    CaseRow, MonthFigures, MonthReport, PreviousRegistrations, ReportContext, Timeliness, YearMonth,
};
use crate::i18n::Lang;
use crate::report::{render_chart_png, render_message, render_text, render_xlsx};
use crate::storage::{Store, StoreError};

/// A month's figures and the list of its cases: the month's cases streamed one by one into
/// the domain's accumulator, the previous month only as registration counts (the dynamics'
/// baseline).
///
/// The twelve months' dynamics come from stored counts: registrations per month off the
/// index, and each earlier month's п.10 figures as kept when its summary was made. A month
/// that is over by `now` keeps its own figures for later summaries.
pub async fn read_month(
    store: &Store,
    config: &Config,
    month: YearMonth,
    now: DateTime<Utc>,
) -> Result<(MonthFigures, Vec<CaseRow>), StoreError> {
    let calendar = WorkCalendar::new(config.calendar.clone());
    let tz = calendar.timezone();
    let units: BTreeMap<_, _> = store
        .units()
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let ctx = ReportContext {
        calendar: &calendar,
        policy: &config.deadlines,
        unit_names: &units,
    };
    let mut report = MonthReport::new(month, ctx).with_case_rows().as_of(now);
    let (start, end) = (month.start(tz), month.end(tz));
    store
        .for_each_report_case(start, end, |case| report.add(&case))
        .await?;
    let previous = store
        .registrations_by_class(month.previous().start(tz), start)
        .await?;
    for (topic, location, network, importance, count) in &previous {
        report.add_previous_registrations(&PreviousRegistrations {
            topic,
            location,
            network,
            importance,
            count: u32::try_from(*count).unwrap_or(u32::MAX),
        });
    }
    // Up to `now` like the cases: a mid-month summary counts what was sent so far.
    for (unit, count) in store
        .deficiency_notices_by_unit(start, end.min(now))
        .await?
    {
        report.add_manual_notices(unit, count);
    }
    for trend in store.month_trends(month, tz).await? {
        report.add_trend(trend);
    }
    let (figures, rows) = report.finish();
    if end <= now {
        let timeliness = Timeliness::of(&figures.totals);
        store.save_month_timeliness(month, timeliness, now).await?;
    }
    Ok((figures, rows))
}

/// Reads `month` once and renders it in each of `langs`, all on a blocking thread: the
/// storage stream is driven from there too, so its row decoding and the figures never
/// hold the runtime's workers (other chats' deliveries go on meanwhile).
pub(super) async fn off_runtime(
    store: Store,
    config: Arc<Config>,
    month: YearMonth,
    langs: Vec<Lang>,
    now: DateTime<Utc>,
) -> R<Vec<Summary>> {
    let handle = tokio::runtime::Handle::current();
    let job = tokio::task::spawn_blocking(move || {
        let (figures, rows) = handle.block_on(read_month(&store, &config, month, now))?;
        langs
            .into_iter()
            .map(|lang| render(&figures, &rows, month, lang))
            .collect()
    });
    job.await.map_err(|e| ReportError::Worker(e.to_string()))?
}

fn render(figures: &MonthFigures, rows: &[CaseRow], month: YearMonth, lang: Lang) -> R<Summary> {
    let failed = |e: anyhow::Error| ReportError::Render(format!("{e:#}"));
    Ok(Summary {
        month,
        lang,
        message: render_message(figures, lang),
        text: render_text(figures, lang),
        chart: render_chart_png(figures, lang).map_err(failed)?,
        workbook: render_xlsx(figures, rows, lang).map_err(failed)?,
    })
}
