//! The monthly summary (п.20) in chat: `/report [ГГГГ-ММ]` on demand, and the scheduled
//! one delivered from the outbox (the stored message, then the stored files).

use crate::domain::report::YearMonth;
use crate::front::notices::Outgoing;
use crate::front::who::Who;
use crate::front::Ctx;
use crate::i18n::Lang;
use crate::service::report::{ReportService, Summary};
use crate::t;

/// What to answer to `/report`: the summary, or why not (in the person's language).
pub enum OnDemand {
    Ready(Box<Summary>),
    Refused(String),
}

/// `/report [ГГГГ-ММ]`: the previous month by default, with the figures as they are now;
/// for the overseeing roles only (the coordinator, curator, controller and admin).
pub async fn on_demand(ctx: &Ctx, who: &Who, arg: &str) -> anyhow::Result<OnDemand> {
    if !who.actor.sees_everything() {
        tracing::warn!(person = %who.person.id, "/report refused: role");
        return Ok(OnDemand::Refused(t!(who.lang, "report-refused")));
    }
    let month = match arg.trim() {
        "" => YearMonth::containing(ctx.now(), ctx.calendar.timezone()).previous(),
        s => match YearMonth::parse(s) {
            Ok(m) => m,
            Err(_) => return Ok(OnDemand::Refused(t!(who.lang, "report-usage"))),
        },
    };
    let summary = ctx.reports.build(month, who.lang).await?;
    Ok(OnDemand::Ready(Box::new(summary)))
}

/// The scheduled summary (delivered from the outbox) for `month` ("ГГГГ-ММ"): the stored
/// message, then the stored files.
pub async fn scheduled(
    reports: &ReportService,
    month: &str,
    lang: Lang,
) -> anyhow::Result<Vec<Outgoing>> {
    let month = YearMonth::parse(month)
        .map_err(|e| anyhow::anyhow!("bad month in a report notice: {e}"))?;
    let prepared = reports.stored(month, lang).await?;
    let mut parts = vec![Outgoing::Text {
        html: prepared.message,
        keyboard: None,
    }];
    parts.extend(prepared.files.into_iter().map(Outgoing::Stored));
    Ok(parts)
}
