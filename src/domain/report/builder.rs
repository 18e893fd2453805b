//! Folds cases one at a time into the month's figures, so a month of any size is read as a
//! stream: the memory kept is per unit and per topic, plus one list row per case if asked.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::dynamics::DynamicsCounter;
use super::facts::{
    analyse, in_order, CaseFacts, Classification, Registered, UnitEvent, Verdict, Window,
};
use super::{
    AnswerTime, CaseRow, Dynamics, MonthFigures, MonthTrend, ReportCase, Tally, Timeliness,
    UnitFigures, YearMonth, TREND_MONTHS,
};
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::{CaseState, Reviewer};
use crate::domain::deadline::DeadlinePolicy;
use crate::domain::ids::UnitId;

/// What the figures depend on besides the cases: the organization's calendar, terms and
/// unit names.
#[derive(Debug, Clone, Copy)]
pub struct ReportContext<'a> {
    pub calendar: &'a WorkCalendar,
    pub policy: &'a DeadlinePolicy,
    pub unit_names: &'a BTreeMap<UnitId, String>,
}

#[derive(Default)]
struct UnitAcc {
    tally: Tally,
    minutes: Vec<u32>,
}

/// Registrations of the previous month with one classification, counted by the store.
#[derive(Debug, Clone, Copy)]
pub struct PreviousRegistrations<'a> {
    pub topic: &'a str,
    pub location: &'a str,
    pub network: &'a str,
    pub importance: &'a str,
    pub count: u32,
}

/// Accepts any cases (the storage read may include ones outside the month; they are sorted
/// out here): those worked on in the month make the per-unit figures, those registered in
/// the month or the one before make the dynamics.
pub struct MonthReport<'a> {
    month: YearMonth,
    ctx: ReportContext<'a>,
    window: Window,
    units: HashMap<Option<UnitId>, UnitAcc>,
    dynamics: DynamicsCounter,
    previous_from_store: Option<DynamicsCounter>,
    trends: Vec<MonthTrend>,
    rows: Option<Vec<CaseRow>>,
    as_of: Option<DateTime<Utc>>,
}

impl<'a> MonthReport<'a> {
    pub fn new(month: YearMonth, ctx: ReportContext<'a>) -> Self {
        let tz = ctx.calendar.timezone();
        let window = Window {
            prev_start: month.previous().start(tz),
            start: month.start(tz),
            end: month.end(tz),
        };
        Self {
            month,
            ctx,
            window,
            units: HashMap::new(),
            dynamics: DynamicsCounter::default(),
            previous_from_store: None,
            trends: Vec::new(),
            rows: None,
            as_of: None,
        }
    }

    /// Counts a month that is not over as of `now` (п.20 mid-month): its cases are cut at
    /// `now`, so a case whose deadline is still ahead is pending, not overdue. A month
    /// already over is counted to its end as usual.
    pub fn as_of(mut self, now: DateTime<Utc>) -> Self {
        if now < self.window.end {
            self.window.end = now.max(self.window.start);
            self.as_of = Some(now);
        }
        self
    }

    /// Also keep one [`CaseRow`] per case worked on in the month (for the XLSX list).
    pub fn with_case_rows(mut self) -> Self {
        self.rows = Some(Vec::new());
        self
    }

    /// The month's first instant and the first instant after it, in UTC.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.window.start, self.window.end)
    }

    pub fn add(&mut self, case: &ReportCase) {
        let case = in_order(case);
        let Some(facts) = analyse(&case, &self.window, self.ctx.calendar, self.ctx.policy) else {
            return;
        };
        match facts.registered {
            Registered::ThisMonth => self.dynamics.count(&facts.class, true, 1),
            Registered::PreviousMonth => self.dynamics.count(&facts.class, false, 1),
            Registered::Earlier => {}
        }
        if !facts.in_month {
            return;
        }
        for &(unit, event) in &facts.events {
            count_event(&mut self.units.entry(unit).or_default().tally, event);
        }
        let acc = self.units.entry(facts.unit).or_default();
        count_case(acc, &facts);
        if let Some(rows) = &mut self.rows {
            rows.push(row(&case, &facts));
        }
    }

    /// Counts `count` registrations of the previous month with this classification, for a
    /// store that groups them in SQL (`GROUP BY topic, location, network, importance`)
    /// rather than reading the previous month's histories. Once called, the previous month
    /// comes from these counts alone, whatever cases [`Self::add`] saw.
    pub fn add_previous_registrations(&mut self, previous: &PreviousRegistrations<'_>) {
        let class = Classification {
            link: "",
            network: previous.network,
            topic: previous.topic,
            location: previous.location,
            importance: previous.importance,
            repeat: false,
        };
        let counted = self
            .previous_from_store
            .get_or_insert_with(DynamicsCounter::default);
        counted.count(&class, false, previous.count);
    }

    /// п.19 by hand: `count` deficiency notices about `unit` sent in the month (the store
    /// counts them), beside the automatic ones the cases' deadlines make.
    pub fn add_manual_notices(&mut self, unit: UnitId, count: u32) {
        self.units
            .entry(Some(unit))
            .or_default()
            .tally
            .manual_notices += count;
    }

    /// What is known of an earlier month of the 12-month dynamics (its registrations, its
    /// stored п.10 figures); months outside the dynamics are ignored.
    pub fn add_trend(&mut self, trend: MonthTrend) {
        let first = self.month.back(TREND_MONTHS - 1);
        if first <= trend.month && trend.month < self.month {
            self.trends.retain(|t| t.month != trend.month);
            self.trends.push(trend);
        }
    }

    /// The figures, and the case rows if [`Self::with_case_rows`] was asked for (in the
    /// order the cases came).
    pub fn finish(mut self) -> (MonthFigures, Vec<CaseRow>) {
        if let Some(previous) = self.previous_from_store.take() {
            self.dynamics.replace_previous(previous);
        }
        let mut all_minutes = Vec::new();
        let mut totals = Tally::default();
        let mut units: HashMap<Option<UnitId>, Tally> = HashMap::with_capacity(self.units.len());
        for (unit, mut acc) in self.units {
            acc.tally.answer_time = AnswerTime::from_minutes(&mut acc.minutes);
            all_minutes.extend_from_slice(&acc.minutes);
            totals.add(&acc.tally);
            units.insert(unit, acc.tally);
        }
        totals.answer_time = AnswerTime::from_minutes(&mut all_minutes);
        let mut dynamics = self.dynamics.finish();
        dynamics.months = trend(self.month, &self.trends, &dynamics, &totals);
        let figures = MonthFigures {
            month: self.month,
            timezone: self.ctx.calendar.timezone(),
            units: unit_lines(units, self.ctx.unit_names),
            totals,
            dynamics,
            as_of: self.as_of,
        };
        (figures, self.rows.unwrap_or_default())
    }
}

