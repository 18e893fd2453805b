//! The monthly summary of п.20 (SPEC §8) as pure figures: timeliness and quality per unit,
//! and the dynamics of registrations, computed from case histories and the calendar.

mod builder;
mod dynamics;
mod facts;
mod figures;
#[cfg(test)]
pub(crate) mod fixture;
mod month;
#[cfg(test)]
mod month_tests;
#[cfg(test)]
mod tests;

pub use builder::{month_figures, MonthReport, PreviousRegistrations, ReportContext};
pub use figures::{
    AnswerTime, CaseRow, Dynamics, DynamicsRow, MonthFigures, ReportCase, Tally, UnitFigures,
};
pub use month::{first_working_day_send_moment, MonthParseError, YearMonth};
