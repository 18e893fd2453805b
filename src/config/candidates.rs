//! Validation of `[candidates]` (issue 13): the chats the bot reads, the signals, the
//! suggestion dictionaries, the VK communities and the pace of the cards.

use chrono::Duration;
use toml::Spanned;

use super::check::{self, Checker};
use super::raw::{RawCandidates, RawChat, RawSuggest, Text};
use super::{Directory, UnitEntry};
use crate::domain::candidate::{
    same_name, CandidateRules, ChatMode, ChatRef, Pace, Signals, SuggestRule, Suggester,
    WatchedChat,
};

pub(super) fn candidates(
    c: &mut Checker,
    raw: Option<RawCandidates>,
    dir: &Directory,
    units: &[UnitEntry],
) -> CandidateRules {
    let Some(raw) = raw else {
        return CandidateRules::default();
    };
    let mut pace = Pace::default();
    if let Some(v) = &raw.interval {
        if let Some(d) = c.parse(v, "candidates.interval", interval) {
            pace.interval = d;
        }
    }
    if let Some(v) = &raw.urgent {
        pace.urgent = listed(c, v, "candidates.urgent", &dir.importance, "importance");
    } else {
        // The first level is the highest («Высокая» in the SPEC's example).
        pace.urgent = dir.importance.first().cloned();
    }
    CandidateRules {
        chats: chats(c, &raw.chats),
        vk_communities: vk(c, raw.vk.as_deref().unwrap_or_default()),
        signals: signals(c, &raw),
        suggester: suggester(c, &raw.suggest, dir, units),
        pace,
    }
}

/// `90s`, `10m`, `1h`, or `0` for no batching.
fn interval(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let bad = || format!("expected an interval like \"90s\", \"10m\" or \"1h\", got \"{s}\"");
    if t == "0" {
        return Ok(Duration::zero());
    }
    let split = t.len().checked_sub(1).ok_or_else(bad)?;
    let (n, unit) = t.split_at(split);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(bad()),
    };
    if !(0..=86_400).contains(&secs) {
        return Err(format!(
            "an interval of at most a day is expected, got \"{s}\""
        ));
    }
    Ok(Duration::seconds(secs))
}

fn chats(c: &mut Checker, raw: &[Spanned<RawChat>]) -> Vec<WatchedChat> {
    let mut out: Vec<WatchedChat> = Vec::new();
    for (i, entry) in raw.iter().enumerate() {
        let path = format!("candidates.chats[{i}]");
        let r = entry.get_ref();
        let Some(chat) = chat_ref(c, &r.chat, &format!("{path}.chat")) else {
            continue;
        };
        let mode = match &r.mode {
            None => ChatMode::Filtered,
            Some(v) => match c.parse(v, &format!("{path}.mode"), mode) {
                Some(m) => m,
                None => continue,
            },
        };
        if out.iter().any(|w| w.chat == chat) {
            c.fail_at(&r.chat, format!("{path}.chat"), "this chat is listed twice");
            continue;
        }
        out.push(WatchedChat { chat, mode });
    }
    out
}

fn chat_ref(c: &mut Checker, v: &Spanned<toml::Value>, path: &str) -> Option<ChatRef> {
    let bad = "expected a chat id like -1001234567890 or a public username like \"@alatyr_chat\"";
    match v.get_ref() {
        toml::Value::Integer(id) if *id != 0 => Some(ChatRef::Id(*id)),
        toml::Value::String(s) => {
            let name = s.trim().trim_start_matches('@');
            let ok = (4..=64).contains(&name.len())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if ok {
                Some(ChatRef::Username(name.to_ascii_lowercase()))
            } else {
                c.fail_at(v, path, format!("{bad}, got \"{s}\""));
                None
            }
        }
        _ => {
            c.fail_at(v, path, bad);
            None
        }
    }
}

fn mode(s: &str) -> Result<ChatMode, String> {
    match s.trim() {
        "watched" => Ok(ChatMode::Watched),
        "filtered" => Ok(ChatMode::Filtered),
        _ => Err(format!(
            "expected \"watched\" (every message) or \"filtered\" (messages with a signal), got \"{s}\""
        )),
    }
}

