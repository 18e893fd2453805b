//! What the monthly summary says (п.20): timeliness and quality per unit, and dynamics.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::YearMonth;
use crate::domain::case::{CaseEvent, CaseState};
use crate::domain::ids::{CaseId, UnitId};

/// One case as the report reads it: its history (oldest first), starting with the
/// registration that carries link, network, topic, location, importance and `repeat_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCase {
    pub id: CaseId,
    pub number: i64,
    pub history: Vec<CaseEvent>,
}

/// The figures of one unit, or of the whole organization.
///
/// Case figures count each case once, for the unit responsible for it at the month's end
/// (the one that answered, or that holds it): `cases` are those registered before the
/// month's end and not closed before its start. Event figures count what happened during
/// the month, for the unit concerned at that moment: a return and a slow reassignment after
/// it go to the unit that returned the case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub cases: u32,
    /// п.10: the first publication (final, intermediate or clarification) in the month came
    /// at or before the answer was due.
    pub on_time: u32,
    /// п.10: the first publication in the month came after the answer was due.
    pub late: u32,
    /// Not closed (answered finally or rejected) at the month's end.
    pub open: u32,
    /// Open at the month's end with nothing published and the п.10 due passed.
    pub overdue: u32,
    /// Open at the month's end with nothing published, the п.10 due still ahead.
    pub pending: u32,
    /// Open at the month's end after an intermediate answer, the п.13 term passed.
    pub final_overdue: u32,
    /// Working minutes from registration to the first publication, for answers in the month.
    pub answer_time: AnswerTime,
    /// п.9 returns made in the month.
    pub returns: u32,
    /// п.9 returns whose reassignment took longer than the term (counted when it expired).
    pub reassign_delays: u32,
    pub sent_back_by_deputy: u32,
    pub sent_back_by_curator: u32,
    /// п.13 intermediate answers published in the month (clarification requests excluded).
    pub intermediate: u32,
    /// п.15 repeats registered in the month.
    pub repeats: u32,
    /// п.17 rejections in the month.
    pub rejected: u32,
    /// Answers (final, intermediate or clarification) published in the month.
    pub answers: u32,
    /// Of those, approved at the first attempt: no draft sent back since the publication
    /// before it.
    pub first_attempt: u32,
    /// п.16: of those, published with a photo or video.
    pub with_media: u32,
    /// п.19: deficiency notices — escalating deadlines whose term ran out in the month.
    pub notices: u32,
    /// п.19 by hand: deficiency notices the curator or a coordinator sent in the month.
    pub manual_notices: u32,
}

impl Tally {
    /// The share answered on time, the figure regions are rated on:
    /// `on_time / (on_time + late + overdue)` — answers given in the month, plus cases still
    /// unanswered past their due, which count as failures until answered. `None` if there is
    /// nothing to rate.
    pub fn on_time_share(&self) -> Option<f64> {
        Timeliness::of(self).share()
    }

    /// The share of answers approved at the first attempt; `None` without answers.
    pub fn first_attempt_share(&self) -> Option<f64> {
        (self.answers > 0).then(|| f64::from(self.first_attempt) / f64::from(self.answers))
    }

    /// Adds another tally's counts; `answer_time` is left alone (percentiles do not add).
    pub fn add(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.on_time += o.on_time;
        self.late += o.late;
        self.open += o.open;
        self.overdue += o.overdue;
        self.pending += o.pending;
        self.final_overdue += o.final_overdue;
        self.returns += o.returns;
        self.reassign_delays += o.reassign_delays;
        self.sent_back_by_deputy += o.sent_back_by_deputy;
        self.sent_back_by_curator += o.sent_back_by_curator;
        self.intermediate += o.intermediate;
        self.repeats += o.repeats;
        self.rejected += o.rejected;
        self.answers += o.answers;
        self.first_attempt += o.first_attempt;
        self.with_media += o.with_media;
        self.notices += o.notices;
        self.manual_notices += o.manual_notices;
    }

    /// Whether anything went wrong: late, overdue, or slow after an intermediate answer.
    pub fn needs_attention(&self) -> bool {
        self.late + self.overdue + self.final_overdue + self.reassign_delays > 0
    }
}

