//! Deadlines derived from a case's history and the calendar — never typed in by hand, so a
//! corrected calendar re-evaluates past cases.

use chrono::{DateTime, Utc};

use super::{DeadlineKind, DeadlineRules, Party};
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{CaseEvent, DraftKind, EventKind, Reviewer};
use crate::domain::ids::UnitId;
use crate::domain::WorkDuration;

/// How a deadline ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    /// What it asked for was done at that moment (on time or late).
    Done(DateTime<Utc>),
    /// It stopped mattering (case rejected, draft sent back, unit replaced).
    Cancelled(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub party: Party,
    pub starts_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub closure: Option<Closure>,
}

/// Met or missed, computed, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Open { overdue: bool },
    Met,
    Missed { late_minutes: u32 },
    Cancelled,
}

impl Deadline {
    pub fn is_open(&self) -> bool {
        self.closure.is_none()
    }

    /// The outcome as of `now`; lateness is working time past the due moment.
    pub fn outcome(&self, calendar: &WorkCalendar, now: DateTime<Utc>) -> Outcome {
        match self.closure {
            None => Outcome::Open {
                overdue: now > self.due_at,
            },
            Some(Closure::Cancelled(_)) => Outcome::Cancelled,
            Some(Closure::Done(at)) if at <= self.due_at => Outcome::Met,
            Some(Closure::Done(at)) => Outcome::Missed {
                late_minutes: calendar.elapsed(self.due_at, at),
            },
        }
    }

    /// Working minutes past due as of `now` (0 if not late).
    pub fn lateness(&self, calendar: &WorkCalendar, now: DateTime<Utc>) -> u32 {
        let end = match self.closure {
            Some(Closure::Done(at)) => at,
            Some(Closure::Cancelled(_)) => return 0,
            None => now,
        };
        calendar.elapsed(self.due_at, end)
    }

    /// When the reminder goes out: `remind_before` of working time ahead, never before the
    /// deadline started.
    pub fn remind_at(&self, calendar: &WorkCalendar, remind_before: WorkDuration) -> DateTime<Utc> {
        let ahead = match remind_before {
            WorkDuration::Minutes(m) => m,
            WorkDuration::Days(_) => 0,
        };
        calendar.sub(self.due_at, ahead).max(self.starts_at)
    }
}

/// Every deadline a history has opened, in the order they opened.
pub fn compute(
    history: &[CaseEvent],
    calendar: &WorkCalendar,
    rules: &DeadlineRules,
) -> Vec<Deadline> {
    let mut book = Book {
        calendar,
        rules,
        list: Vec::new(),
    };
    for event in history {
        book.on(event);
    }
    book.list
}

/// The deadline a card shows: the п.13 final answer once an intermediate one is published —
/// open, or the one that governed the closing — otherwise the п.10 answer.
pub fn headline(deadlines: &[Deadline]) -> Option<&Deadline> {
    let find = |k| deadlines.iter().rev().find(|d| d.kind == k);
    find(DeadlineKind::FinalAfterIntermediate)
        .filter(|d| !matches!(d.closure, Some(Closure::Cancelled(_))))
        .or_else(|| find(DeadlineKind::Answer))
}

struct Book<'a> {
    calendar: &'a WorkCalendar,
    rules: &'a DeadlineRules,
    list: Vec<Deadline>,
}

