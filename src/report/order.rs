//! The order units are read in, shared by the message and the chart so both name the same
//! units first: those needing attention, worst first, then the rest, largest first.

use std::cmp::Ordering;

use crate::domain::report::{MonthFigures, Tally, UnitFigures};

/// Worst first: lowest on-time share, then most overdue, then most late.
fn worst_first(a: &UnitFigures, b: &UnitFigures) -> Ordering {
    let key = |u: &UnitFigures| u.tally.on_time_share().unwrap_or(1.0);
    key(a)
        .total_cmp(&key(b))
        .then(b.tally.overdue.cmp(&a.tally.overdue))
        .then(b.tally.late.cmp(&a.tally.late))
        .then(a.name.cmp(&b.name))
}

/// The units that need attention, worst first.
pub fn attention(f: &MonthFigures) -> Vec<&UnitFigures> {
    let mut ranked: Vec<&UnitFigures> = f
        .units
        .iter()
        .filter(|u| u.tally.needs_attention())
        .collect();
    ranked.sort_by(|a, b| worst_first(a, b));
    ranked
}

/// Whether a unit has anything to show for the month.
fn active(t: &Tally) -> bool {
    t.cases + t.returns + t.reassign_delays + t.answers + t.notices + t.manual_notices > 0
        || t.sent_back_by_deputy + t.sent_back_by_curator > 0
}

/// Every unit with something to show: [`attention`] first, then the rest by cases, most
/// first, then by name.
pub fn ranked(f: &MonthFigures) -> Vec<&UnitFigures> {
    let mut out = attention(f);
    let mut rest: Vec<&UnitFigures> = f
        .units
        .iter()
        .filter(|u| !u.tally.needs_attention() && active(&u.tally))
        .collect();
    rest.sort_by(|a, b| {
        b.tally
            .cases
            .cmp(&a.tally.cases)
            .then(a.name.cmp(&b.name))
            .then(a.unit.cmp(&b.unit))
    });
    out.extend(rest);
    out
}
