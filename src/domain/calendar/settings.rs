use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;

/// Regions whose own holidays are added on top of the federal calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Chuvashia,
}

impl Region {
    /// The configuration's spelling of each region (lower-case, Latin).
    pub const ALL: &'static [(&'static str, Region)] = &[("chuvashia", Region::Chuvashia)];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(s.trim()))
            .map(|&(_, r)| r)
    }
}

/// The organization's working day: which weekdays, the hours, lunch, and how much shorter a
/// pre-holiday day is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub lunch: Option<(NaiveTime, NaiveTime)>,
    pub preholiday_shortening_minutes: u32,
}

impl Default for Schedule {
    fn default() -> Self {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("valid constant time");
        Self {
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: t(8),
            end: t(17),
            lunch: Some((t(12), t(13))),
            preholiday_shortening_minutes: 60,
        }
    }
}

/// Everything the calendar needs to know about an organization.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarSettings {
    pub timezone: Tz,
    pub region: Option<Region>,
    pub schedule: Schedule,
}

impl Default for CalendarSettings {
    fn default() -> Self {
        Self {
            timezone: chrono_tz::Europe::Moscow,
            region: None,
            schedule: Schedule::default(),
        }
    }
}
