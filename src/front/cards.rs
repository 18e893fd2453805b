//! The case card (SPEC §6, issue 3 §8): number, network, topic, location, importance, link,
//! state, who holds it, and `Срок ответа` with the working time left.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{Case, CaseEvent, CaseState, DraftKind, EventKind, Reviewer};
use crate::domain::deadline::{headline, Deadline, DeadlineKind, Outcome};
use crate::domain::{PersonId, UnitId};
use crate::front::format::{esc, when, work_time};
use crate::i18n::Lang;
use crate::storage::CaseView;
use crate::t;

/// Names of units and people, for rendering ids.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub units: HashMap<UnitId, String>,
    pub people: HashMap<PersonId, String>,
}

impl Names {
    pub fn unit(&self, id: UnitId) -> String {
        self.units
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }

    pub fn person(&self, id: PersonId) -> String {
        self.people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }
}

pub fn network_name(code: &str, lang: Lang) -> String {
    match code {
        "vk" => t!(lang, "net-vk"),
        "ok" => t!(lang, "net-ok"),
        "telegram" => t!(lang, "net-telegram"),
        "max" => t!(lang, "net-max"),
        "dzen" => t!(lang, "net-dzen"),
        "youtube" => t!(lang, "net-youtube"),
        "facebook" => t!(lang, "net-facebook"),
        "instagram" => t!(lang, "net-instagram"),
        _ => t!(lang, "net-other"),
    }
}

pub fn state_name(state: CaseState, lang: Lang) -> String {
    match state {
        CaseState::Registered => t!(lang, "state-registered"),
        CaseState::Assigned => t!(lang, "state-assigned"),
        CaseState::InWork => t!(lang, "state-in-work"),
        CaseState::OnApproval => t!(lang, "state-on-approval"),
        CaseState::WithCurator => t!(lang, "state-with-curator"),
        CaseState::AnsweredIntermediate => t!(lang, "state-answered-intermediate"),
        CaseState::Answered => t!(lang, "state-answered"),
        CaseState::Returned => t!(lang, "state-returned"),
        CaseState::Rejected => t!(lang, "state-rejected"),
    }
}

pub fn draft_kind_name(kind: DraftKind, lang: Lang) -> String {
    match kind {
        DraftKind::Final => t!(lang, "draft-final"),
        DraftKind::Intermediate => t!(lang, "draft-intermediate"),
        DraftKind::Clarification => t!(lang, "draft-clarification"),
    }
}

/// Who holds the case now, in words; nobody once it is closed.
fn holder(case: &Case, names: &Names, lang: Lang) -> Option<String> {
    let unit = case
        .responsible()
        .map(|a| (names.unit(a.unit), a.accepted_by()));
    Some(match (case.state, unit) {
        (CaseState::Returned | CaseState::WithCurator | CaseState::Registered, _) => {
            t!(lang, "holder-curator")
        }
        (CaseState::OnApproval, Some((u, _))) => t!(lang, "holder-deputy", unit = u),
        (CaseState::Answered | CaseState::Rejected, _) | (_, None) => return None,
        (_, Some((u, Some(p)))) => format!("{u} ({})", names.person(p)),
        (_, Some((u, None))) => u,
    })
}

/// The card's text in HTML.
pub fn card(
    view: &CaseView,
    names: &Names,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    card_with_due(view, names, lang, due_line(view, calendar, now, lang))
}

/// The card with `due` as its deadline line (a co-executor sees its own term, п.14).
pub fn card_with_due(view: &CaseView, names: &Names, lang: Lang, due: Option<String>) -> String {
    let c = &view.case;
    let mut out = t!(
        lang,
        "card-title",
        number = c.number,
        network = network_name(&c.network, lang)
    );
    out.push('\n');
    out += &t!(
        lang,
        "card-class",
        topic = esc(&c.topic),
        location = esc(&c.location),
        importance = esc(&c.importance)
    );
    out.push('\n');
    out += &format!("<a href=\"{}\">{}</a>\n", esc(&c.link), esc(&c.link));
    if let Some(prev) = c.repeat_of {
        out += &t!(lang, "card-repeat", case = prev.0);
        out.push('\n');
    }
    let state = state_name(c.state, lang);
    out += &match holder(c, names, lang) {
        Some(h) => t!(lang, "card-state", state = state, holder = esc(&h)),
        None => t!(lang, "card-state-closed", state = state),
    };
    if let Some(line) = due {
        out.push('\n');
        out += &line;
    }
    out
}

