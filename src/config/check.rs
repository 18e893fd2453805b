//! The validation toolkit: a collector of issues and parsers of the file's value syntaxes.
//! Each check records its issue and goes on, so one run reports every mistake it can.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{NaiveTime, Weekday};
use toml::Spanned;

use super::error::{Issue, Lines, Position};
use super::raw::Text;
use crate::domain::WorkDuration;

pub(super) struct Checker<'a> {
    lines: Lines<'a>,
    pub issues: Vec<Issue>,
}

impl<'a> Checker<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            lines: Lines::new(text),
            issues: Vec::new(),
        }
    }

    pub fn fail(
        &mut self,
        span: Option<Range<usize>>,
        path: impl Into<String>,
        msg: impl Into<String>,
    ) {
        let issue = Issue::new(&self.lines, span, path.into(), msg.into());
        self.issues.push(issue);
    }

    pub fn fail_at<T>(&mut self, at: &Spanned<T>, path: impl Into<String>, msg: impl Into<String>) {
        self.fail(Some(at.span()), path, msg);
    }

    pub fn position<T>(&self, at: &Spanned<T>) -> Position {
        self.lines.position(at.span().start)
    }

    /// Parses a value, recording the parser's message under `path` when it fails.
    pub fn parse<T>(
        &mut self,
        v: &Text,
        path: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match f(v.get_ref()) {
            Ok(x) => Some(x),
            Err(msg) => {
                self.fail_at(v, path, msg);
                None
            }
        }
    }

    /// A non-empty trimmed name, not seen before in `seen` (compared case-insensitively, since
    /// «Отдел ЖКХ» and «отдел ЖКХ» would be the same thing to a reader).
    pub fn unique_name(
        &mut self,
        v: &Text,
        path: &str,
        seen: &mut HashMap<String, Position>,
    ) -> Option<String> {
        let name = v.get_ref().trim();
        if name.is_empty() {
            self.fail_at(v, path, "expected a non-empty name");
            return None;
        }
        let here = self.position(v);
        if let Some(first) = seen.get(&name.to_lowercase()) {
            let msg = format!("\"{name}\" is listed twice (first on line {})", first.line);
            self.fail_at(v, path, msg);
            return None;
        }
        seen.insert(name.to_lowercase(), here);
        Some(name.to_owned())
    }
}

pub(super) fn time(s: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| format!("expected a time of day like \"09:00\", got \"{s}\""))
}

/// `HH:MM-HH:MM`, ending after it starts (no ranges across midnight: offices close before it).
pub(super) fn time_range(s: &str) -> Result<(NaiveTime, NaiveTime), String> {
    let bad = || format!("expected a time range like \"08:00-17:00\", got \"{s}\"");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let start = time(a).map_err(|_| bad())?;
    let end = time(b).map_err(|_| bad())?;
    if end <= start {
        return Err(format!(
            "the range \"{s}\" ends at {} but starts at {}: the end must come after the start",
            end.format("%H:%M"),
            start.format("%H:%M")
        ));
    }
    Ok((start, end))
}

pub(super) fn weekday(s: &str) -> Result<Weekday, String> {
    s.trim().parse::<Weekday>().map_err(|_| {
        format!("expected a weekday: \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or \"sun\", got \"{s}\"")
    })
}

pub(super) fn duration(s: &str) -> Result<WorkDuration, String> {
    WorkDuration::parse(s).map_err(|e| e.to_string())
}

/// A short, readable list of names for "expected one of" messages.
pub(super) fn list_names<'s>(names: impl IntoIterator<Item = &'s str>) -> String {
    const SHOWN: usize = 12;
    let all: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
    if all.is_empty() {
        return "none are defined".to_owned();
    }
    let mut out = all
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > SHOWN {
        out.push_str(&format!(" and {} more", all.len() - SHOWN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_checked_for_range() {
        assert_eq!(time("09:00"), Ok(NaiveTime::from_hms_opt(9, 0, 0).unwrap()));
        for bad in ["25:00", "12:60", "9", "09:00:00", "", "noon"] {
            let err = time(bad).unwrap_err();
            assert!(err.contains(&format!("got \"{bad}\"")), "{err}");
        }
    }

    #[test]
    fn a_range_must_end_after_it_starts() {
        assert!(time_range("08:00-17:00").is_ok());
        assert!(time_range("17:00-08:00")
            .unwrap_err()
            .contains("ends at 08:00"));
        assert!(time_range("08:00-08:00").is_err());
        assert!(time_range("08:00").unwrap_err().contains("08:00-17:00"));
    }

    #[test]
    fn long_lists_are_cut() {
        let names: Vec<String> = (0..15).map(|i| i.to_string()).collect();
        let s = list_names(names.iter().map(String::as_str));
        assert!(s.ends_with("and 3 more"), "{s}");
        assert_eq!(list_names([]), "none are defined");
    }
}
