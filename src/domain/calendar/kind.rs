//! What kind of day a date is for the organization.

use std::fmt;

/// Why a day is not worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffReason {
    /// A federal non-working holiday (Labour Code art. 112).
    Holiday,
    /// A holiday of the organization's region (e.g. 24 June in Chuvashia).
    RegionalHoliday,
    /// A weekday made a day off by a transfer (government decree or art. 112 rule).
    Transfer,
    /// An ordinary rest day of the weekly schedule.
    Weekend,
}

/// The organization's kind of day: working, shortened, a transferred working weekend day, or
/// a day off with its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A full working day of the schedule.
    Working,
    /// A pre-holiday working day, shorter by the schedule's pre-holiday shortening.
    Shortened,
    /// A rest day of the weekly schedule made working by a transfer (e.g. a working
    /// Saturday); it may itself be a pre-holiday day.
    WorkingWeekend { shortened: bool },
    /// A day off.
    NonWorking(OffReason),
}

impl DayKind {
    pub fn is_working(self) -> bool {
        !matches!(self, Self::NonWorking(_))
    }

    pub fn is_shortened(self) -> bool {
        matches!(
            self,
            Self::Shortened | Self::WorkingWeekend { shortened: true }
        )
    }

    /// Whether the day departs from the plain weekly pattern (what a production calendar
    /// lists): holidays, transfers, shortened days and working weekend days.
    pub fn is_notable(self) -> bool {
        !matches!(self, Self::Working | Self::NonWorking(OffReason::Weekend))
    }
}

impl fmt::Display for OffReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Holiday => "holiday",
            Self::RegionalHoliday => "regional holiday",
            Self::Transfer => "transferred day off",
            Self::Weekend => "weekend",
        })
    }
}

impl fmt::Display for DayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Working => f.write_str("working"),
            Self::Shortened => f.write_str("shortened"),
            Self::WorkingWeekend { shortened: false } => f.write_str("working weekend day"),
            Self::WorkingWeekend { shortened: true } => {
                f.write_str("working weekend day, shortened")
            }
            Self::NonWorking(reason) => write!(f, "day off ({reason})"),
        }
    }
}
