//! Finding post links in a curator's message and building the link of a
//! forwarded channel post (SPEC §5).

use super::link::PostLink;

/// All links in `text`, with or without a scheme, de-duplicated by
/// normalized form, in order of first appearance.
pub fn extract_links(text: &str) -> Vec<PostLink> {
    let mut links: Vec<PostLink> = Vec::new();
    for candidate in text.split(is_separator).filter_map(candidate) {
        if let Ok(link) = PostLink::parse(candidate) {
            if !links.iter().any(|known| known.as_str() == link.as_str()) {
                links.push(link);
            }
        }
    }
    links
}

/// Characters that never stay inside a link pasted in a chat message.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';' | '«' | '»' | '“' | '”' | '„' | '"' | '<' | '>' | '|'
        )
}

/// Cuts the link out of a token: text glued before an explicit scheme
/// (`ссылка:https://…`, markdown `[x](https://…)`) and punctuation around it.
fn candidate(token: &str) -> Option<&str> {
    let token = match find_scheme(token) {
        Some(start) => &token[start..],
        None => token,
    };
    let token = token.trim_start_matches(['(', '[', '{', '\'', '‘', '`']);
    let token = trim_end_punctuation(token);
    (token.contains('.') && !token.is_empty()).then_some(token)
}

fn find_scheme(token: &str) -> Option<usize> {
    let lower = token.to_ascii_lowercase();
    ["https://", "http://"]
        .iter()
        .filter_map(|scheme| lower.find(scheme))
        .min()
}

fn trim_end_punctuation(mut token: &str) -> &str {
    loop {
        let Some(last) = token.chars().next_back() else {
            return token;
        };
        let strip = match last {
            '.' | ':' | '!' | '?' | '\'' | '’' | '…' | ']' | '}' | '`' => true,
            // Keep the `)` of `wiki/Foo_(bar)`, strip the one closing a remark.
            ')' => token.matches('(').count() < token.matches(')').count(),
            _ => false,
        };
        if !strip {
            return token;
        }
        token = &token[..token.len() - last.len_utf8()];
    }
}

/// The `t.me` link of a post in a Telegram channel, as seen in a forwarded
/// message: `t.me/<username>/<id>` for a public channel, `t.me/c/<id>/<msg>`
/// for a private one (Bot API chat ids of channels are `-100<id>`).
pub fn channel_post_link(
    username: Option<&str>,
    chat_id: i64,
    message_id: i32,
) -> Option<PostLink> {
    if message_id <= 0 {
        return None;
    }
    let username = username
        .map(|u| u.trim_start_matches('@'))
        .filter(|u| is_username(u));
    let path = match username {
        Some(name) => format!("{name}/{message_id}"),
        None => format!("c/{}/{message_id}", private_channel_id(chat_id)?),
    };
    PostLink::parse(&format!("https://t.me/{path}")).ok()
}

fn is_username(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn private_channel_id(chat_id: i64) -> Option<i64> {
    let id = chat_id.checked_neg()?.checked_sub(1_000_000_000_000)?;
    (id > 0).then_some(id)
}