/// `Срок ответа: ДД.ММ.ГГГГ ЧЧ:ММ (осталось …)` for the deadline that matters now.
pub fn due_line(
    view: &CaseView,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
    lang: Lang,
) -> Option<String> {
    let d = headline(&view.deadlines)?;
    let at = when(d.due_at, calendar.timezone());
    let tail = due_tail(d, calendar, now, lang);
    // After an intermediate answer the п.13 final answer governs the case, also once closed.
    Some(match d.kind {
        DeadlineKind::FinalAfterIntermediate => t!(lang, "due-line-final", at = at, tail = tail),
        _ => t!(lang, "due-line", at = at, tail = tail),
    })
}

/// `осталось …`, `просрочено на …` or how the deadline ended.
pub fn due_tail(d: &Deadline, calendar: &WorkCalendar, now: DateTime<Utc>, lang: Lang) -> String {
    match d.outcome(calendar, now) {
        Outcome::Open { overdue: false } => t!(
            lang,
            "due-left",
            left = work_time(calendar.elapsed(now, d.due_at), lang)
        ),
        Outcome::Open { overdue: true } => t!(
            lang,
            "due-overdue",
            late = work_time(d.lateness(calendar, now), lang)
        ),
        Outcome::Met => t!(lang, "due-met"),
        Outcome::Missed { late_minutes } => {
            t!(lang, "due-missed", late = work_time(late_minutes, lang))
        }
        Outcome::Cancelled => t!(lang, "due-cancelled"),
    }
}

/// The card plus the draft under review, for the deputy and the curator.
pub fn card_with_draft(
    view: &CaseView,
    names: &Names,
    calendar: &WorkCalendar,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let out = card(view, names, calendar, now, lang);
    out + &draft_section(view, lang)
}

/// The draft under review, after a card; empty without one.
pub fn draft_section(view: &CaseView, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(d) = &view.case.draft {
        out += "\n\n";
        out += &t!(
            lang,
            "card-draft",
            kind = draft_kind_name(d.kind, lang),
            files = d.attachments.len()
        );
        out.push('\n');
        out += &esc(&d.text);
    }
    out
}

/// The case's history, after a card.
pub fn history_section(
    view: &CaseView,
    names: &Names,
    calendar: &WorkCalendar,
    lang: Lang,
) -> String {
    let mut out = String::from("\n\n");
    out += &t!(lang, "card-history");
    for e in view.events() {
        out.push('\n');
        out += &history_line(e, names, calendar, lang);
    }
    out
}

fn history_line(e: &CaseEvent, names: &Names, calendar: &WorkCalendar, lang: Lang) -> String {
    let who = e
        .actor
        .map(|p| names.person(p))
        .unwrap_or_else(|| "—".into());
    let what = match &e.kind {
        EventKind::Registered { .. } => t!(lang, "ev-registered"),
        EventKind::Assigned {
            unit,
            responsible: true,
            ..
        } => t!(lang, "ev-assigned", unit = names.unit(*unit)),
        EventKind::Assigned { unit, .. } => t!(lang, "ev-assigned-co", unit = names.unit(*unit)),
        EventKind::Accepted { unit } => t!(lang, "ev-accepted", unit = names.unit(*unit)),
        EventKind::Returned { reason, .. } => t!(lang, "ev-returned", reason = reason.clone()),
        EventKind::ContributionRequested { unit } => {
            t!(lang, "ev-contribution-requested", unit = names.unit(*unit))
        }
        EventKind::ContributionGiven { unit, .. } => {
            t!(lang, "ev-contribution", unit = names.unit(*unit))
        }
        EventKind::DraftSubmitted { draft_kind, .. } => {
            t!(lang, "ev-draft", kind = draft_kind_name(*draft_kind, lang))
        }
        EventKind::DraftApproved => t!(lang, "ev-approved"),
        EventKind::DraftSentBack {
            by: Reviewer::Deputy,
            comment,
        } => t!(lang, "ev-sent-back-deputy", comment = comment.clone()),
        EventKind::DraftSentBack {
            by: Reviewer::Curator,
            comment,
        } => t!(lang, "ev-sent-back-curator", comment = comment.clone()),
        EventKind::Published { draft_kind, .. } => t!(
            lang,
            "ev-published",
            kind = draft_kind_name(*draft_kind, lang)
        ),
        EventKind::Rejected { reason } => match rejection_ground(reason) {
            "" => t!(lang, "ev-rejected-plain"),
            ground => t!(lang, "ev-rejected", reason = ground.to_owned()),
        },
    };
    format!(
        "{} · {} · {}",
        when(e.at, calendar.timezone()),
        esc(&who),
        esc(&what)
    )
}

/// The ground of a п.17 rejection without the clause, which older records repeated
/// («п.17: угрозы»), so the history does not say «п.17: п.17: угрозы».
fn rejection_ground(reason: &str) -> &str {
    let r = reason.trim();
    [
        "п.17:",
        "clause 17:",
        "п.17 Регламента",
        "clause 17 of the regulation",
    ]
    .iter()
    .find_map(|p| r.strip_prefix(p))
    .unwrap_or(r)
    .trim()
}
