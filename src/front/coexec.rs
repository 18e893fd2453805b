//! п.14 on cards: a co-executor sees its own term rather than the case's answer deadline,
//! and `/case` shows the parts the co-executors sent in full.

use chrono::{DateTime, Utc};

use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{Attachment, EventKind};
use crate::domain::deadline::{DeadlineKind, Party};
use crate::domain::directory::Actor;
use crate::domain::UnitId;
use crate::front::cards::{
    card_with_due, draft_section, due_line, due_tail, history_section, Names,
};
use crate::front::format::{esc, when};
use crate::i18n::Lang;
use crate::storage::CaseView;
use crate::t;

/// The co-executor unit `actor` works for on this case, unless they also prepare the
/// answer (then the case's deadline is theirs).
pub fn contributing_unit(view: &CaseView, actor: &Actor) -> Option<UnitId> {
    let case = &view.case;
    if case
        .responsible()
        .is_some_and(|a| actor.is_executor_of(a.unit))
    {
        return None;
    }
    case.co_executors()
        .find(|a| actor.is_executor_of(a.unit))
        .map(|a| a.unit)
}

/// `Срок информации вашего отдела: …`: the unit's latest п.14 term, once it was asked.
pub fn own_due_line(
    view: &CaseView,
    unit: UnitId,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
    lang: Lang,
) -> Option<String> {
    let d = view
        .deadlines
        .iter()
        .rev()
        .find(|d| d.kind == DeadlineKind::Contribution && d.party == Party::Unit(unit))?;
    Some(t!(
        lang,
        "due-line-contribution",
        at = when(d.due_at, calendar.timezone()),
        tail = due_tail(d, calendar, now, lang)
    ))
}

/// The deadline line `viewer` reads: a co-executor's own term, else the case's.
pub fn due_for(
    view: &CaseView,
    (calendar, now): (&WorkCalendar, DateTime<Utc>),
    lang: Lang,
    viewer: Option<&Actor>,
) -> Option<String> {
    let own = viewer
        .and_then(|a| contributing_unit(view, a))
        .and_then(|unit| own_due_line(view, unit, calendar, now, lang));
    own.or_else(|| due_line(view, calendar, now, lang))
}

/// The card as `viewer` reads it: a co-executor's shows its own term.
pub fn card_for(
    view: &CaseView,
    names: &Names,
    at: (&WorkCalendar, DateTime<Utc>),
    lang: Lang,
    viewer: Option<&Actor>,
) -> String {
    card_with_due(view, names, lang, due_for(view, at, lang, viewer))
}

/// The card for `/case`: the draft under review, the co-executors' parts in full, then
/// the history.
pub fn card_in_full(
    view: &CaseView,
    names: &Names,
    (calendar, now): (&WorkCalendar, DateTime<Utc>),
    lang: Lang,
    viewer: &Actor,
) -> String {
    let mut out = card_for(view, names, (calendar, now), lang, Some(viewer));
    out += &draft_section(view, lang);
    out += &contributions_section(view, names, calendar, lang);
    out += &history_section(view, names, calendar, lang);
    out
}

/// Every part a co-executor sent, with its text in full and how many files came with it.
fn contributions_section(
    view: &CaseView,
    names: &Names,
    calendar: &WorkCalendar,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for (unit, at, text, files) in contributions(view) {
        if out.is_empty() {
            out = format!("\n\n{}", t!(lang, "card-contributions"));
        }
        out.push('\n');
        out += &t!(
            lang,
            "card-contribution",
            unit = esc(&names.unit(unit)),
            at = when(at, calendar.timezone()),
            files = files.len()
        );
        if !text.is_empty() {
            out.push('\n');
            out += &esc(text);
        }
    }
    out
}

/// The parts in the order they came: unit, when, text, files.
pub fn contributions(view: &CaseView) -> Vec<(UnitId, DateTime<Utc>, &str, &[Attachment])> {
    view.events()
        .filter_map(|e| match &e.kind {
            EventKind::ContributionGiven {
                unit,
                text,
                attachments,
            } => Some((*unit, e.at, text.as_str(), attachments.as_slice())),
            _ => None,
        })
        .collect()
}