fn vk(c: &mut Checker, raw: &[Text]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, v) in raw.iter().enumerate() {
        let path = format!("candidates.vk[{i}]");
        let name = v
            .get_ref()
            .trim()
            .trim_start_matches('@')
            .to_ascii_lowercase();
        let ok = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
        if !ok {
            let msg = format!(
                "expected a VK community's screen name or id like \"alatyr_adm\" or \"club123\", got \"{}\"",
                v.get_ref()
            );
            c.fail_at(v, path, msg);
        } else if out.contains(&name) {
            c.fail_at(v, path, format!("\"{name}\" is listed twice"));
        } else {
            out.push(name);
        }
    }
    out
}

fn signals(c: &mut Checker, raw: &RawCandidates) -> Signals {
    let mut stems = Vec::new();
    for (i, v) in raw.signals.iter().flatten().enumerate() {
        match Signals::new(std::slice::from_ref(v.get_ref()), &[]) {
            Ok(_) => stems.push(v.get_ref().clone()),
            Err(e) => c.fail_at(v, format!("candidates.signals[{i}]"), e.to_string()),
        }
    }
    let mut mentions = Vec::new();
    for (i, v) in raw.mentions.iter().flatten().enumerate() {
        match Signals::new(&[], std::slice::from_ref(v.get_ref())) {
            Ok(_) => mentions.push(v.get_ref().clone()),
            Err(e) => c.fail_at(v, format!("candidates.mentions[{i}]"), e.to_string()),
        }
    }
    let filtered = raw.chats.iter().any(|ch| {
        ch.get_ref()
            .mode
            .as_ref()
            .is_none_or(|m| m.get_ref() == "filtered")
    });
    let has_vk = raw.vk.as_ref().is_some_and(|v| !v.is_empty());
    if stems.is_empty() && mentions.is_empty() && (filtered || has_vk) {
        c.fail(
            None,
            "candidates.signals",
            "filtered chats and VK communities need signals: add `signals = [\"яма\", \"не работает\"]` or `mentions`",
        );
    }
    Signals::new(&stems, &mentions).unwrap_or_default()
}

fn suggester(
    c: &mut Checker,
    raw: &[Spanned<RawSuggest>],
    dir: &Directory,
    units: &[UnitEntry],
) -> Suggester {
    let unit_names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
    let mut rules = Vec::new();
    for (i, entry) in raw.iter().enumerate() {
        let path = format!("candidates.suggest[{i}]");
        let r = entry.get_ref();
        let words: Vec<String> = r
            .words
            .get_ref()
            .iter()
            .map(|w| w.get_ref().clone())
            .collect();
        let mut rule = match SuggestRule::new(&words) {
            Ok(rule) if !words.is_empty() => rule,
            Ok(_) => {
                c.fail_at(
                    &r.words,
                    format!("{path}.words"),
                    "expected at least one word",
                );
                continue;
            }
            Err(e) => {
                c.fail_at(&r.words, format!("{path}.words"), e.to_string());
                continue;
            }
        };
        let field = |c: &mut Checker, v: &Option<Text>, key: &str, list: &[String], what: &str| {
            v.as_ref()
                .and_then(|v| listed(c, v, &format!("{path}.{key}"), list, what))
        };
        rule.topic = field(c, &r.topic, "topic", &dir.topics, "topics");
        rule.location = field(c, &r.location, "location", &dir.locations, "locations");
        rule.importance = field(
            c,
            &r.importance,
            "importance",
            &dir.importance,
            "importance",
        );
        rule.unit = field(c, &r.unit, "unit", &unit_names, "[[units]]");
        let sets_nothing = [&r.topic, &r.location, &r.importance, &r.unit]
            .iter()
            .all(|v| v.is_none());
        if sets_nothing {
            let msg = "a suggestion sets at least one of `topic`, `location`, `importance`, `unit`";
            c.fail(Some(entry.span()), path, msg);
            continue;
        }
        rules.push(rule);
    }
    Suggester { rules }
}

/// A name from a list of the file; when the file leaves the list to admins (empty), any
/// name is taken and checked against the live lists when used.
fn listed(c: &mut Checker, v: &Text, path: &str, list: &[String], what: &str) -> Option<String> {
    let name = v.get_ref().trim();
    if list.is_empty() {
        return (!name.is_empty()).then(|| name.to_owned());
    }
    match list.iter().find(|n| same_name(n, name)) {
        Some(n) => Some(n.clone()),
        None => {
            let known = check::list_names(list.iter().map(String::as_str));
            c.fail_at(
                v,
                path,
                format!("unknown name \"{name}\": {what} lists {known}"),
            );
            None
        }
    }
}
