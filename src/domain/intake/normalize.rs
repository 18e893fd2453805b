//! Link normalization: different spellings of one post must give one string,
//! since duplicate search compares normalized links (SPEC §2, §5).
//!
//! Every step must be idempotent: a normalized link normalizes to itself.

use url::{Host, Url};

use super::network::{host_is_or_under, Network};

/// Applies every normalization step to an http(s) URL with a host.
pub(super) fn normalize(mut url: Url) -> Url {
    // Both schemes are special, so switching can not fail; ignore the unit error.
    let _ = url.set_scheme("https");
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    normalize_host(&mut url);
    match Network::from_host(url.host_str().unwrap_or_default()) {
        Network::VKontakte => vk(&mut url),
        Network::Telegram => telegram(&mut url),
        Network::YouTube => youtube(&mut url),
        Network::Instagram => url.set_query(None),
        Network::Max => max(&mut url),
        _ => {}
    }
    upper_percent_escapes(&mut url);
    clean_query(&mut url);
    trim_trailing_slash(&mut url);
    url
}

/// `%d0%bd` and `%D0%BD` are the same byte; sorting the query needs one
/// spelling, so this runs before [`clean_query`].
fn upper_percent_escapes(url: &mut Url) {
    if let Some(path) = upper_escapes(url.path()) {
        url.set_path(&path);
    }
    if let Some(query) = url.query().and_then(upper_escapes) {
        url.set_query(Some(&query));
    }
}

/// `s` with hex digits of `%xx` escapes in upper case, if any was lower.
fn upper_escapes(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = bytes.to_vec();
    for i in 0..bytes.len().saturating_sub(2) {
        if bytes[i] == b'%' && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit()
        {
            out[i + 1] = bytes[i + 1].to_ascii_uppercase();
            out[i + 2] = bytes[i + 2].to_ascii_uppercase();
        }
    }
    // Only ASCII bytes were changed, so `out` is still UTF-8.
    (out != bytes)
        .then(|| String::from_utf8(out).ok())
        .flatten()
}

fn normalize_host(url: &mut Url) {
    let Some(Host::Domain(domain)) = url.host() else {
        return;
    };
    let mut host = domain.trim_end_matches('.').to_owned();
    // Mobile and `www` prefixes name the same site; keep at least two labels.
    while let Some(rest) = ["www.", "m.", "mobile."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .filter(|rest| rest.contains('.'))
    {
        host = rest.to_owned();
    }
    let host = canonical_host(&host).unwrap_or(&host).to_owned();
    if url.host_str() != Some(host.as_str()) {
        // A host derived from a valid one stays valid; on failure keep the original.
        let _ = url.set_host(Some(&host));
    }
}

fn canonical_host(host: &str) -> Option<&'static str> {
    Some(match host {
        "vk.ru" | "new.vk.com" => "vk.com",
        "telegram.me" | "telegram.dog" => "t.me",
        "zen.yandex.ru" => "dzen.ru",
        "fb.com" => "facebook.com",
        "instagr.am" => "instagram.com",
        _ => return None,
    })
}

/// MAX: `max.ru/<channel>/<post>` and channels `max.ru/<channel>`. Channel names ignore
/// case like Telegram usernames; post ids and invite tokens (`max.ru/join/…`) do not. MAX
/// links carry no query that names the post, only sharing marks.
fn max(url: &mut Url) {
    url.set_query(None);
    let path = url.path().trim_start_matches('/').to_owned();
    let (channel, rest) = path.split_once('/').unwrap_or((path.as_str(), ""));
    if channel == "join"
        || !is_screen_name(channel)
        || !channel.bytes().any(|b| b.is_ascii_uppercase())
    {
        return;
    }
    let lower = channel.to_ascii_lowercase();
    let new_path = if rest.is_empty() {
        format!("/{lower}")
    } else {
        format!("/{lower}/{rest}")
    };
    url.set_path(&new_path);
}

