//! The working periods inside one day, in seconds since local midnight.

use chrono::{NaiveTime, Timelike};

use super::settings::Schedule;

/// A half-open span `[start, end)` of seconds since local midnight.
pub(super) type Span = (u32, u32);

/// The periods of a full and of a shortened working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DaySchedule {
    full: Vec<Span>,
    shortened: Vec<Span>,
}

impl DaySchedule {
    pub(super) fn new(schedule: &Schedule) -> Self {
        let full = full_day(schedule);
        let shortened = trim_end(&full, schedule.preholiday_shortening_minutes);
        Self { full, shortened }
    }

    pub(super) fn periods(&self, shortened: bool) -> &[Span] {
        if shortened {
            &self.shortened
        } else {
            &self.full
        }
    }
}

fn secs(t: NaiveTime) -> u32 {
    t.num_seconds_from_midnight()
}

/// The day from start to end with lunch cut out; a lunch outside the day, or an end not
/// after the start, is tolerated rather than rejected (the config layer validates).
fn full_day(schedule: &Schedule) -> Vec<Span> {
    let (start, end) = (secs(schedule.start), secs(schedule.end));
    let spans = match schedule.lunch {
        Some((from, to)) if secs(from) < secs(to) => {
            vec![(start, secs(from).min(end)), (secs(to).max(start), end)]
        }
        _ => vec![(start, end)],
    };
    spans.into_iter().filter(|&(a, b)| a < b).collect()
}

/// Takes `minutes` of working time off the end of the day (Labour Code art. 95: the
/// pre-holiday day is shorter; the hour comes off the end).
fn trim_end(spans: &[Span], minutes: u32) -> Vec<Span> {
    let mut left = minutes.saturating_mul(60);
    let mut out = spans.to_vec();
    while left > 0 {
        let Some(last) = out.last_mut() else { break };
        let len = last.1 - last.0;
        if len > left {
            last.1 -= left;
            left = 0;
        } else {
            left -= len;
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid test time")
    }

    fn h(hours: u32, minutes: u32) -> u32 {
        hours * 3600 + minutes * 60
    }

    #[test]
    fn default_day_has_lunch_and_short_day_ends_an_hour_early() {
        let day = DaySchedule::new(&Schedule::default());
        assert_eq!(
            day.periods(false),
            &[(h(8, 0), h(12, 0)), (h(13, 0), h(17, 0))]
        );
        assert_eq!(
            day.periods(true),
            &[(h(8, 0), h(12, 0)), (h(13, 0), h(16, 0))]
        );
    }

    #[test]
    fn shortening_longer_than_the_afternoon_eats_into_the_morning() {
        let schedule = Schedule {
            end: t(13, 30),
            ..Schedule::default()
        };
        let day = DaySchedule::new(&schedule);
        assert_eq!(day.periods(true), &[(h(8, 0), h(11, 30))]);
    }

    #[test]
    fn no_lunch_and_odd_schedules_do_not_break() {
        let no_lunch = Schedule {
            lunch: None,
            preholiday_shortening_minutes: 0,
            ..Schedule::default()
        };
        let day = DaySchedule::new(&no_lunch);
        assert_eq!(day.periods(false), &[(h(8, 0), h(17, 0))]);
        assert_eq!(day.periods(true), day.periods(false));

        let inverted = Schedule {
            start: t(17, 0),
            end: t(8, 0),
            ..Schedule::default()
        };
        assert!(DaySchedule::new(&inverted).periods(false).is_empty());

        let huge_shortening = Schedule {
            preholiday_shortening_minutes: u32::MAX,
            ..Schedule::default()
        };
        assert!(DaySchedule::new(&huge_shortening).periods(true).is_empty());
    }
}
