//! Small renderers shared by cards and messages: HTML escaping, dates, working time, splitting.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::WorkDuration;
use crate::i18n::Lang;
use crate::t;

/// Telegram's limit on one message.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// Escapes text for `parse_mode = HTML`.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `ДД.ММ.ГГГГ ЧЧ:ММ` in the organization's time zone.
pub fn when(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string()
}

/// Working minutes as "7 ч 30 мин" / "7 h 30 min", with correct plurals in words for the
/// longer form.
pub fn work_time(minutes: u32, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => t!(lang, "unit-minutes", n = m),
        (h, 0) => t!(lang, "unit-hours", n = h),
        (h, m) => format!(
            "{} {}",
            t!(lang, "unit-hours", n = h),
            t!(lang, "unit-minutes", n = m)
        ),
    }
}

/// A configured term as a subject: "2 рабочих часа", "1 рабочий день". Whole hours are
/// said in hours, anything else in minutes, so "1h30m" reads "90 рабочих минут".
pub fn term(d: WorkDuration, lang: Lang) -> String {
    let hours = whole_hours(d);
    match d {
        WorkDuration::Days(n) => t!(lang, "term-days", n = n),
        WorkDuration::Minutes(_) if hours > 0 => t!(lang, "term-hours", n = hours),
        WorkDuration::Minutes(m) => t!(lang, "term-minutes", n = m),
    }
}

/// A configured term after «в течение»: "30 рабочих минут", "1 рабочего часа".
pub fn term_within(d: WorkDuration, lang: Lang) -> String {
    let hours = whole_hours(d);
    match d {
        WorkDuration::Days(n) => t!(lang, "term-within-days", n = n),
        WorkDuration::Minutes(_) if hours > 0 => t!(lang, "term-within-hours", n = hours),
        WorkDuration::Minutes(m) => t!(lang, "term-within-minutes", n = m),
    }
}

/// Hours if the term is a whole number of them, else 0.
fn whole_hours(d: WorkDuration) -> u32 {
    match d {
        WorkDuration::Minutes(m) if m > 0 && m % 60 == 0 => m / 60,
        _ => 0,
    }
}

/// Splits a long text into messages of at most `MAX_MESSAGE_CHARS` characters, at line
/// breaks where possible. Works on plain (already escaped) text without tags.
pub fn split(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut len = 0;
    for line in text.split_inclusive('\n') {
        for chunk in chunks(line, MAX_MESSAGE_CHARS) {
            let n = chunk.chars().count();
            if len + n > MAX_MESSAGE_CHARS && !current.is_empty() {
                parts.push(std::mem::take(&mut current));
                len = 0;
            }
            current.push_str(chunk);
            len += n;
        }
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

fn chunks(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, _) in s.char_indices() {
        if count == max {
            out.push(&s[start..i]);
            start = i;
            count = 0;
        }
        count += 1;
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(esc("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    }

    #[test]
    fn splits_long_texts_within_the_limit() {
        let text = format!("{}\n{}", "а".repeat(5000), "б".repeat(10));
        let parts = split(&text);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_MESSAGE_CHARS));
        assert_eq!(parts.concat(), text);
        assert_eq!(split("short"), vec!["short".to_string()]);
    }

    #[test]
    fn working_time_reads_naturally() {
        assert_eq!(work_time(450, Lang::Ru), "7 часов 30 минут");
        assert_eq!(work_time(61, Lang::Ru), "1 час 1 минута");
        assert_eq!(work_time(22, Lang::Ru), "22 минуты");
        assert_eq!(work_time(120, Lang::En), "2 hours");
    }

    #[test]
    fn terms_say_working_time_with_plurals() {
        let ru = |d| term(d, Lang::Ru);
        assert_eq!(ru(WorkDuration::hours(2)), "2 рабочих часа");
        assert_eq!(ru(WorkDuration::hours(1)), "1 рабочий час");
        assert_eq!(ru(WorkDuration::hours(5)), "5 рабочих часов");
        assert_eq!(ru(WorkDuration::minutes(21)), "21 рабочая минута");
        assert_eq!(ru(WorkDuration::minutes(90)), "90 рабочих минут");
        assert_eq!(ru(WorkDuration::days(3)), "3 рабочих дня");
        let within = |d| term_within(d, Lang::Ru);
        assert_eq!(within(WorkDuration::minutes(30)), "30 рабочих минут");
        assert_eq!(within(WorkDuration::hours(1)), "1 рабочего часа");
        assert_eq!(within(WorkDuration::minutes(21)), "21 рабочей минуты");
        assert_eq!(within(WorkDuration::days(7)), "7 рабочих дней");
        assert_eq!(term(WorkDuration::days(1), Lang::En), "1 working day");
        assert_eq!(
            term_within(WorkDuration::minutes(45), Lang::En),
            "45 working minutes"
        );
    }
}
