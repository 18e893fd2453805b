//! A citizen's post link: parsing and validation. The normalized form is what
//! duplicate search compares (SPEC §2 "Duplicate", §5).

use std::fmt;

use thiserror::Error;
use url::{Host, Url};

use super::network::Network;
use super::normalize::normalize;

/// Longest link accepted, in bytes, before and after normalization.
pub const MAX_LINK_LEN: usize = 2048;

/// Why a string is not accepted as a post link.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    #[error("not a link")]
    NotALink,
    #[error("unsupported link scheme `{0}`: only http and https are accepted")]
    UnsupportedScheme(String),
    #[error("link is too long: {0} bytes, at most {MAX_LINK_LEN}")]
    TooLong(usize),
    #[error("link has no host")]
    NoHost,
}

/// A normalized link to a post in some network.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostLink {
    url: Url,
    network: Network,
}

impl PostLink {
    /// Parses and normalizes a link typed or pasted by a curator; the scheme
    /// may be missing (`vk.com/wall-1_2`).
    pub fn parse(input: &str) -> Result<PostLink, LinkError> {
        // Invisible characters (pasted from apps and web pages) would otherwise be
        // percent-encoded into the path and make one post look like another.
        let visible: String = input.chars().filter(|c| !is_invisible(*c)).collect();
        let input = visible.trim();
        check_len(input)?;
        if input.is_empty()
            || input.chars().any(|c| c.is_whitespace() || c.is_control())
            || is_garbage_path(input)
        {
            return Err(LinkError::NotALink);
        }
        let (url, explicit) = parse_url(input)?;
        check_host(&url, explicit)?;
        let url = normalize(url);
        // Normalization may lengthen the link (percent-encoding); checking
        // again keeps `parse(link.as_str())` always successful.
        check_len(url.as_str())?;
        let network = Network::from_host(url.host_str().unwrap_or_default());
        Ok(PostLink { url, network })
    }

    /// The normalized link; equal strings mean the same post.
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// Host of the normalized link (ASCII, punycode for IDN), shown for `Other`.
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// Host for people: IDN labels decoded (`город.рф`).
    pub fn display_host(&self) -> String {
        super::punycode::host_to_unicode(self.host())
    }

    pub fn network(&self) -> Network {
        self.network
    }

    pub fn url(&self) -> &Url {
        &self.url
    }
}

impl fmt::Display for PostLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PostLink {
    type Err = LinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PostLink::parse(s)
    }
}

/// Zero-width and bidi formatting characters, the soft hyphen and the BOM.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{FEFF}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}')
}

/// Dot segments (`wall-1_2/../../../etc` would resolve to another page) and backslashes
/// (read as slashes by URL parsers): no real post link has them.
fn is_garbage_path(input: &str) -> bool {
    let end = input.find(['?', '#']).unwrap_or(input.len());
    let before_query = &input[..end];
    before_query.contains('\\')
        || before_query.split('/').any(|segment| {
            let s = segment.to_ascii_lowercase().replace("%2e", ".");
            s == "." || s == ".."
        })
}

fn check_len(s: &str) -> Result<(), LinkError> {
    if s.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong(s.len()));
    }
    Ok(())
}

/// Returns the URL and whether the scheme was written explicitly.
fn parse_url(input: &str) -> Result<(Url, bool), LinkError> {
    match Url::parse(input) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok((url, true)),
        // `vk.com:8080/x` parses with scheme `vk.com`; real schemes have no dot.
        Ok(url) if !url.scheme().contains('.') => {
            Err(LinkError::UnsupportedScheme(url.scheme().to_owned()))
        }
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => parse_schemeless(input),
        Err(url::ParseError::EmptyHost) => Err(LinkError::NoHost),
        Err(_) => Err(LinkError::NotALink),
    }
}

fn parse_schemeless(input: &str) -> Result<(Url, bool), LinkError> {
    let with_scheme = match input.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => format!("https://{input}"),
    };
    let url = Url::parse(&with_scheme).map_err(|_| LinkError::NotALink)?;
    // `ivanov@mail.ru` is an e-mail address, not a link with credentials.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(LinkError::NotALink);
    }
    Ok((url, false))
}

/// Without a scheme only a domain with a familiar top-level domain counts:
/// otherwise «т.е.», «г.Москва» or «file.txt» would become links.
fn check_host(url: &Url, explicit: bool) -> Result<(), LinkError> {
    match url.host() {
        None => Err(LinkError::NoHost),
        Some(Host::Domain(domain)) => {
            let domain = domain.trim_end_matches('.');
            let (rest, tld) = domain.rsplit_once('.').ok_or(LinkError::NotALink)?;
            let plausible = if explicit {
                is_real_tld(tld)
            } else {
                is_familiar_tld(tld)
            };
            if rest.is_empty() || rest.split('.').any(str::is_empty) || !plausible {
                return Err(LinkError::NotALink);
            }
            Ok(())
        }
        Some(Host::Ipv4(_) | Host::Ipv6(_)) if explicit => Ok(()),
        Some(_) => Err(LinkError::NotALink),
    }
}

fn is_real_tld(tld: &str) -> bool {
    tld.starts_with("xn--") || (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn is_familiar_tld(tld: &str) -> bool {
    const GENERIC: [&str; 24] = [
        "com", "org", "net", "info", "biz", "pro", "online", "site", "xyz", "app", "dev", "club",
        "shop", "store", "tech", "space", "gov", "edu", "name", "mobi", "blog", "news", "media",
        "live",
    ];
    // рф and рус in punycode.
    const CYRILLIC: [&str; 2] = ["xn--p1ai", "xn--p1acf"];
    (tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        || GENERIC.contains(&tld)
        || CYRILLIC.contains(&tld)
}