/// The month's figures from a stream of cases.
pub fn month_figures<I>(month: YearMonth, ctx: ReportContext<'_>, cases: I) -> MonthFigures
where
    I: IntoIterator<Item = ReportCase>,
{
    let mut report = MonthReport::new(month, ctx);
    for case in cases {
        report.add(&case);
    }
    report.finish().0
}

/// The 12 months up to `month`: the report's month from its own figures, the previous
/// one's registrations from the dynamics if the store gave none, the rest as given.
fn trend(month: YearMonth, given: &[MonthTrend], d: &Dynamics, totals: &Tally) -> Vec<MonthTrend> {
    (0..TREND_MONTHS)
        .rev()
        .map(|back| {
            let m = month.back(back);
            let known = given.iter().find(|t| t.month == m);
            match back {
                0 => MonthTrend {
                    month: m,
                    registered: Some(d.registered),
                    timeliness: Some(Timeliness::of(totals)),
                },
                _ => MonthTrend {
                    month: m,
                    registered: known
                        .and_then(|t| t.registered)
                        .or((back == 1).then_some(d.registered_previous)),
                    timeliness: known.and_then(|t| t.timeliness),
                },
            }
        })
        .collect()
}

fn count_event(t: &mut Tally, event: UnitEvent) {
    match event {
        UnitEvent::Return => t.returns += 1,
        UnitEvent::ReassignDelay => t.reassign_delays += 1,
        UnitEvent::SentBack(Reviewer::Deputy) => t.sent_back_by_deputy += 1,
        UnitEvent::SentBack(Reviewer::Curator) => t.sent_back_by_curator += 1,
        UnitEvent::Intermediate => t.intermediate += 1,
        UnitEvent::Answer {
            first_attempt,
            media,
        } => {
            t.answers += 1;
            t.first_attempt += u32::from(first_attempt);
            t.with_media += u32::from(media);
        }
        UnitEvent::Notice => t.notices += 1,
    }
}

fn count_case(acc: &mut UnitAcc, f: &CaseFacts<'_>) {
    let t = &mut acc.tally;
    t.cases += 1;
    match f.verdict {
        Verdict::OnTime => t.on_time += 1,
        Verdict::Late => t.late += 1,
        Verdict::Pending => t.pending += 1,
        Verdict::Overdue => t.overdue += 1,
        Verdict::Settled => {}
    }
    t.open += u32::from(!f.state.is_closed());
    t.final_overdue += u32::from(f.final_overdue);
    t.repeats += u32::from(f.class.repeat && f.registered == Registered::ThisMonth);
    // A case rejected before the month is not worked on in it, so this is this month's.
    t.rejected += u32::from(f.state == CaseState::Rejected);
    acc.minutes.extend(f.answer_minutes);
}

fn row(case: &ReportCase, f: &CaseFacts<'_>) -> CaseRow {
    CaseRow {
        id: case.id,
        number: case.number,
        link: f.class.link.to_owned(),
        network: f.class.network.to_owned(),
        topic: f.class.topic.to_owned(),
        location: f.class.location.to_owned(),
        importance: f.class.importance.to_owned(),
        repeat: f.class.repeat,
        unit: f.unit,
        state: f.state,
        registered_at: f.registered_at,
        answer_due: f.answer_due,
        answered_at: f.answered_at,
        on_time: match f.verdict {
            Verdict::Pending => None,
            Verdict::Overdue => Some(false),
            _ => f.answered_at.map(|at| at <= f.answer_due),
        },
        lateness_minutes: f.lateness_minutes,
    }
}

/// Directory units first (even without cases, so a quiet unit shows as zero), then unknown
/// units, then «no unit»; each group by name or id.
fn unit_lines(
    mut tallies: HashMap<Option<UnitId>, Tally>,
    names: &BTreeMap<UnitId, String>,
) -> Vec<UnitFigures> {
    let mut lines: Vec<UnitFigures> = names
        .iter()
        .map(|(id, name)| UnitFigures {
            unit: Some(*id),
            name: Some(name.clone()),
            tally: tallies.remove(&Some(*id)).unwrap_or_default(),
        })
        .collect();
    lines.sort_by(|a, b| a.name.cmp(&b.name).then(a.unit.cmp(&b.unit)));
    let mut rest: Vec<UnitFigures> = tallies
        .into_iter()
        .map(|(unit, tally)| UnitFigures {
            unit,
            name: None,
            tally,
        })
        .collect();
    // `None` sorts before `Some`; «no unit» goes last.
    rest.sort_by_key(|u| (u.unit.is_none(), u.unit));
    lines.extend(rest);
    lines
}
