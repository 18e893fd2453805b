//! User-facing texts: Fluent files in `locales/`, Russian first, English second.
//!
//! One loader per language, so each message is rendered in its reader's language without a
//! global "current language" switch. Keys are checked at compile time by `fl!`.

use std::sync::LazyLock;

use i18n_embed::fluent::{fluent_language_loader, FluentLanguageLoader};
use i18n_embed::LanguageLoader;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Localizations;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// Telegram's `language_code` ("ru", "en-US", …); Russian for anything else.
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Ru,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// The language of the operator's terminal and logs-facing messages: English if the
/// environment (`LC_ALL`, then `LANG`) asks for it, Russian otherwise.
#[path = "i18n_cause.rs"]
mod cause;
pub use cause::cause;

pub fn cli_lang() -> Lang {
    let code = std::env::var("LC_ALL")
        .or_else(|_| std::env::var("LANG"))
        .ok();
    Lang::from_code(code.as_deref())
}

fn build(lang: &str) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let wanted: unic_langid::LanguageIdentifier = lang
        .parse()
        .unwrap_or_else(|_| loader.fallback_language().clone());
    // The embedded files are part of the binary; failing here is a build defect, caught by
    // the locale tests, not something user input can cause.
    if let Err(e) = loader.load_languages(&Localizations, &[wanted]) {
        tracing::error!(error = %e, "loading embedded locales failed");
    }
    // Bidi isolation marks would show up as garbage around numbers in Telegram.
    loader.set_use_isolating(false);
    loader
}

static RU: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build("ru"));
static EN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build("en"));

/// The loader for a language, for use as `fl!(loader(lang), "key", arg = value)`.
pub fn loader(lang: Lang) -> &'static FluentLanguageLoader {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// Shorthand: `t!(lang, "key")` or `t!(lang, "key", name = value, ...)`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $key:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader($lang), $key)
    };
    ($lang:expr, $key:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader($lang), $key, $($args)*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let file =
            Localizations::get(&format!("{lang}/otklik.ftl")).expect("locale file is embedded");
        let text = String::from_utf8_lossy(&file.data).into_owned();
        text.lines()
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .filter(|k| {
                !k.is_empty() && !k.starts_with('#') && !k.starts_with('.') && !k.contains(' ')
            })
            .collect()
    }

    #[test]
    fn every_russian_text_has_an_english_twin() {
        let (ru, en) = (keys("ru"), keys("en"));
        let missing: Vec<_> = ru.difference(&en).collect();
        let extra: Vec<_> = en.difference(&ru).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing in en: {missing:?}; only in en: {extra:?}"
        );
    }

    #[test]
    fn russian_plurals_follow_the_cldr_rules() {
        let h = |n: u32| t!(Lang::Ru, "unit-hours", n = n);
        assert_eq!(h(1), "1 час");
        assert_eq!(h(2), "2 часа");
        assert_eq!(h(5), "5 часов");
        assert_eq!(h(21), "21 час");
        assert_eq!(h(11), "11 часов");
        assert_eq!(t!(Lang::En, "unit-hours", n = 1), "1 hour");
        assert_eq!(t!(Lang::En, "unit-hours", n = 3), "3 hours");
    }
}
