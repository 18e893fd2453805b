//! Social networks recognized by a post link's host (SPEC §5).

use std::fmt;

/// The network a post was published in. `Other` keeps the case usable for any
/// site; the link's host is shown instead of a network name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Network {
    VKontakte,
    Odnoklassniki,
    Telegram,
    Max,
    Dzen,
    YouTube,
    Facebook,
    Instagram,
    Other,
}

impl Network {
    /// Every network, in display order.
    pub const ALL: [Network; 9] = [
        Network::VKontakte,
        Network::Odnoklassniki,
        Network::Telegram,
        Network::Max,
        Network::Dzen,
        Network::YouTube,
        Network::Facebook,
        Network::Instagram,
        Network::Other,
    ];

    /// Stable code for storage and reports; never change an existing one.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::VKontakte => "vk",
            Network::Odnoklassniki => "ok",
            Network::Telegram => "telegram",
            Network::Max => "max",
            Network::Dzen => "dzen",
            Network::YouTube => "youtube",
            Network::Facebook => "facebook",
            Network::Instagram => "instagram",
            Network::Other => "other",
        }
    }

    /// Inverse of [`Network::as_str`].
    pub fn parse(code: &str) -> Option<Network> {
        Network::ALL.into_iter().find(|n| n.as_str() == code)
    }

    /// Network of an already normalized host (lower case, no `www.`/`m.`).
    /// Subdomains count too (`new.vk.com`), so a suffix match on a label
    /// boundary is used rather than equality.
    pub fn from_host(host: &str) -> Network {
        const HOSTS: [(&str, Network); 16] = [
            ("vk.com", Network::VKontakte),
            ("vk.ru", Network::VKontakte),
            ("ok.ru", Network::Odnoklassniki),
            ("t.me", Network::Telegram),
            ("telegram.me", Network::Telegram),
            ("max.ru", Network::Max),
            ("dzen.ru", Network::Dzen),
            ("zen.yandex.ru", Network::Dzen),
            ("youtube.com", Network::YouTube),
            ("youtu.be", Network::YouTube),
            ("facebook.com", Network::Facebook),
            ("fb.com", Network::Facebook),
            ("fb.watch", Network::Facebook),
            ("instagram.com", Network::Instagram),
            ("instagr.am", Network::Instagram),
            ("telegram.dog", Network::Telegram),
        ];
        HOSTS
            .iter()
            .find(|(known, _)| host_is_or_under(host, known))
            .map_or(Network::Other, |&(_, network)| network)
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `host` equals `domain` or is one of its subdomains (`a.vk.com` is under
/// `vk.com`, `avk.com` is not).
pub(crate) fn host_is_or_under(host: &str, domain: &str) -> bool {
    match host.strip_suffix(domain) {
        Some("") => true,
        Some(rest) => rest.ends_with('.'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for n in Network::ALL {
            assert_eq!(Network::parse(n.as_str()), Some(n));
        }
        assert_eq!(Network::parse("VK"), None);
        assert_eq!(Network::parse(""), None);
    }

    #[test]
    fn hosts_are_recognized_on_label_boundaries() {
        assert_eq!(Network::from_host("vk.com"), Network::VKontakte);
        assert_eq!(Network::from_host("new.vk.com"), Network::VKontakte);
        assert_eq!(Network::from_host("avk.com"), Network::Other);
        assert_eq!(Network::from_host("zen.yandex.ru"), Network::Dzen);
        assert_eq!(Network::from_host("yandex.ru"), Network::Other);
        assert_eq!(Network::from_host("ok.ru"), Network::Odnoklassniki);
        assert_eq!(Network::from_host("book.ru"), Network::Other);
        assert_eq!(Network::from_host("t.me"), Network::Telegram);
        assert_eq!(Network::from_host("at.me"), Network::Other);
    }
}
