//! The summary as one phone-sized Telegram message (HTML parse mode), or as plain text for
//! the report file: headline figures, the units that need attention, the topics.

use std::borrow::Cow;

use super::labels::{clip, duration, month_in, month_title, share, unit_name};
use crate::domain::report::{MonthFigures, Tally, UnitFigures};
use crate::i18n::Lang;
use crate::t;

/// Telegram's limit on one message.
pub const MAX_MESSAGE_CHARS: usize = 4096;
/// Beyond this the list stops being read on a phone; the workbook has every unit.
pub(crate) const MAX_ATTENTION: usize = 10;
const MAX_TOPICS: usize = 5;
const NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    Plain,
}

impl Markup {
    /// User text (unit names, topics) made safe for the parse mode.
    fn text<'s>(self, s: &'s str) -> Cow<'s, str> {
        match self {
            Markup::Html => escape_html(s),
            Markup::Plain => Cow::Borrowed(s),
        }
    }

    fn bold(self, s: &str) -> String {
        match self {
            Markup::Html => format!("<b>{}</b>", escape_html(s)),
            Markup::Plain => s.to_owned(),
        }
    }
}

/// Escapes the three characters Telegram's HTML parse mode requires.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['<', '>', '&']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The summary for Telegram (HTML parse mode), at most [`MAX_MESSAGE_CHARS`] long.
pub fn render_message(f: &MonthFigures, lang: Lang) -> String {
    render(f, lang, Markup::Html)
}

/// The same summary as plain text, for `otklik-report-YYYY-MM.txt`.
pub fn render_text(f: &MonthFigures, lang: Lang) -> String {
    render(f, lang, Markup::Plain)
}

/// Length as Telegram counts it (UTF-16 code units), markup included to stay on the safe side.
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// «ДД.ММ.ГГГГ ЧЧ:ММ» of a mid-month summary's moment, in the organization's time zone.
fn as_of(f: &MonthFigures) -> Option<String> {
    f.as_of.map(|at| {
        at.with_timezone(&f.timezone)
            .format("%d.%m.%Y %H:%M")
            .to_string()
    })
}

