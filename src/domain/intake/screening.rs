//! п.17 screening: a pasted post is checked for threats, obscenity and
//! insults so the bot can warn the curator and offer «отклонить по п.17».
//! The bot never rejects by itself, so the lexicon favours recall.

use std::fmt;
use std::sync::LazyLock;

use super::lexicon::{Lexicon, LexiconError};
use super::words;

/// The lexicon shipped with the bot.
pub const BUILTIN_LEXICON: &str = include_str!("../../../data/p17_lexicon.ru.txt");

static BUILTIN: LazyLock<Screening> = LazyLock::new(|| {
    // The shipped data is covered by tests; a broken file is a build defect.
    Screening::parse(BUILTIN_LEXICON).expect("data/p17_lexicon.ru.txt must parse")
});

/// Kinds of п.17 content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Threats to life and health, intentions to harm someone.
    Threat,
    /// Obscene (нецензурные) words.
    Obscenity,
    /// Insulting words.
    Insult,
}

impl Category {
    /// Stable code, also the section name in the lexicon file.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Threat => "threat",
            Category::Obscenity => "obscene",
            Category::Insult => "insult",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One flagged word or phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    pub category: Category,
    /// The word (or phrase) exactly as written in the text.
    pub matched: String,
}

/// Findings in text order, each distinct finding once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreeningResult {
    pub findings: Vec<Finding>,
}

impl ScreeningResult {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether some finding is of `category`.
    pub fn has(&self, category: Category) -> bool {
        self.findings.iter().any(|f| f.category == category)
    }
}

/// A screening lexicon, ready to check texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screening {
    lexicon: Lexicon,
}

impl Screening {
    /// The shipped Russian lexicon, parsed once.
    pub fn builtin() -> &'static Screening {
        &BUILTIN
    }

    /// Parses a lexicon in the format of `data/p17_lexicon.ru.txt`.
    pub fn parse(source: &str) -> Result<Screening, LexiconError> {
        Lexicon::parse(source).map(|lexicon| Screening { lexicon })
    }

    /// Number of entries (words and phrases) in `category`.
    pub fn entries(&self, category: Category) -> usize {
        self.lexicon.count(category)
    }

    pub fn screen(&self, text: &str) -> ScreeningResult {
        let words = words::split(text);
        let mut findings: Vec<Finding> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let found = match self.lexicon.is_exception(&words[i]) {
                true => None,
                false => self.lexicon.match_at(&words[i..]),
            };
            let Some((category, len)) = found else {
                i += 1;
                continue;
            };
            let matched = text[words[i].start..words[i + len - 1].end].to_owned();
            let finding = Finding { category, matched };
            if !findings.contains(&finding) {
                findings.push(finding);
            }
            // Words inside a matched phrase are not reported again.
            i += len;
        }
        ScreeningResult { findings }
    }
}