/// VK shows one post under many addresses: `/feed?w=wall-1_2`,
/// `/club1?w=wall-1_2`, `/wall-1_2?reply=3`; all are `/wall-1_2`.
fn vk(url: &mut Url) {
    let from_query = url
        .query_pairs()
        .filter(|(key, _)| key == "w" || key == "z")
        .find_map(|(_, value)| vk_object(&value).map(str::to_owned));
    if let Some(object) = from_query {
        url.set_path(&object);
        url.set_query(None);
        return;
    }
    let path = url.path().trim_matches('/');
    if vk_object(path).is_some_and(|object| object.len() == path.len()) {
        url.set_query(None);
    } else if is_screen_name(path) && path.bytes().any(|b| b.is_ascii_uppercase()) {
        // Screen names ignore case: `vk.com/Gorod` is `vk.com/gorod`.
        let lower = url.path().to_ascii_lowercase();
        url.set_path(&lower);
    }
}

fn is_screen_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

/// The `wall-123_456`-like object id at the start of `s`, if any.
fn vk_object(s: &str) -> Option<&str> {
    let kind = ["wall", "video", "photo", "clip"]
        .into_iter()
        .find(|k| s.starts_with(k))?;
    let rest = &s[kind.len()..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let (_owner, rest) = split_digits(rest)?;
    let rest = rest.strip_prefix('_')?;
    let (item, _) = split_digits(rest)?;
    s.get(..s.len() - rest.len() + item.len())
}

fn split_digits(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

/// `t.me/s/chan/1?single` is `t.me/chan/1`; usernames ignore case.
fn telegram(url: &mut Url) {
    url.set_query(None);
    let Some(segments) = url.path_segments() else {
        return;
    };
    let original: Vec<String> = segments.map(str::to_owned).collect();
    // Empty segments (`//`, a trailing `/`) carry no meaning here.
    let mut segments: Vec<String> = original.iter().filter(|s| !s.is_empty()).cloned().collect();
    loop {
        if let Some(first) = segments.first_mut() {
            if first
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                first.make_ascii_lowercase();
            }
        }
        // Stop before an `s` that would itself be dropped: that keeps the
        // result a fixed point.
        let web_preview = segments.len() >= 3 && segments[0] == "s" && segments[1] != "s";
        if !web_preview {
            break;
        }
        segments.remove(0);
    }
    if segments != original {
        url.set_path(&segments.join("/"));
    }
}

/// `youtu.be/ID`, `/shorts/ID`, `/live/ID` and `/watch?v=ID&t=1` are all
/// `youtube.com/watch?v=ID`.
fn youtube(url: &mut Url) {
    let host = url.host_str().unwrap_or_default().to_owned();
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    let video = match segments.as_slice() {
        [id] if host == "youtu.be" => Some(id.clone()),
        [kind, id] if matches!(kind.as_str(), "shorts" | "live" | "embed") => Some(id.clone()),
        [watch] if watch == "watch" => url
            .query_pairs()
            .find(|(key, _)| key == "v")
            .map(|(_, v)| v.into_owned()),
        _ => None,
    };
    let Some(video) = video.filter(|v| is_video_id(v)) else {
        return;
    };
    if host == "youtu.be" || !host_is_or_under(&host, "youtube.com") {
        let _ = url.set_host(Some("youtube.com"));
    }
    url.set_path("/watch");
    url.set_query(Some(&format!("v={video}")));
}

fn is_video_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Drops tracking parameters and sorts the rest, so parameter order and
/// share buttons do not create "new" posts.
fn clean_query(url: &mut Url) {
    let Some(query) = url.query() else {
        return;
    };
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !is_tracking(p.split('=').next().unwrap_or_default()))
        .collect();
    params.sort_unstable();
    let cleaned = params.join("&");
    if cleaned.is_empty() {
        url.set_query(None);
    } else if cleaned != query {
        url.set_query(Some(&cleaned));
    }
}

fn is_tracking(key: &str) -> bool {
    const KEYS: [&str; 27] = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "yclid", "ysclid", "msclkid", "si",
        "feature", "ref", "ref_src", "ref_url", "igshid", "igsh", "from", "share", "_rdr",
        "mibextid", "rdt", "_ga", "_gl", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "sfnsn",
    ];
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || key.starts_with("__cft__")
        || key.starts_with("__tn__")
        || KEYS.contains(&key.as_str())
}

fn trim_trailing_slash(url: &mut Url) {
    let path = url.path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
    }
}
