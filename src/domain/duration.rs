//! Durations of working time as the regulation and the configuration write them.

use std::fmt;
use std::str::FromStr;

/// A span of *working* time: minutes (hours are minutes × 60) or whole working days.
///
/// Days are a separate unit because the civil-law convention for them (count from the next
/// day, end at the close of the last working day) is not "days × hours per day".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkDuration {
    Minutes(u32),
    Days(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a working duration like \"30m\", \"8h\", \"1h30m\" or \"7d\", got \"{0}\"")]
pub struct DurationParseError(pub String);

impl WorkDuration {
    pub const fn minutes(m: u32) -> Self {
        Self::Minutes(m)
    }

    pub const fn hours(h: u32) -> Self {
        Self::Minutes(h * 60)
    }

    pub const fn days(d: u32) -> Self {
        Self::Days(d)
    }

    /// Parses `30m`, `8h`, `1h30m`, `7d` (no spaces, no mixing days with hours).
    pub fn parse(s: &str) -> Result<Self, DurationParseError> {
        let err = || DurationParseError(s.to_owned());
        let t = s.trim();
        if let Some(d) = t.strip_suffix('d') {
            return d.parse().map(Self::Days).map_err(|_| err());
        }
        let mut total: u32 = 0;
        let mut digits = String::new();
        let mut seen_unit = false;
        for c in t.chars() {
            match c {
                '0'..='9' => digits.push(c),
                'h' | 'm' => {
                    let n: u32 = digits.parse().map_err(|_| err())?;
                    let mult = if c == 'h' { 60 } else { 1 };
                    total = n
                        .checked_mul(mult)
                        .and_then(|v| total.checked_add(v))
                        .ok_or_else(err)?;
                    digits.clear();
                    seen_unit = true;
                }
                _ => return Err(err()),
            }
        }
        if !digits.is_empty() || !seen_unit {
            return Err(err());
        }
        Ok(Self::Minutes(total))
    }
}

impl FromStr for WorkDuration {
    type Err = DurationParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for WorkDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Days(d) => write!(f, "{d}d"),
            Self::Minutes(m) if m % 60 == 0 && m > 0 => write!(f, "{}h", m / 60),
            Self::Minutes(m) if m > 60 => write!(f, "{}h{}m", m / 60, m % 60),
            Self::Minutes(m) => write!(f, "{m}m"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_of_the_config_file() {
        assert_eq!(WorkDuration::parse("30m"), Ok(WorkDuration::Minutes(30)));
        assert_eq!(WorkDuration::parse("8h"), Ok(WorkDuration::Minutes(480)));
        assert_eq!(WorkDuration::parse("1h30m"), Ok(WorkDuration::Minutes(90)));
        assert_eq!(WorkDuration::parse("7d"), Ok(WorkDuration::Days(7)));
    }

    #[test]
    fn refuses_garbage() {
        for bad in ["", "h", "8", "8x", "-1h", "1d2h", "99999999999h"] {
            assert!(WorkDuration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["30m", "8h", "1h30m", "7d"] {
            assert_eq!(WorkDuration::parse(s).unwrap().to_string(), s);
        }
    }
}
