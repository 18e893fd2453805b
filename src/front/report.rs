//! The scheduled monthly summary (п.20), delivered from the outbox: the stored message,
//! then the stored files.

use crate::domain::report::YearMonth;
use crate::front::notices::Outgoing;
use crate::i18n::Lang;
use crate::service::report::ReportService;

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
