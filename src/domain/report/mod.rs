//! The monthly summary of п.20 (SPEC §8) as pure figures: timeliness and quality per unit,
//! and the dynamics of registrations, computed from case histories and the calendar.

mod builder;
mod dynamics;
mod events;
mod facts;
mod figures;
#[cfg(test)]
pub(crate) mod fixture;
mod month;
#[cfg(test)]
mod month_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trend_tests;

pub use builder::{month_figures, MonthReport, PreviousRegistrations, ReportContext};
pub use figures::{
    AnswerTime, CaseRow, Dynamics, DynamicsRow, MonthFigures, MonthTrend, ReportCase, Tally,
    Timeliness, UnitFigures, TREND_MONTHS,
};
pub use month::{first_working_day_send_moment, MonthParseError, YearMonth};
