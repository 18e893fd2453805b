//! The monthly summary (п.20) in chat and on the command line: read the cases, let the
//! domain compute the figures, render message, chart and workbook.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, Utc};
use teloxide::prelude::*;
use teloxide::types::InputFile;

use super::ctx::{BotCtx, Tg};
use super::notices::Outgoing;
use super::reply::send;
use super::who::Who;
use crate::config::Config;
use crate::domain::calendar::WorkCalendar;
use crate::domain::report::{
    CaseRow, MonthFigures, MonthReport, PreviousRegistrations, ReportContext, Timeliness, YearMonth,
};
use crate::i18n::Lang;
use crate::report::{
    render_chart_png, render_message, render_xlsx, report_file_stem, write_report_files,
};
use crate::storage::Store;
use crate::t;

/// Computes a month's figures and the list of its cases from storage: the month's cases
/// streamed one by one, the previous month only as registration counts (the dynamics'
/// baseline).
///
/// The twelve months' dynamics come from stored counts: registrations per month off the
/// index, and each earlier month's п.10 figures as kept when its summary was made. A month
/// that is over by `now` keeps its own figures for later summaries.
pub async fn build(
    store: &Store,
    config: &Config,
    month: YearMonth,
    now: DateTime<Utc>,
) -> anyhow::Result<(MonthFigures, Vec<CaseRow>)> {
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
    let mut report = MonthReport::new(month, ctx).with_case_rows();
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

/// `/report [ГГГГ-ММ]`: the previous month by default.
pub async fn on_demand(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    // The overseeing roles: the coordinator, curator, controller and admin.
    if !who.actor.sees_everything() {
        tracing::warn!(person = %who.person.id, "/report refused: role");
        send(&bot, msg.chat.id, &t!(who.lang, "report-refused"), None).await?;
        return Ok(());
    }
    let tz = ctx.calendar.timezone();
    let month = match arg.trim() {
        "" => YearMonth::containing(ctx.now(), tz).previous(),
        s => match YearMonth::parse(s) {
            Ok(m) => m,
            Err(_) => {
                send(&bot, msg.chat.id, &t!(who.lang, "report-usage"), None).await?;
                return Ok(());
            }
        },
    };
    for part in parts(&ctx.store, &ctx.config, month, who.lang, ctx.now()).await? {
        match part {
            Outgoing::Text { html, keyboard } => {
                send(&bot, msg.chat.id, &html, keyboard).await?;
            }
            Outgoing::Upload { name, bytes } => drop(
                bot.send_document(msg.chat.id, InputFile::memory(bytes).file_name(name))
                    .await?,
            ),
            Outgoing::File { .. } => {}
        }
    }
    Ok(())
}

/// The scheduled summary (delivered from the outbox) for `month` ("ГГГГ-ММ").
pub async fn scheduled(ctx: &BotCtx, month: &str, lang: Lang) -> anyhow::Result<Vec<Outgoing>> {
    let month = YearMonth::parse(month)
        .map_err(|e| anyhow::anyhow!("bad month in a report notice: {e}"))?;
    parts(&ctx.store, &ctx.config, month, lang, ctx.now()).await
}

async fn parts(
    store: &Store,
    config: &Config,
    month: YearMonth,
    lang: Lang,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Outgoing>> {
    let (figures, rows) = build(store, config, month, now).await?;
    let stem = report_file_stem(month);
    Ok(vec![
        Outgoing::Text {
            html: render_message(&figures, lang),
            keyboard: None,
        },
        Outgoing::Upload {
            name: format!("{stem}.png"),
            bytes: render_chart_png(&figures, lang)?,
        },
        Outgoing::Upload {
            name: format!("{stem}.xlsx"),
            bytes: render_xlsx(&figures, &rows, lang)?,
        },
    ])
}

/// `otklik report --month ГГГГ-ММ --out DIR`.
pub async fn write_files(
    store: &Store,
    config: &Config,
    month: &str,
    out: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    let month = YearMonth::parse(month).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let (figures, rows) = build(store, config, month, Utc::now()).await?;
    write_report_files(out, &figures, &rows, crate::cli::cli_lang())
}
