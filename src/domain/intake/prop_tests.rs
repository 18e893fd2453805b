//! Property tests: parsing untrusted text never panics, and normalization
//! is idempotent.

use proptest::prelude::*;

use super::*;

fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec!["", "http://", "https://", "HTTPS://", "//"]);
    let host = prop::sample::select(vec![
        "vk.com",
        "m.vk.com",
        "vk.ru",
        "new.vk.com",
        "www.m.ok.ru",
        "t.me",
        "telegram.me",
        "youtu.be",
        "www.youtube.com",
        "fb.com",
        "instagram.com",
        "zen.yandex.ru",
        "max.ru",
        "город.рф",
        "example.com.",
        "m.ru",
        "1.2.3.4",
        "[::1]",
    ]);
    let path = prop::collection::vec(
        prop::sample::select(vec![
            "s", "S", "wall-1_2", "shorts", "watch", "c", "", "..", "%2e", "Ж", "a b", "x?y",
        ]),
        0..5,
    );
    let query = prop::collection::vec(
        prop::sample::select(vec![
            "w=wall-1_2",
            "z=photo1_2%2Fx",
            "v=abc",
            "utm_source=x",
            "b=2",
            "a",
            "",
            "si=1",
            "reply=3",
            "q=%D0%B9",
        ]),
        0..4,
    );
    let fragment = prop::option::of("[a-z#]{0,3}");
    (scheme, host, path, query, fragment).prop_map(|(s, h, p, q, f)| {
        let mut url = format!("{s}{h}/{}", p.join("/"));
        if !q.is_empty() {
            url = format!("{url}?{}", q.join("&"));
        }
        if let Some(f) = f {
            url = format!("{url}#{f}");
        }
        url
    })
}

fn assert_idempotent(link: &PostLink) {
    let again = PostLink::parse(link.as_str());
    assert_eq!(again.as_ref().map(PostLink::as_str), Ok(link.as_str()));
    assert_eq!(again.map(|l| l.network()), Ok(link.network()));
}

proptest! {
    #[test]
    fn parse_never_panics_and_is_idempotent(input in "\\PC{0,80}") {
        if let Ok(link) = PostLink::parse(&input) {
            assert_idempotent(&link);
        }
    }

    #[test]
    fn url_like_inputs_normalize_idempotently(input in url_like()) {
        if let Ok(link) = PostLink::parse(&input) {
            assert_idempotent(&link);
        }
    }

    #[test]
    fn extract_links_never_panics(text in "[\\PC\\s]{0,200}", url in url_like()) {
        for link in extract_links(&text) {
            assert_idempotent(&link);
        }
        let mixed = format!("{text} {url}, {text}");
        for link in extract_links(&mixed) {
            assert_idempotent(&link);
        }
    }

    #[test]
    fn punycode_never_panics(label in "[a-z0-9-]{0,30}", text in "\\PC{0,20}") {
        let _ = super::punycode::host_to_unicode(&format!("xn--{label}.xn--{text}"));
        if let Ok(link) = PostLink::parse(&format!("https://xn--{label}.ru/")) {
            let _ = link.display_host();
        }
    }

    #[test]
    fn screening_never_panics(text in "[\\PC\\s*.\\-]{0,200}") {
        let result = Screening::builtin().screen(&text);
        for finding in result.findings {
            prop_assert!(text.contains(&finding.matched));
        }
    }
}
