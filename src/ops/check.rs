//! `otklik check`: one line per check (configuration, database, token), for people and for
//! Docker's HEALTHCHECK; the exit code says whether all passed.

use crate::i18n::Lang;
use crate::t;

/// The outcome of one check, already worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub ok: bool,
    pub text: String,
}

/// What was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Config,
    Database,
    Token,
}

impl Line {
    pub fn new(lang: Lang, subject: Subject, outcome: Result<String, String>) -> Line {
        let what = match subject {
            Subject::Config => t!(lang, "check-config"),
            Subject::Database => t!(lang, "check-database"),
            Subject::Token => t!(lang, "check-token"),
        };
        match outcome {
            Ok(detail) => Line {
                ok: true,
                text: t!(lang, "check-ok", what = what, detail = detail),
            },
            Err(detail) => Line {
                ok: false,
                text: t!(lang, "check-failed", what = what, detail = detail),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_says_what_was_checked_and_how_it_went() {
        let ok = Line::new(Lang::Ru, Subject::Token, Ok("бот @otklik".into()));
        assert!(ok.ok);
        assert_eq!(ok.text, "✓ токен Telegram: бот @otklik");
        let bad = Line::new(Lang::En, Subject::Database, Err("refused".into()));
        assert!(!bad.ok);
        assert_eq!(bad.text, "✗ database: refused");
    }
}
