//! Validation of the sections about the organization itself: who, when it works, its terms,
//! the report hour and the directory lists.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::check::{self, Checker};
use super::raw::{RawDirectory, RawOrganization, RawReport, RawSchedule, Text};
use super::{Directory, Organization, ReportConfig};
use crate::domain::calendar::{Region, Schedule};
use crate::domain::WorkDuration;

pub(super) fn organization(c: &mut Checker, raw: Option<RawOrganization>) -> Organization {
    let mut org = Organization::default();
    let Some(raw) = raw else { return org };
    if let Some(v) = &raw.name {
        match v.get_ref().trim() {
            "" => c.fail_at(v, "organization.name", "expected a non-empty name"),
            name => org.name = name.to_owned(),
        }
    }
    if let Some(v) = &raw.timezone {
        if let Some(tz) = c.parse(v, "organization.timezone", timezone) {
            org.timezone = tz;
        }
    }
    if let Some(v) = &raw.region {
        org.region = c.parse(v, "organization.region", region);
    }
    org
}

fn timezone(s: &str) -> Result<Tz, String> {
    s.trim().parse::<Tz>().map_err(|_| {
        format!("unknown time zone \"{s}\": expected an IANA name like \"Europe/Moscow\" or \"Asia/Yekaterinburg\"")
    })
}

fn region(s: &str) -> Result<Region, String> {
    Region::parse(s).ok_or_else(|| {
        let known = check::list_names(Region::ALL.iter().map(|(n, _)| *n));
        format!("unknown region \"{s}\": expected one of {known}, or omit the key for federal holidays only")
    })
}

pub(super) fn schedule(c: &mut Checker, raw: Option<RawSchedule>) -> Schedule {
    let mut s = Schedule::default();
    let Some(raw) = raw else { return s };
    if let Some(days) = &raw.days {
        s.days = weekdays(c, days);
    }
    let hours = raw.hours.as_ref();
    if let Some(r) = hours.and_then(|v| c.parse(v, "schedule.hours", check::time_range)) {
        (s.start, s.end) = r;
    }
    if let Some(v) = &raw.lunch {
        s.lunch = lunch(c, v, &s);
    } else if hours.is_some() && !lunch_fits(s.lunch, s.start, s.end) {
        // The default lunch only applies to hours that contain it; otherwise there is none.
        s.lunch = None;
    }
    if let Some(v) = &raw.preholiday_shortening {
        if let Some(m) = c.parse(v, "schedule.preholiday_shortening", check::duration) {
            s.preholiday_shortening_minutes = shortening(c, v, m, &s).unwrap_or(0);
        }
    }
    s
}

fn weekdays(c: &mut Checker, days: &toml::Spanned<Vec<Text>>) -> Vec<chrono::Weekday> {
    let mut out = Vec::new();
    for (i, v) in days.get_ref().iter().enumerate() {
        let path = format!("schedule.days[{i}]");
        let Some(d) = c.parse(v, &path, check::weekday) else {
            continue;
        };
        if out.contains(&d) {
            c.fail_at(v, path, format!("\"{}\" is listed twice", v.get_ref()));
        } else {
            out.push(d);
        }
    }
    if days.get_ref().is_empty() {
        c.fail_at(days, "schedule.days", "expected at least one working day");
    }
    out
}

fn lunch(
    c: &mut Checker,
    v: &Text,
    s: &Schedule,
) -> Option<(chrono::NaiveTime, chrono::NaiveTime)> {
    if v.get_ref().trim().eq_ignore_ascii_case("none") {
        return None;
    }
    let parse = |t: &str| {
        check::time_range(t)
            .map_err(|e| format!("{e}; write \"none\" for a day without a lunch break"))
    };
    let range = c.parse(v, "schedule.lunch", parse)?;
    if !lunch_fits(Some(range), s.start, s.end) {
        let msg = format!(
            "lunch \"{}\" must lie inside the working hours {}-{}",
            v.get_ref(),
            s.start.format("%H:%M"),
            s.end.format("%H:%M")
        );
        c.fail_at(v, "schedule.lunch", msg);
    }
    Some(range)
}

fn lunch_fits(
    lunch: Option<(chrono::NaiveTime, chrono::NaiveTime)>,
    start: chrono::NaiveTime,
    end: chrono::NaiveTime,
) -> bool {
    lunch.is_none_or(|(a, b)| start < a && b < end)
}

/// The pre-holiday shortening in minutes, if it leaves some of the day to work.
fn shortening(c: &mut Checker, v: &Text, d: WorkDuration, s: &Schedule) -> Option<u32> {
    let path = "schedule.preholiday_shortening";
    let WorkDuration::Minutes(m) = d else {
        c.fail_at(
            v,
            path,
            format!(
                "expected hours or minutes like \"1h\", got \"{}\"",
                v.get_ref()
            ),
        );
        return None;
    };
    let lunch = s.lunch.map_or(0, |(a, b)| (b - a).num_minutes());
    let day = (s.end - s.start).num_minutes() - lunch;
    if i64::from(m) >= day {
        let msg = format!("a shortening of {d} leaves nothing of a {day}-minute working day");
        c.fail_at(v, path, msg);
        return None;
    }
    Some(m)
}

pub(super) fn report(c: &mut Checker, raw: Option<RawReport>) -> ReportConfig {
    let mut r = ReportConfig::default();
    if let Some(v) = raw.as_ref().and_then(|r| r.send_at.as_ref()) {
        if let Some(t) = c.parse(v, "report.send_at", check::time) {
            r.send_at = t;
        }
    }
    r
}

pub(super) fn directory(c: &mut Checker, raw: Option<RawDirectory>) -> Directory {
    let Some(raw) = raw else {
        return Directory::default();
    };
    Directory {
        topics: names(c, raw.topics, "directory.topics"),
        locations: names(c, raw.locations, "directory.locations"),
        importance: names(c, raw.importance, "directory.importance"),
    }
}

fn names(c: &mut Checker, list: Option<Vec<Text>>, path: &str) -> Vec<String> {
    let mut seen = HashMap::new();
    list.unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, v)| c.unique_name(v, &format!("{path}[{i}]"), &mut seen))
        .collect()
}
