//! The п.17 lexicon: parsing of the data file and matching of its entries.
//!
//! File format, one entry per line, `#` starts a comment:
//! - `[threat]`, `[obscene]`, `[insult]` start a category, `[exceptions]`
//!   lists words that are never flagged (ordinary words caught by a stem);
//! - `stem` matches words starting with it, `=word` the whole word only,
//!   `~root` a root anywhere inside a word (prefixed forms: `нахуй`);
//! - several patterns separated by spaces form a phrase matched on
//!   consecutive words (`=ты =труп`).

use thiserror::Error;

use super::screening::Category;
use super::words::{normalize, Sym, Word};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LexiconError {
    #[error("line {line}: unknown section `{name}`")]
    UnknownSection { line: usize, name: String },
    #[error("line {line}: entry before any section")]
    NoSection { line: usize },
    #[error("line {line}: bad pattern `{pattern}`")]
    BadPattern { line: usize, pattern: String },
    #[error("line {line}: an exception must be a single word")]
    PhraseException { line: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prefix,
    Exact,
    Infix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    kind: Kind,
    chars: Vec<char>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    category: Category,
    words: Vec<Pattern>,
}

/// Parsed lexicon: entries in file order, and exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Lexicon {
    entries: Vec<Entry>,
    exceptions: Vec<Pattern>,
}

#[derive(Clone, Copy)]
enum Section {
    Category(Category),
    Exceptions,
}

impl Lexicon {
    pub fn parse(source: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        let mut section = None;
        for (index, raw) in source.lines().enumerate() {
            let line_no = index + 1;
            let line = raw.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = Some(parse_section(name.trim(), line_no)?);
                continue;
            }
            let words = line
                .split_whitespace()
                .map(|p| parse_pattern(p, line_no))
                .collect::<Result<Vec<_>, _>>()?;
            match section {
                None => return Err(LexiconError::NoSection { line: line_no }),
                Some(Section::Category(category)) => {
                    lexicon.entries.push(Entry { category, words })
                }
                Some(Section::Exceptions) => match <[Pattern; 1]>::try_from(words) {
                    Ok([pattern]) => lexicon.exceptions.push(pattern),
                    Err(_) => return Err(LexiconError::PhraseException { line: line_no }),
                },
            }
        }
        Ok(lexicon)
    }

    pub fn count(&self, category: Category) -> usize {
        self.entries
            .iter()
            .filter(|e| e.category == category)
            .count()
    }

    /// Whether a word is an ordinary one that merely contains a stem.
    pub fn is_exception(&self, word: &Word) -> bool {
        let strict = |form: &Vec<Sym>| !form.contains(&Sym::Any);
        word.forms
            .iter()
            .filter(|form| strict(form))
            .any(|form| self.exceptions.iter().any(|p| p.matches(form)))
    }

    /// The first entry matching at `words[0..]`: its category and the number
    /// of words it spans.
    pub fn match_at(&self, words: &[Word]) -> Option<(Category, usize)> {
        self.entries
            .iter()
            .find(|entry| entry.matches(words))
            .map(|entry| (entry.category, entry.words.len()))
    }
}

impl Entry {
    fn matches(&self, words: &[Word]) -> bool {
        words.len() >= self.words.len()
            && self
                .words
                .iter()
                .zip(words)
                .all(|(pattern, word)| word.forms.iter().any(|form| pattern.matches(form)))
    }
}

impl Pattern {
    fn matches(&self, form: &[Sym]) -> bool {
        let n = self.chars.len();
        if form.len() < n {
            return false;
        }
        match self.kind {
            Kind::Exact => form.len() == n && self.matches_at(form, 0),
            Kind::Prefix => self.matches_at(form, 0),
            Kind::Infix => (0..=form.len() - n).any(|at| self.matches_at(form, at)),
        }
    }

    /// A wildcard stands for any letter, but a span needs at least two real
    /// letters and no more wildcards than letters: `п***` is not `пизд`.
    fn matches_at(&self, form: &[Sym], at: usize) -> bool {
        let span = &form[at..at + self.chars.len()];
        let mut real = 0;
        for (sym, &expected) in span.iter().zip(&self.chars) {
            match *sym {
                Sym::Ch(c) if c == expected => real += 1,
                Sym::Ch(_) => return false,
                Sym::Any => {}
            }
        }
        let wild = span.len() - real;
        real >= 2 && real >= wild
    }
}

fn parse_section(name: &str, line: usize) -> Result<Section, LexiconError> {
    Ok(match name {
        "threat" => Section::Category(Category::Threat),
        "obscene" => Section::Category(Category::Obscenity),
        "insult" => Section::Category(Category::Insult),
        "exceptions" => Section::Exceptions,
        _ => {
            return Err(LexiconError::UnknownSection {
                line,
                name: name.to_owned(),
            })
        }
    })
}

fn parse_pattern(raw: &str, line: usize) -> Result<Pattern, LexiconError> {
    let (kind, body) = if let Some(body) = raw.strip_prefix('=') {
        (Kind::Exact, body)
    } else if let Some(body) = raw.strip_prefix('~') {
        (Kind::Infix, body)
    } else {
        (Kind::Prefix, raw)
    };
    let chars: Option<Vec<char>> = normalize(body)
        .into_iter()
        .map(|sym| match sym {
            Sym::Ch(c) if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect();
    match chars {
        Some(chars) if chars.len() >= 2 => Ok(Pattern { kind, chars }),
        _ => Err(LexiconError::BadPattern {
            line,
            pattern: raw.to_owned(),
        }),
    }
}