fn render(f: &MonthFigures, lang: Lang, mk: Markup) -> String {
    let month = month_title(f.month, lang);
    let title = mk.bold(&match as_of(f) {
        Some(at) => t!(lang, "report-title-as-of", month = month, at = at),
        None => t!(lang, "report-title", month = month),
    });
    if f.is_empty() {
        return format!(
            "{title}\n{}",
            t!(lang, "report-empty", month = month_in(f.month, lang))
        );
    }
    let head = headline(&f.totals, f, lang).join("\n");
    let topics = topics(f, lang, mk);
    let footer = t!(lang, "report-footer");
    // Sections are separated by blank lines: four of them, two characters each.
    let fixed = units(&title) + units(&head) + units(&topics) + units(&footer) + 8;
    let attention = attention(f, lang, mk, MAX_MESSAGE_CHARS.saturating_sub(fixed));
    [title, head, attention, topics, footer]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn headline(t: &Tally, f: &MonthFigures, lang: Lang) -> Vec<String> {
    let d = &f.dynamics;
    let rated = t.on_time + t.late + t.overdue;
    let mut lines = vec![
        t!(
            lang,
            "report-cases",
            n = t.cases,
            new = d.registered,
            previous = d.registered_previous
        ),
        t!(
            lang,
            "report-on-time",
            share = share(t.on_time_share(), lang),
            on_time = t.on_time,
            rated = rated
        ),
        t!(lang, "report-late", n = t.late),
        t!(lang, "report-overdue", n = t.overdue),
        match as_of(f) {
            Some(at) => t!(lang, "report-open-as-of", n = t.open, at = at),
            None => t!(lang, "report-open", n = t.open),
        },
    ];
    if t.final_overdue > 0 {
        lines.push(t!(lang, "report-final-overdue", n = t.final_overdue));
    }
    if t.answer_time.count > 0 {
        let (median, p90) = (t.answer_time.median_minutes, t.answer_time.p90_minutes);
        lines.push(t!(
            lang,
            "report-answer-time",
            median = duration(median, lang),
            p90 = duration(p90, lang)
        ));
    }
    if t.returns + t.reassign_delays > 0 {
        lines.push(t!(
            lang,
            "report-returns",
            n = t.returns,
            delays = t.reassign_delays
        ));
    }
    if t.sent_back_by_deputy + t.sent_back_by_curator > 0 {
        let (deputy, curator) = (t.sent_back_by_deputy, t.sent_back_by_curator);
        lines.push(t!(
            lang,
            "report-sent-back",
            deputy = deputy,
            curator = curator
        ));
    }
    if t.answers + t.notices > 0 {
        lines.push(t!(
            lang,
            "report-approval",
            share = share(t.first_attempt_share(), lang),
            first = t.first_attempt,
            answers = t.answers,
            media = t.with_media,
            notices = t.notices
        ));
    }
    if t.manual_notices > 0 {
        lines.push(t!(lang, "report-manual-notices", n = t.manual_notices));
    }
    let (intermediate, repeats, rejected) = (t.intermediate, t.repeats, t.rejected);
    lines.push(t!(
        lang,
        "report-quality",
        intermediate = intermediate,
        repeats = repeats,
        rejected = rejected
    ));
    lines
}

fn unit_line(u: &UnitFigures, lang: Lang, mk: Markup) -> String {
    let t = &u.tally;
    let mut parts = vec![t!(
        lang,
        "report-unit-share",
        share = share(t.on_time_share(), lang)
    )];
    let extra = [
        (t.late, t!(lang, "report-unit-late", n = t.late)),
        (t.overdue, t!(lang, "report-unit-overdue", n = t.overdue)),
        (
            t.final_overdue,
            t!(lang, "report-unit-final-overdue", n = t.final_overdue),
        ),
        (
            t.reassign_delays,
            t!(lang, "report-unit-reassign", n = t.reassign_delays),
        ),
    ];
    parts.extend(extra.into_iter().filter(|(n, _)| *n > 0).map(|(_, s)| s));
    let name = clip(&unit_name(u, lang), NAME_CHARS);
    format!(
        "• {}: {}\n   {}",
        mk.text(&name),
        parts.join(", "),
        quality_line(t, lang)
    )
}

/// The unit's quality: first-attempt approvals, rework rounds, п.16 media, п.9 returns,
/// п.19 notices and the median time to answer.
fn quality_line(t: &Tally, lang: Lang) -> String {
    t!(
        lang,
        "report-unit-quality",
        first = share(t.first_attempt_share(), lang),
        deputy = t.sent_back_by_deputy,
        curator = t.sent_back_by_curator,
        media = t.with_media,
        answers = t.answers,
        returns = t.returns,
        notices = t.notices,
        median = duration(t.answer_time.median_minutes, lang)
    )
}

/// The units that need attention, as many as fit in `budget` (and at most
/// [`MAX_ATTENTION`]), then «…и ещё N».
fn attention(f: &MonthFigures, lang: Lang, mk: Markup, budget: usize) -> String {
    let ranked = super::order::attention(f);
    if ranked.is_empty() {
        return t!(lang, "report-attention-none");
    }
    let header = mk.bold(&t!(lang, "report-attention"));
    // Room for the «…и ещё N» line, whatever N.
    let reserve = units(&t!(lang, "report-and-more", n = ranked.len())) + 1;
    let mut out = header.clone();
    let mut used = units(&header) + reserve;
    let mut shown = 0;
    for u in ranked.iter().take(MAX_ATTENTION) {
        let line = unit_line(u, lang, mk);
        if used + units(&line) + 1 > budget {
            break;
        }
        used += units(&line) + 1;
        out.push('\n');
        out.push_str(&line);
        shown += 1;
    }
    if shown < ranked.len() {
        out.push('\n');
        let more = ranked.len() - shown;
        out.push_str(&t!(lang, "report-and-more", n = more));
    }
    out
}

fn topics(f: &MonthFigures, lang: Lang, mk: Markup) -> String {
    let rows = &f.dynamics.topic;
    if rows.is_empty() {
        return String::new();
    }
    let mut out = mk.bold(&t!(lang, "report-topics"));
    for r in rows.iter().take(MAX_TOPICS) {
        let key = clip(&r.key, NAME_CHARS);
        let line = t!(
            lang,
            "report-dynamics-line",
            key = mk.text(&key).into_owned(),
            current = r.current,
            previous = r.previous
        );
        out.push_str("\n• ");
        out.push_str(&line);
    }
    if rows.len() > MAX_TOPICS {
        out.push('\n');
        let more = rows.len() - MAX_TOPICS;
        out.push_str(&t!(lang, "report-and-more", n = more));
    }
    out
}