/// The п.10 figures a month's on-time share is made of: what the 12-month dynamics keeps
/// of each month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timeliness {
    pub on_time: u32,
    pub late: u32,
    pub overdue: u32,
}

impl Timeliness {
    pub fn of(t: &Tally) -> Self {
        Self {
            on_time: t.on_time,
            late: t.late,
            overdue: t.overdue,
        }
    }

    /// `on_time / (on_time + late + overdue)`, see [`Tally::on_time_share`].
    pub fn share(&self) -> Option<f64> {
        let rated = self.on_time + self.late + self.overdue;
        (rated > 0).then(|| f64::from(self.on_time) / f64::from(rated))
    }
}

/// One month of the 12-month dynamics; `None` where nothing is known (no count was given,
/// or the month's figures were never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthTrend {
    pub month: YearMonth,
    pub registered: Option<u32>,
    pub timeliness: Option<Timeliness>,
}

/// Working time to answer, nearest-rank percentiles (the value at rank ⌈p·n⌉ of the sorted
/// list), so each is a time some case really took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnswerTime {
    pub count: u32,
    pub median_minutes: Option<u32>,
    pub p90_minutes: Option<u32>,
}

impl AnswerTime {
    /// Sorts `minutes` in place and takes the percentiles.
    pub fn from_minutes(minutes: &mut [u32]) -> Self {
        minutes.sort_unstable();
        Self {
            count: u32::try_from(minutes.len()).unwrap_or(u32::MAX),
            median_minutes: nearest_rank(minutes, 50),
            p90_minutes: nearest_rank(minutes, 90),
        }
    }
}

fn nearest_rank(sorted: &[u32], percent: usize) -> Option<u32> {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// A unit's line; `unit: None` collects cases nobody held (rejected at intake, returned and
/// not yet reassigned).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFigures {
    pub unit: Option<UnitId>,
    /// The directory's name; `None` for no unit or a unit missing from the directory.
    pub name: Option<String>,
    pub tally: Tally,
}

/// Registrations of one topic (location, network, importance) this month and the previous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicsRow {
    pub key: String,
    pub current: u32,
    pub previous: u32,
}

/// Cases registered in the month against the previous month, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dynamics {
    pub registered: u32,
    pub registered_previous: u32,
    pub topic: Vec<DynamicsRow>,
    pub location: Vec<DynamicsRow>,
    /// Keys are network codes (`vk`, `ok`, …).
    pub network: Vec<DynamicsRow>,
    pub importance: Vec<DynamicsRow>,
    /// The last [`TREND_MONTHS`] months, oldest first, the report's month last.
    pub months: Vec<MonthTrend>,
}

/// How many months the dynamics follows.
pub const TREND_MONTHS: u32 = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct MonthFigures {
    pub month: YearMonth,
    pub timezone: Tz,
    /// Every unit of the directory, then any other unit with cases, then «no unit»; by name.
    pub units: Vec<UnitFigures>,
    pub totals: Tally,
    pub dynamics: Dynamics,
    /// Set while the month is not over: the figures count as of this moment, not its end.
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
}

impl MonthFigures {
    /// Nothing to report: no case was worked on during the month.
    pub fn is_empty(&self) -> bool {
        self.totals.cases == 0
    }

    pub fn unit(&self, unit: Option<UnitId>) -> Option<&UnitFigures> {
        self.units.iter().find(|u| u.unit == unit)
    }
}

/// One line of the case list, as of the month's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: CaseId,
    pub number: i64,
    pub link: String,
    pub network: String,
    pub topic: String,
    pub location: String,
    pub importance: String,
    pub repeat: bool,
    pub unit: Option<UnitId>,
    pub state: CaseState,
    pub registered_at: DateTime<Utc>,
    /// п.10.
    pub answer_due: DateTime<Utc>,
    /// The first publication.
    pub answered_at: Option<DateTime<Utc>>,
    /// п.10 met; `None` while open within the term, or rejected without an answer.
    pub on_time: Option<bool>,
    /// Working minutes past the п.10 due (as of the month's end if still unanswered).
    pub lateness_minutes: u32,
}
