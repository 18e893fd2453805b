//! Telegram's HTML parse mode: validation and the visible text a user sees.
//!
//! Telegram rejects malformed HTML with a 400, so the fake reports what the
//! real server would refuse, and derives the visible text for assertions.

/// Result of parsing a text with `parse_mode = HTML`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ParsedHtml {
    /// Text with tags stripped and entities decoded (what the user sees).
    pub visible: String,
    /// Problems Telegram would reject the text for; empty when well-formed.
    pub errors: Vec<String>,
}

/// Tags Telegram supports, with the attributes each may carry.
const TAGS: &[(&str, &[&str])] = &[
    ("b", &[]),
    ("strong", &[]),
    ("i", &[]),
    ("em", &[]),
    ("u", &[]),
    ("ins", &[]),
    ("s", &[]),
    ("strike", &[]),
    ("del", &[]),
    ("span", &["class"]),
    ("tg-spoiler", &[]),
    ("a", &["href"]),
    ("tg-emoji", &["emoji-id"]),
    ("code", &["class"]),
    ("pre", &[]),
    ("blockquote", &["expandable"]),
];

/// Parses `text` as Telegram HTML.
pub fn parse(text: &str) -> ParsedHtml {
    let mut out = ParsedHtml::default();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find(['<', '&']) {
        out.visible.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        rest = if tail.starts_with('<') {
            parse_tag(tail, &mut stack, &mut out)
        } else {
            parse_entity(tail, &mut out)
        };
    }
    out.visible.push_str(rest);
    for tag in stack.iter().rev() {
        out.errors.push(format!("unclosed tag <{tag}>"));
    }
    out
}

/// Visible text: HTML-decoded when `parse_mode` is HTML, else as is.
pub fn visible_text(text: &str, parse_mode: Option<&str>) -> String {
    if is_html(parse_mode) {
        parse(text).visible
    } else {
        text.to_owned()
    }
}

pub fn is_html(parse_mode: Option<&str>) -> bool {
    parse_mode.is_some_and(|m| m.eq_ignore_ascii_case("html"))
}

/// Handles `tail` starting with `<`; returns the text after the tag.
fn parse_tag<'a>(tail: &'a str, stack: &mut Vec<String>, out: &mut ParsedHtml) -> &'a str {
    let Some(end) = tail.find('>') else {
        out.errors.push("bare `<` (use &lt;)".to_owned());
        out.visible.push('<');
        return &tail[1..];
    };
    let inner = &tail[1..end];
    let after = &tail[end + 1..];
    if let Some(name) = inner.strip_prefix('/') {
        close_tag(name.trim(), stack, out);
    } else {
        open_tag(inner, stack, out);
    }
    after
}

fn close_tag(name: &str, stack: &mut Vec<String>, out: &mut ParsedHtml) {
    let name = name.to_ascii_lowercase();
    match stack.last() {
        Some(top) if *top == name => {
            stack.pop();
        }
        Some(top) => out.errors.push(format!(
            "</{name}> closes <{top}>: tags are not properly nested"
        )),
        None => out.errors.push(format!("</{name}> without an opening tag")),
    }
}

fn open_tag(inner: &str, stack: &mut Vec<String>, out: &mut ParsedHtml) {
    let inner = inner.trim();
    let (name, attrs) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], &inner[i..]),
        None => (inner, ""),
    };
    let name = name.trim_end_matches('/').to_ascii_lowercase();
    if !valid_name(&name) {
        out.errors
            .push(format!("bare `<` (use &lt;) before `{inner}`"));
        out.visible.push('<');
        out.visible.push_str(inner);
        out.visible.push('>');
        return;
    }
    let Some((_, allowed)) = TAGS.iter().find(|(t, _)| *t == name) else {
        out.errors.push(format!("unsupported tag <{name}>"));
        return;
    };
    if inner.ends_with('/') {
        out.errors
            .push(format!("self-closing <{name}/> is not supported"));
        return;
    }
    check_attrs(&name, &parse_attrs(attrs), allowed, out);
    check_nesting(&name, stack, out);
    stack.push(name);
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn check_attrs(name: &str, attrs: &[(String, String)], allowed: &[&str], out: &mut ParsedHtml) {
    for (key, value) in attrs {
        if !allowed.contains(&key.as_str()) {
            out.errors
                .push(format!("attribute `{key}` is not allowed on <{name}>"));
        } else if name == "span" && value != "tg-spoiler" {
            out.errors
                .push("<span> needs class=\"tg-spoiler\"".to_owned());
        }
    }
    let has = |k: &str| attrs.iter().any(|(key, _)| key == k);
    if name == "span" && !has("class") {
        out.errors
            .push("<span> needs class=\"tg-spoiler\"".to_owned());
    }
    if name == "a" && !has("href") {
        out.errors.push("<a> needs href".to_owned());
    }
}

/// Telegram refuses formatting inside `code`/`pre` (except `pre > code`).
fn check_nesting(name: &str, stack: &[String], out: &mut ParsedHtml) {
    if let Some(top) = stack.last() {
        let allowed = top == "pre" && name == "code";
        if (top == "code" || top == "pre") && !allowed {
            out.errors
                .push(format!("<{name}> is not allowed inside <{top}>"));
        }
    }
}

/// Loose attribute parser: `k="v"`, `k='v'`, `k=v` or a bare `k`.
fn parse_attrs(mut s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start().trim_start_matches('/');
        if s.is_empty() {
            return attrs;
        }
        let key_end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let key = s[..key_end].to_ascii_lowercase();
        s = s[key_end..].trim_start();
        let mut value = String::new();
        if let Some(v) = s.strip_prefix('=') {
            let v = v.trim_start();
            let (val, rest) = split_value(v);
            value = val.to_owned();
            s = rest;
        }
        attrs.push((key, value));
    }
}

fn split_value(v: &str) -> (&str, &str) {
    for quote in ['"', '\''] {
        if let Some(body) = v.strip_prefix(quote) {
            return match body.find(quote) {
                Some(i) => (&body[..i], &body[i + 1..]),
                None => (body, ""),
            };
        }
    }
    let end = v.find(char::is_whitespace).unwrap_or(v.len());
    (&v[..end], &v[end..])
}

/// Handles `tail` starting with `&`; returns the text after the entity.
fn parse_entity<'a>(tail: &'a str, out: &mut ParsedHtml) -> &'a str {
    let candidate = tail[1..]
        .find(';')
        .filter(|&i| i <= 10)
        .map(|i| &tail[1..=i]);
    if let Some(decoded) = candidate.and_then(decode_entity) {
        out.visible.push(decoded);
        return &tail[candidate.map_or(0, str::len) + 2..];
    }
    out.errors.push("bare `&` (use &amp;)".to_owned());
    out.visible.push('&');
    &tail[1..]
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}
