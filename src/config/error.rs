//! Errors of the configuration file: where (file, line, column, key path) and what was expected.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// A 1-based line and column (columns count characters, not bytes: the file is mostly Cyrillic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of a byte offset in `text`; an offset past the end or inside a character
    /// is moved back rather than trusted.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Self { line, column }
    }
}

/// Where each line of a text starts, so a byte offset becomes a line and column in
/// O(log lines + line length) instead of counting from the start of the file each time
/// (which made loading quadratic in the file's size).
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    /// The same answer as [`Position::of_offset`].
    pub fn position(&self, offset: usize) -> Position {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= end);
        let start = self.starts[line - 1];
        let column = self.text[start..end].chars().count() + 1;
        Position { line, column }
    }
}

/// One thing wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Absent when the problem has no place in the text (e.g. a key that was never written).
    pub position: Option<Position>,
    /// The key path as the file spells it, e.g. `people[2].roles[0]`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl Issue {
    pub(super) fn new(
        lines: &Lines,
        span: Option<Range<usize>>,
        path: String,
        message: String,
    ) -> Self {
        Self {
            position: span.map(|s| lines.position(s.start)),
            path,
            message,
        }
    }
}

/// Why a configuration file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Every issue found, in the order of the file; the display shows one per line.
    #[error("{}", render(origin, issues))]
    Invalid { origin: String, issues: Vec<Issue> },
}

impl ConfigError {
    /// The issues of an invalid file (empty for a file that could not be read).
    pub fn issues(&self) -> &[Issue] {
        match self {
            Self::Read { .. } => &[],
            Self::Invalid { issues, .. } => issues,
        }
    }
}

fn render(origin: &str, issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| IssueLine { origin, issue: i }.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `origin:line:column: path: message`, the shape editors and terminals recognise.
struct IssueLine<'a> {
    origin: &'a str,
    issue: &'a Issue,
}

impl fmt::Display for IssueLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(p) = self.issue.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if !self.issue.path.is_empty() {
            write!(f, ": {}", self.issue.path)?;
        }
        write!(f, ": {}", self.issue.message)
    }
}

/// Turns a serde/TOML failure into an issue with the key path serde was at.
pub(super) fn from_toml(text: &str, err: serde_path_to_error::Error<toml::de::Error>) -> Issue {
    let path = render_path(err.path());
    let inner = err.into_inner();
    let message = humanize(inner.message());
    Issue::new(&Lines::new(text), inner.span(), path, message)
}

/// Renders serde's path in TOML spelling, hiding the private keys `toml::Spanned` goes through.
fn render_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } if key.starts_with("$__serde_spanned_private") => {}
            Segment::Map { key } => push_key(&mut out, key),
            Segment::Enum { variant } => push_key(&mut out, variant),
            Segment::Unknown => push_key(&mut out, "?"),
        }
    }
    out
}

/// Appends one key to a path, quoted when TOML would need quotes (`importance."Высокая"`).
pub(super) fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        out.push_str(key);
    } else {
        out.push('"');
        out.push_str(&key.replace('\\', "\\\\").replace('"', "\\\""));
        out.push('"');
    }
}

/// One line, and the file's vocabulary ("key", not serde's "field").
fn humanize(message: &str) -> String {
    let one_line = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    if let Some(rest) = one_line.strip_prefix("unknown field ") {
        let rest = rest
            .replacen(", expected one of ", "; known keys: ", 1)
            .replacen(", expected ", "; the only known key: ", 1)
            .replacen(", there are no fields", "; this table takes no keys", 1);
        return format!("unknown key {rest}");
    }
    if let Some(rest) = one_line.strip_prefix("missing field ") {
        return format!("missing key {rest}");
    }
    one_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nимя = \"x\"\n";
        let offset = text.find('"').unwrap();
        assert_eq!(
            Position::of_offset(text, offset),
            Position { line: 2, column: 7 }
        );
    }

    #[test]
    fn positions_survive_offsets_out_of_range_or_inside_a_character() {
        let text = "я\nб";
        assert_eq!(
            Position::of_offset(text, 1),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 99),
            Position { line: 2, column: 2 }
        );
    }

    #[test]
    fn the_line_index_agrees_with_counting_from_the_start() {
        let text = "a = 1\nимя = \"x\"\n\n[[people]]\nname = \"Я\"";
        let lines = Lines::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(
                lines.position(offset),
                Position::of_offset(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn keys_are_quoted_only_when_toml_needs_it() {
        let mut p = String::new();
        push_key(&mut p, "deadlines");
        push_key(&mut p, "Высокая");
        push_key(&mut p, "answer");
        assert_eq!(p, "deadlines.\"Высокая\".answer");
    }
}
