//! What a case's history says each unit did during the month: returns, drafts sent back,
//! answers (and how they were approved), slow reassignments and п.19 notices.

use chrono::{DateTime, Utc};

use super::facts::{UnitEvent, Window};
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{AttachmentKind, CaseEvent, DraftKind, EventKind};
use crate::domain::deadline::{Closure, Deadline, DeadlineKind, Outcome, Party};
use crate::domain::ids::UnitId;

/// Who held the case (the responsible unit) from which moment on.
#[derive(Default)]
struct Holders(Vec<(DateTime<Utc>, Option<UnitId>)>);

impl Holders {
    fn set(&mut self, at: DateTime<Utc>, unit: Option<UnitId>) {
        self.0.push((at, unit));
    }

    /// The holder at `at`: the last change at or before it.
    fn at(&self, at: DateTime<Utc>) -> Option<UnitId> {
        let n = self.0.partition_point(|(t, _)| *t <= at);
        n.checked_sub(1).and_then(|i| self.0[i].1)
    }
}

/// Events of the month, each for the unit concerned at that moment: a return and a slow
/// reassignment after it for the unit that returned the case, a notice for the unit that
/// held the case when the term ran out.
pub(super) fn unit_events(
    history: &[CaseEvent],
    deadlines: &[Deadline],
    w: &Window,
    calendar: &WorkCalendar,
) -> Vec<(Option<UnitId>, UnitEvent)> {
    let mut out = Vec::new();
    let mut holders = Holders::default();
    let mut holder: Option<UnitId> = None;
    let mut returns: Vec<(DateTime<Utc>, UnitId)> = Vec::new();
    // Since the last publication: was a draft sent back; does the draft carry photo/video.
    let (mut reworked, mut media) = (false, false);
    for e in history {
        let now = w.in_month(e.at);
        match &e.kind {
            EventKind::Assigned {
                unit,
                responsible: true,
                ..
            } => {
                holder = Some(*unit);
                holders.set(e.at, holder);
            }
            EventKind::Returned { unit, .. } => {
                if holder == Some(*unit) {
                    holder = None;
                    holders.set(e.at, None);
                }
                returns.push((e.at, *unit));
                if now {
                    out.push((Some(*unit), UnitEvent::Return));
                }
            }
            EventKind::DraftSubmitted { attachments, .. } => {
                media = attachments
                    .iter()
                    .any(|a| matches!(a.kind, AttachmentKind::Photo | AttachmentKind::Video));
            }
            EventKind::DraftSentBack { by, .. } => {
                reworked = true;
                if now {
                    out.push((holder, UnitEvent::SentBack(*by)));
                }
            }
            EventKind::Published { draft_kind, .. } => {
                if now {
                    if *draft_kind == DraftKind::Intermediate {
                        out.push((holder, UnitEvent::Intermediate));
                    }
                    let first_attempt = !reworked;
                    out.push((
                        holder,
                        UnitEvent::Answer {
                            first_attempt,
                            media,
                        },
                    ));
                }
                (reworked, media) = (false, false);
            }
            _ => {}
        }
    }
    reassign_delays(deadlines, &returns, w, calendar, &mut out);
    notices(deadlines, &holders, w, &mut out);
    out
}

/// п.9 reassignments that took too long, for the unit that returned the case; counted in
/// the month the term ran out, so a long wait is counted once.
fn reassign_delays(
    deadlines: &[Deadline],
    returns: &[(DateTime<Utc>, UnitId)],
    w: &Window,
    calendar: &WorkCalendar,
    out: &mut Vec<(Option<UnitId>, UnitEvent)>,
) {
    for d in deadlines
        .iter()
        .filter(|d| d.kind == DeadlineKind::Reassign)
    {
        let breached = matches!(
            d.outcome(calendar, w.end),
            Outcome::Missed { .. } | Outcome::Open { overdue: true }
        );
        if breached && w.in_month(d.due_at) {
            let by = returns
                .iter()
                .find(|(at, _)| *at == d.starts_at)
                .map(|&(_, u)| u);
            out.push((by, UnitEvent::ReassignDelay));
        }
    }
}

/// п.19: each escalating deadline still open when its term ran out in the month is one
/// deficiency notice (SPEC §7), whether it was met later, cancelled later, or is still open.
fn notices(
    deadlines: &[Deadline],
    holders: &Holders,
    w: &Window,
    out: &mut Vec<(Option<UnitId>, UnitEvent)>,
) {
    for d in deadlines.iter().filter(|d| d.kind.escalates()) {
        let closed_at = match d.closure {
            Some(Closure::Done(at) | Closure::Cancelled(at)) => Some(at),
            None => None,
        };
        let breached = closed_at.is_none_or(|at| at > d.due_at);
        if !breached || !w.in_month(d.due_at) {
            continue;
        }
        // The answer's terms follow the case from unit to unit; the others stay with theirs.
        let unit = match (d.kind, d.party) {
            (DeadlineKind::Answer | DeadlineKind::DraftToCurator, _) | (_, Party::Curator) => {
                holders.at(d.due_at)
            }
            (_, Party::Unit(u)) => Some(u),
        };
        out.push((unit, UnitEvent::Notice));
    }
}