impl Book<'_> {
    fn on(&mut self, e: &CaseEvent) {
        let at = e.at;
        match &e.kind {
            EventKind::Registered { .. } => self.on_registered(at),
            EventKind::Assigned {
                unit,
                responsible,
                queued: false,
                ..
            } => self.on_assigned(at, *unit, *responsible),
            // A queued co-executor's term starts when it is asked (п.14).
            EventKind::Assigned { queued: true, .. } => {}
            EventKind::ContributionRequested { unit } => self.on_assigned(at, *unit, false),
            EventKind::Accepted { .. } => {}
            EventKind::Returned { unit, .. } => self.on_returned(at, *unit),
            EventKind::ContributionGiven { unit, .. } => {
                self.close(DeadlineKind::Contribution, Some(*unit), Closure::Done(at));
            }
            EventKind::DraftSubmitted { .. } => {}
            EventKind::DraftApproved => {
                self.close(DeadlineKind::DraftToCurator, None, Closure::Done(at));
                self.open(
                    DeadlineKind::Publish,
                    Party::Curator,
                    at,
                    self.rules.publish,
                );
            }
            EventKind::DraftSentBack { by, .. } => {
                if *by == Reviewer::Curator {
                    self.close(DeadlineKind::Publish, None, Closure::Cancelled(at));
                }
            }
            EventKind::Published { draft_kind, .. } => self.on_published(at, *draft_kind),
            EventKind::Rejected { .. } => self.close_all(Closure::Cancelled(at)),
        }
    }

    fn on_registered(&mut self, at: DateTime<Utc>) {
        // The party is filled in by the first responsible assignment.
        let answer = self.open(DeadlineKind::Answer, Party::Curator, at, self.rules.answer);
        let ahead = match self.rules.draft_before_answer {
            WorkDuration::Minutes(m) => m,
            WorkDuration::Days(_) => 0,
        };
        let due = self.calendar.sub(answer, ahead).max(at);
        self.list.push(Deadline {
            kind: DeadlineKind::DraftToCurator,
            party: Party::Curator,
            starts_at: at,
            due_at: due,
            closure: None,
        });
    }

    fn on_assigned(&mut self, at: DateTime<Utc>, unit: UnitId, responsible: bool) {
        let party = Party::Unit(unit);
        if responsible {
            self.close(DeadlineKind::Reassign, None, Closure::Done(at));
            self.close(DeadlineKind::ReturnWindow, None, Closure::Cancelled(at));
            for d in self.list.iter_mut().filter(|d| d.is_open()) {
                if matches!(d.kind, DeadlineKind::Answer | DeadlineKind::DraftToCurator) {
                    d.party = party;
                }
            }
        } else {
            self.open(
                DeadlineKind::Contribution,
                party,
                at,
                self.rules.contribution,
            );
        }
        self.open(
            DeadlineKind::ReturnWindow,
            party,
            at,
            self.rules.return_window,
        );
    }

    fn on_returned(&mut self, at: DateTime<Utc>, unit: UnitId) {
        let cancelled = Closure::Cancelled(at);
        self.close(DeadlineKind::ReturnWindow, Some(unit), Closure::Done(at));
        let was_contributor = self.close(DeadlineKind::Contribution, Some(unit), cancelled);
        if !was_contributor {
            self.open(
                DeadlineKind::Reassign,
                Party::Curator,
                at,
                self.rules.reassign,
            );
        }
    }

    fn on_published(&mut self, at: DateTime<Utc>, kind: DraftKind) {
        let done = Closure::Done(at);
        self.close(DeadlineKind::Answer, None, done);
        self.close(DeadlineKind::Publish, None, done);
        if kind == DraftKind::Final {
            self.close(DeadlineKind::FinalAfterIntermediate, None, done);
            self.close_all(Closure::Cancelled(at));
        } else if !self
            .list
            .iter()
            .any(|d| d.kind == DeadlineKind::FinalAfterIntermediate)
        {
            let term = self.rules.final_after_intermediate;
            let unit = self
                .list
                .iter()
                .find(|d| d.kind == DeadlineKind::Answer)
                .map(|d| d.party);
            self.open(
                DeadlineKind::FinalAfterIntermediate,
                unit.unwrap_or(Party::Curator),
                at,
                term,
            );
        }
    }

    /// Opens a deadline and returns its due moment.
    fn open(
        &mut self,
        kind: DeadlineKind,
        party: Party,
        at: DateTime<Utc>,
        term: WorkDuration,
    ) -> DateTime<Utc> {
        let due_at = self.calendar.add(at, term);
        self.list.push(Deadline {
            kind,
            party,
            starts_at: at,
            due_at,
            closure: None,
        });
        due_at
    }

    /// Closes the open deadlines of a kind (of one unit, if given); true if any was open.
    fn close(&mut self, kind: DeadlineKind, unit: Option<UnitId>, how: Closure) -> bool {
        let mut any = false;
        for d in self
            .list
            .iter_mut()
            .filter(|d| d.kind == kind && d.is_open())
        {
            if unit.is_none_or(|u| d.party == Party::Unit(u)) {
                d.closure = Some(how);
                any = true;
            }
        }
        any
    }

    fn close_all(&mut self, how: Closure) {
        for d in self.list.iter_mut().filter(|d| d.is_open()) {
            d.closure = Some(how);
        }
    }
}
