//! Small texts shared by the message, the chart and the workbook, all from the locales.

use crate::domain::case::CaseState;
use crate::domain::intake::Network;
use crate::domain::report::{UnitFigures, YearMonth};
use crate::i18n::Lang;
use crate::t;

/// «Ноябрь 2026».
pub fn month_title(m: YearMonth, lang: Lang) -> String {
    t!(
        lang,
        "report-month",
        month = m.month,
        year = m.year.to_string()
    )
}

/// «ноябре 2026», for «в ноябре 2026».
pub fn month_in(m: YearMonth, lang: Lang) -> String {
    t!(
        lang,
        "report-month-in",
        month = m.month,
        year = m.year.to_string()
    )
}

/// The unit's directory name, or a stand-in for «no unit» / a unit not in the directory.
pub fn unit_name(u: &UnitFigures, lang: Lang) -> String {
    match (&u.name, u.unit) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => t!(lang, "report-unit-unknown", id = id.0.to_string()),
        (None, None) => t!(lang, "report-unit-none"),
    }
}

/// A network's name from its stored code; an unknown code is shown as stored.
pub fn network(code: &str, lang: Lang) -> String {
    match Network::parse(code) {
        Some(n) => t!(lang, "report-network", code = n.as_str()),
        None => code.to_owned(),
    }
}

pub fn state(s: CaseState, lang: Lang) -> String {
    t!(lang, "report-state", state = s.as_str())
}

/// «62%», or «—» when there is nothing to rate.
pub fn share(value: Option<f64>, lang: Lang) -> String {
    match value {
        Some(v) => format!("{}%", (v * 100.0).round()),
        None => t!(lang, "report-none"),
    }
}

/// «ноя 2026», for the dynamics' axis.
pub fn month_short(m: YearMonth, lang: Lang) -> String {
    t!(
        lang,
        "report-month-short",
        month = m.month,
        year = m.year.to_string()
    )
}

/// Working minutes as «5 ч 20 мин»; an answer within the same minute is «менее минуты».
pub fn duration(minutes: Option<u32>, lang: Lang) -> String {
    let Some(m) = minutes else {
        return t!(lang, "report-none");
    };
    let (h, m) = (m / 60, m % 60);
    match (h, m) {
        (0, 0) => t!(lang, "report-duration-under-minute"),
        (0, m) => t!(lang, "report-duration-m", m = m),
        (h, 0) => t!(lang, "report-duration-h", h = h),
        (h, m) => t!(lang, "report-duration-hm", h = h, m = m),
    }
}

/// At most `max` characters, with «…» when cut, so one long name cannot crowd out the rest.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max.saturating_sub(1)) {
        Some((cut, _)) if s.chars().count() > max => format!("{}…", &s[..cut]),
        _ => s.to_owned(),
    }
}
