//! Splitting a text into normalized words for п.17 screening.
//!
//! Normalization folds the usual disguises of a word: case, `ё`, `ъ`/`ь`,
//! Latin and digit look-alikes (`xyй`, `6ля`), stretched letters (`сууука`),
//! letters separated by dots or dashes (`х.у.й`) and letters masked with `*`
//! (`б**дь`), which become wildcards.

/// One normalized character of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sym {
    Ch(char),
    /// A `*` standing for one hidden letter.
    Any,
}

/// A word of the text: its byte span and its normalized spellings.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    pub forms: Vec<Vec<Sym>>,
}

/// Splits `text` into words, in order.
pub(super) fn split(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for (start, end) in runs(text) {
        split_run(text, start, end, &mut words);
    }
    words
}

/// Normalizes a lexicon entry exactly like a word of the text.
pub(super) fn normalize(s: &str) -> Vec<Sym> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        push_normalized(c, &mut out);
    }
    collapse_stretched(out)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '_')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    ) || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '*' || c == '@' || is_joiner(c) || is_invisible(c)
}

/// Byte spans of maximal runs of word characters, without joiners at the ends.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                spans.push(trim_joiners(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    spans.retain(|(s, e)| s < e);
    spans
}

fn trim_joiners(text: &str, start: usize, end: usize) -> (usize, usize) {
    let run = &text[start..end];
    let trimmed = run.trim_start_matches(is_joiner);
    let start = start + (run.len() - trimmed.len());
    let end = start + trimmed.trim_end_matches(is_joiner).len();
    (start, end)
}

/// `х.у.й` is one word spelled letter by letter; `ул.Ленина` is two words.
fn split_run(text: &str, start: usize, end: usize, words: &mut Vec<Word>) {
    let pieces = pieces(text, start, end);
    let spelled = pieces.len() >= 2 && pieces.iter().all(|&(s, e)| letters(&text[s..e]) == 1);
    if spelled {
        let joined: String = pieces.iter().map(|&(s, e)| &text[s..e]).collect();
        words.push(word(&joined, start, end));
    } else {
        words.extend(pieces.iter().map(|&(s, e)| word(&text[s..e], s, e)));
    }
}

fn pieces(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut piece_start = start;
    for (i, c) in text[start..end].char_indices() {
        if is_joiner(c) {
            out.push((piece_start, start + i));
            piece_start = start + i + c.len_utf8();
        }
    }
    out.push((piece_start, end));
    out.retain(|(s, e)| s < e);
    out
}

fn letters(s: &str) -> usize {
    s.chars().filter(|&c| !is_invisible(c)).count()
}

fn word(raw: &str, start: usize, end: usize) -> Word {
    let mut forms = vec![normalize(raw)];
    // `х*у*й`: stars used as separators rather than as masked letters.
    let segments: Vec<&str> = raw.split('*').filter(|s| !s.is_empty()).collect();
    if segments.len() >= 2 && segments.iter().all(|s| letters(s) == 1) {
        forms.push(normalize(&segments.concat()));
    }
    Word { start, end, forms }
}

fn push_normalized(c: char, out: &mut Vec<Sym>) {
    if c == '*' {
        out.push(Sym::Any);
    } else if c == '\u{0306}' && out.last() == Some(&Sym::Ch('и')) {
        // Decomposed `й`.
        out.pop();
        out.push(Sym::Ch('й'));
    } else if !is_invisible(c) {
        out.extend(c.to_lowercase().map(|l| Sym::Ch(fold(l))));
    }
}

/// Folds spelling variants and look-alikes onto one Cyrillic letter.
fn fold(c: char) -> char {
    match c {
        'ё' => 'е',
        'ъ' => 'ь',
        'a' | '@' => 'а',
        'e' => 'е',
        'o' | '0' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        'u' | 'i' | 'і' => 'и',
        '3' => 'з',
        '6' => 'б',
        other => other,
    }
}

/// `сууука` is `сука`, but `поддон` stays `поддон`: only runs of three or
/// more equal letters are stretching.
fn collapse_stretched(syms: Vec<Sym>) -> Vec<Sym> {
    let mut out: Vec<Sym> = Vec::with_capacity(syms.len());
    let mut i = 0;
    while i < syms.len() {
        let run = syms[i..].iter().take_while(|&&s| s == syms[i]).count();
        let keep = if run >= 3 && syms[i] != Sym::Any {
            1
        } else {
            run
        };
        out.extend(std::iter::repeat_n(syms[i], keep));
        i += run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|w| &text[w.start..w.end]).collect()
    }

    fn first_form(text: &str) -> String {
        split(text)[0].forms[0]
            .iter()
            .map(|s| match s {
                Sym::Ch(c) => *c,
                Sym::Any => '*',
            })
            .collect()
    }

    #[test]
    fn splits_words_and_keeps_spans() {
        assert_eq!(
            texts("Ул.Ленина, д. 5 — ямы!"),
            ["Ул", "Ленина", "д", "5", "ямы"]
        );
        assert_eq!(texts("х.у.й и б-л-я"), ["х.у.й", "и", "б-л-я"]);
        assert_eq!(texts("...-"), Vec::<&str>::new());
    }

    #[test]
    fn folds_disguises() {
        assert_eq!(first_form("ЁЖИК"), "ежик");
        assert_eq!(first_form("xyй"), "хуй");
        assert_eq!(first_form("6ля"), "бля");
        assert_eq!(first_form("сууууука"), "сука");
        assert_eq!(first_form("поддон"), "поддон");
        assert_eq!(first_form("б**дь"), "б**дь");
        assert_eq!(first_form("х.у.й"), "хуй");
        assert_eq!(first_form("отъезд"), "отьезд");
    }
}
