//! Signals: word stems («яма», «не работает», «администрац») and mentions of the
//! administration's accounts (`@alatyr_adm`), matched against a message's words.
//!
//! A text is normalized once (lowercase, `ё` → `е`, every run of other characters becomes a
//! single space), so a stem is a substring search for " stem": it must start a word, may end
//! inside one (a stem), and the words of a several-word stem must follow each other.

/// A normalized text, ready to be matched by many patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized(String);

impl Normalized {
    pub fn new(text: &str) -> Normalized {
        let mut out = String::with_capacity(text.len() + 2);
        out.push(' ');
        let mut gap = true;
        for c in text.chars() {
            if c.is_alphanumeric() || c == '_' {
                push_lower(&mut out, c);
                gap = false;
            } else if c == '@' {
                // A mention starts a word of its own.
                if !gap {
                    out.push(' ');
                }
                out.push('@');
                gap = false;
            } else if !gap {
                out.push(' ');
                gap = true;
            }
        }
        if !gap {
            out.push(' ');
        }
        Normalized(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text has no words at all.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        out.push(if l == 'ё' { 'е' } else { l });
    }
}

/// Why a stem or a mention cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignalsError {
    #[error("\"{0}\" has no letters or digits to look for")]
    Empty(String),
    #[error("a mention must look like \"@account\", got \"{0}\"")]
    BadMention(String),
}

/// One pattern: its normalized search text and the spelling the configuration used.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    needle: String,
    shown: String,
}

/// Stems and mentions; a text matches when any of them occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    patterns: Vec<Pattern>,
}

impl Signals {
    pub fn new(stems: &[String], mentions: &[String]) -> Result<Signals, SignalsError> {
        let mut patterns = Vec::with_capacity(stems.len() + mentions.len());
        for s in stems {
            patterns.push(stem(s)?);
        }
        for m in mentions {
            patterns.push(mention(m)?);
        }
        Ok(Signals { patterns })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The first signal (in configuration order) the text has, as configured.
    pub fn first_match(&self, text: &str) -> Option<String> {
        self.first_in(&Normalized::new(text)).map(str::to_owned)
    }

    pub fn first_in(&self, text: &Normalized) -> Option<&str> {
        self.patterns
            .iter()
            .find(|p| text.0.contains(p.needle.as_str()))
            .map(|p| p.shown.as_str())
    }
}

/// " не работа": starts a word, ends anywhere.
fn stem(s: &str) -> Result<Pattern, SignalsError> {
    let n = Normalized::new(s);
    if n.is_blank() || n.0.contains('@') {
        return Err(SignalsError::Empty(s.to_owned()));
    }
    let needle = n.0.trim_end().to_owned();
    Ok(Pattern {
        needle,
        shown: s.trim().to_owned(),
    })
}

/// " @account ": the whole word, nothing after it.
fn mention(s: &str) -> Result<Pattern, SignalsError> {
    let t = s.trim();
    let name = t.strip_prefix('@').unwrap_or(t);
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    if !valid {
        return Err(SignalsError::BadMention(s.to_owned()));
    }
    // VK screen names may hold dots, which the normalized text turns into spaces.
    let needle = Normalized::new(&format!("@{name}")).0;
    Ok(Pattern {
        needle,
        shown: format!("@{name}"),
    })
}

/// A list of stems, for the suggestion dictionaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stems(Vec<Pattern>);

impl Stems {
    pub fn new(words: &[String]) -> Result<Stems, SignalsError> {
        words
            .iter()
            .map(|w| stem(w))
            .collect::<Result<_, _>>()
            .map(Stems)
    }

    pub fn any_in(&self, text: &Normalized) -> bool {
        self.0.iter().any(|p| text.0.contains(p.needle.as_str()))
    }
}
