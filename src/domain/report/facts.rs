//! What one case's history says about a month: a single pass over it, plus the deadlines
//! the domain derives from it, both cut at the month's end so a past month reads the same
//! whatever happened afterwards.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::ReportCase;
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{Case, CaseEvent, CaseState, DraftKind, EventKind, Reviewer};
use crate::domain::deadline::{compute, Deadline, DeadlineKind, DeadlinePolicy, Outcome};
use crate::domain::ids::UnitId;

/// The month being reported and the one before it, as UTC instants.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub prev_start: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    pub fn in_month(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }
}

/// When the case was registered, relative to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Registered {
    PreviousMonth,
    ThisMonth,
    Earlier,
}

/// The п.10 standing of a case at the month's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// First published in the month, in time.
    OnTime,
    /// First published in the month, late.
    Late,
    /// Nothing published, still within the term.
    Pending,
    /// Nothing published, term passed.
    Overdue,
    /// Answered before the month, or rejected without an answer.
    Settled,
}

/// Something a unit did (or failed to do) during the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitEvent {
    Return,
    ReassignDelay,
    SentBack(Reviewer),
    Intermediate,
    /// An answer published: approved without being sent back, with a photo or video.
    Answer {
        first_attempt: bool,
        media: bool,
    },
    /// п.19: an escalating deadline ran out.
    Notice,
}

/// The registration's classification, borrowed from the history.
pub(super) struct Classification<'h> {
    pub link: &'h str,
    pub network: &'h str,
    pub topic: &'h str,
    pub location: &'h str,
    pub importance: &'h str,
    pub repeat: bool,
}

pub(super) struct CaseFacts<'h> {
    pub class: Classification<'h>,
    pub registered_at: DateTime<Utc>,
    pub registered: Registered,
    /// Worked on during the month: not closed before it started.
    pub in_month: bool,
    pub unit: Option<UnitId>,
    pub state: CaseState,
    pub answer_due: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub verdict: Verdict,
    /// Registration to first publication, when that publication is in the month.
    pub answer_minutes: Option<u32>,
    pub lateness_minutes: u32,
    pub final_overdue: bool,
    pub events: Vec<(Option<UnitId>, UnitEvent)>,
}

/// Reads one case (history in time order, see [`in_order`]); `None` if its history is
/// malformed or it was registered after the month.
pub(super) fn analyse<'h>(
    case: &'h ReportCase,
    window: &Window,
    calendar: &WorkCalendar,
    policy: &DeadlinePolicy,
) -> Option<CaseFacts<'h>> {
    let first = case.history.first()?;
    let class = classification(&first.kind)?;
    let registered_at = first.at;
    if registered_at >= window.end {
        return None;
    }
    let history = until(&case.history, window.end);
    let replayed = Case::replay(case.id, case.number, history).ok()?;
    let rules = policy.rules_for(class.importance);
    let deadlines = compute(history, calendar, &rules);
    let answer = deadlines.iter().find(|d| d.kind == DeadlineKind::Answer)?;
    let (verdict, answer_minutes) = verdict(answer, window, calendar, registered_at);
    let mut facts = CaseFacts {
        registered: registered_period(registered_at, window),
        in_month: !closed_before(history, window.start),
        unit: replayed.responsible().map(|a| a.unit),
        state: replayed.state,
        answer_due: answer.due_at,
        answered_at: published_at(answer),
        verdict,
        answer_minutes,
        lateness_minutes: answer.lateness(calendar, window.end),
        final_overdue: final_overdue(&deadlines, window.end, replayed.state),
        events: Vec::new(),
        class,
        registered_at,
    };
    facts.events = super::events::unit_events(history, &deadlines, window, calendar);
    Some(facts)
}

fn classification(kind: &EventKind) -> Option<Classification<'_>> {
    match kind {
        EventKind::Registered {
            link,
            network,
            topic,
            location,
            importance,
            repeat_of,
        } => Some(Classification {
            link,
            network,
            topic,
            location,
            importance,
            repeat: repeat_of.is_some(),
        }),
        _ => None,
    }
}

/// The events before `end` of a history in time order.
fn until(history: &[CaseEvent], end: DateTime<Utc>) -> &[CaseEvent] {
    &history[..history.partition_point(|e| e.at < end)]
}

/// The case with its history in time order: storage gives it so (then this is free), but a
/// hand-made or repaired history must not change the figures.
pub(super) fn in_order(case: &ReportCase) -> Cow<'_, ReportCase> {
    if case.history.is_sorted_by_key(|e| e.at) {
        return Cow::Borrowed(case);
    }
    let mut sorted = case.clone();
    // Stable, so events of the same instant keep their recorded order.
    sorted.history.sort_by_key(|e| e.at);
    Cow::Owned(sorted)
}

fn registered_period(at: DateTime<Utc>, w: &Window) -> Registered {
    if at >= w.start {
        Registered::ThisMonth
    } else if at >= w.prev_start {
        Registered::PreviousMonth
    } else {
        Registered::Earlier
    }
}

fn closed_before(history: &[CaseEvent], start: DateTime<Utc>) -> bool {
    history.iter().take_while(|e| e.at < start).any(|e| {
        matches!(
            e.kind,
            EventKind::Rejected { .. }
                | EventKind::Published {
                    draft_kind: DraftKind::Final,
                    ..
                }
        )
    })
}

fn published_at(answer: &Deadline) -> Option<DateTime<Utc>> {
    match answer.closure {
        Some(crate::domain::deadline::Closure::Done(at)) => Some(at),
        _ => None,
    }
}

fn verdict(
    answer: &Deadline,
    w: &Window,
    calendar: &WorkCalendar,
    registered_at: DateTime<Utc>,
) -> (Verdict, Option<u32>) {
    match (answer.outcome(calendar, w.end), published_at(answer)) {
        (Outcome::Open { overdue: true }, _) => (Verdict::Overdue, None),
        (Outcome::Open { overdue: false }, _) => (Verdict::Pending, None),
        (outcome, Some(at)) if w.in_month(at) => {
            let v = if outcome == Outcome::Met {
                Verdict::OnTime
            } else {
                Verdict::Late
            };
            (v, Some(calendar.elapsed(registered_at, at)))
        }
        _ => (Verdict::Settled, None),
    }
}

fn final_overdue(deadlines: &[Deadline], end: DateTime<Utc>, state: CaseState) -> bool {
    !state.is_closed()
        && deadlines.iter().any(|d| {
            d.kind == DeadlineKind::FinalAfterIntermediate && d.is_open() && end > d.due_at
        })
}
