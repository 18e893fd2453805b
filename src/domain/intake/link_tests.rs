//! Link parsing, normalization and extraction on real-looking links.

use super::*;

fn norm(input: &str) -> String {
    match PostLink::parse(input) {
        Ok(link) => link.as_str().to_owned(),
        Err(e) => panic!("{input:?} must parse: {e}"),
    }
}

#[test]
fn p4_links_of_every_network_normalize() {
    use Network::*;
    let table: &[(&str, &str, Network)] = &[
        (
            "https://vk.com/wall-123_456",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        ("vk.com/wall-1_2", "https://vk.com/wall-1_2", VKontakte),
        (
            "http://m.vk.com/wall-123_456?from=feed",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        (
            "https://vk.ru/wall-123_456",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        (
            "https://new.vk.com/wall-1_2",
            "https://vk.com/wall-1_2",
            VKontakte,
        ),
        (
            "https://vk.com/feed?w=wall-123_456",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        (
            "https://vk.com/club123?w=wall-123_456",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        (
            "https://vk.com/wall-123_456?reply=789&thread=1",
            "https://vk.com/wall-123_456",
            VKontakte,
        ),
        (
            "https://vk.com/video-5_6?list=x",
            "https://vk.com/video-5_6",
            VKontakte,
        ),
        (
            "https://vk.com/adm.city",
            "https://vk.com/adm.city",
            VKontakte,
        ),
        (
            "https://ok.ru/group/1/topic/2",
            "https://ok.ru/group/1/topic/2",
            Odnoklassniki,
        ),
        (
            "https://m.ok.ru/group/1/topic/2/",
            "https://ok.ru/group/1/topic/2",
            Odnoklassniki,
        ),
        ("t.me/citynews/123", "https://t.me/citynews/123", Telegram),
        (
            "https://t.me/s/citynews/123",
            "https://t.me/citynews/123",
            Telegram,
        ),
        (
            "https://t.me/CityNews/123?single",
            "https://t.me/citynews/123",
            Telegram,
        ),
        (
            "https://t.me/citynews/123?comment=45",
            "https://t.me/citynews/123",
            Telegram,
        ),
        (
            "https://telegram.me/citynews/123",
            "https://t.me/citynews/123",
            Telegram,
        ),
        (
            "https://t.me/c/1234567890/55",
            "https://t.me/c/1234567890/55",
            Telegram,
        ),
        (
            "https://max.ru/citynews/AZ123",
            "https://max.ru/citynews/AZ123",
            Max,
        ),
        (
            "https://dzen.ru/a/ZxYw?utm_source=share",
            "https://dzen.ru/a/ZxYw",
            Dzen,
        ),
        (
            "https://zen.yandex.ru/media/city/post-1",
            "https://dzen.ru/media/city/post-1",
            Dzen,
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://youtube.com/watch?v=dQw4w9WgXcQ",
            YouTube,
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
            "https://youtube.com/watch?v=dQw4w9WgXcQ",
            YouTube,
        ),
        (
            "https://m.youtube.com/shorts/abc_DEF-1",
            "https://youtube.com/watch?v=abc_DEF-1",
            YouTube,
        ),
        (
            "https://www.facebook.com/story.php?story_fbid=2&id=1&mibextid=x",
            "https://facebook.com/story.php?id=1&story_fbid=2",
            Facebook,
        ),
        (
            "https://fb.com/city/posts/1",
            "https://facebook.com/city/posts/1",
            Facebook,
        ),
        (
            "https://www.instagram.com/p/Cx1Y2z/?igshid=MzRl",
            "https://instagram.com/p/Cx1Y2z",
            Instagram,
        ),
        (
            "HTTPS://WWW.Example.ORG/News/1/#comments",
            "https://example.org/News/1",
            Other,
        ),
        (
            "https://город.рф/новости?b=2&a=1",
            "https://xn--c1ac3aaj.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8?a=1&b=2",
            Other,
        ),
    ];
    for &(input, expected, network) in table {
        let link = PostLink::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(link.as_str(), expected, "normalized form of {input:?}");
        assert_eq!(link.network(), network, "network of {input:?}");
    }
}

#[test]
fn other_network_keeps_host_for_display() {
    let link = PostLink::parse("https://www.gorod-news.ru/post/1").unwrap();
    assert_eq!(link.network(), Network::Other);
    assert_eq!(link.host(), "gorod-news.ru");
    assert_eq!(link.display_host(), "gorod-news.ru");
    let idn = PostLink::parse("Город.РФ/новости").unwrap();
    assert_eq!(idn.host(), "xn--c1ac3aaj.xn--p1ai");
    assert_eq!(idn.display_host(), "город.рф");
}

#[test]
fn same_post_in_different_forms_is_one_link() {
    let forms = [
        "https://vk.com/wall-123_456",
        "vk.com/wall-123_456",
        "http://m.vk.com/wall-123_456",
        "https://www.vk.ru/wall-123_456/",
        "https://vk.com/feed?w=wall-123_456",
        "https://vk.com/gorod?w=wall-123_456&utm_source=tg",
        "https://vk.com/wall-123_456?reply=1#post",
    ];
    for form in forms {
        assert_eq!(norm(form), "https://vk.com/wall-123_456", "{form}");
    }
    assert_eq!(
        norm("https://site.ru/a?b=1&a=2&utm_medium=x"),
        norm("site.ru/a?a=2&b=1")
    );
    assert_eq!(norm("https://vk.com/Gorod_Adm"), "https://vk.com/gorod_adm");
    assert_eq!(
        norm("site.ru/%d0%b9?q=%d0%b9&p=1"),
        norm("https://site.ru/й?q=%D0%B9&p=1")
    );
}

#[test]
fn tracking_parameters_are_dropped_and_the_rest_kept() {
    assert_eq!(
        norm(
            "https://news.ru/item?id=5&utm_source=vk&fbclid=1&gclid=2&yclid=3&ref=x&from=y&share=1"
        ),
        "https://news.ru/item?id=5"
    );
}

#[test]
fn invalid_links_are_rejected() {
    assert_eq!(PostLink::parse(""), Err(LinkError::NotALink));
    assert_eq!(PostLink::parse("привет"), Err(LinkError::NotALink));
    assert_eq!(PostLink::parse("т.е."), Err(LinkError::NotALink));
    assert_eq!(PostLink::parse("г.Москва"), Err(LinkError::NotALink));
    assert_eq!(PostLink::parse("ivanov@mail.ru"), Err(LinkError::NotALink));
    assert_eq!(PostLink::parse("vk.com/wall 1"), Err(LinkError::NotALink));
    assert_eq!(
        PostLink::parse("ftp://files.ru/a"),
        Err(LinkError::UnsupportedScheme("ftp".into()))
    );
    assert_eq!(
        PostLink::parse("javascript:alert(1)"),
        Err(LinkError::UnsupportedScheme("javascript".into()))
    );
    assert_eq!(PostLink::parse("https://"), Err(LinkError::NoHost));
    let long = format!("https://vk.com/{}", "a".repeat(MAX_LINK_LEN));
    assert!(matches!(PostLink::parse(&long), Err(LinkError::TooLong(_))));
}

#[test]
fn idn_hosts_do_not_panic() {
    for input in [
        "https://президент.рф",
        "xn--d1abbgf6aiiy.xn--p1ai/news",
        "https://xn--/a",
        "https://a.xn--",
    ] {
        if let Ok(link) = PostLink::parse(input) {
            assert_eq!(norm(link.as_str()), link.as_str());
        }
    }
}

#[test]
fn extract_links_finds_links_in_mixed_text() {
    let text = "Привет! Жалоба тут: vk.com/wall-1_1, и ещё https://t.me/s/city/5.\n\
                (см. https://www.youtube.com/watch?v=abc123) т.е. дубль: https://vk.com/feed?w=wall-1_1;\
                «ok.ru/group/7/topic/8» ivanov@mail.ru г.Москва";
    let links: Vec<String> = extract_links(text)
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    assert_eq!(
        links,
        [
            "https://vk.com/wall-1_1",
            "https://t.me/city/5",
            "https://youtube.com/watch?v=abc123",
            "https://ok.ru/group/7/topic/8",
        ]
    );
}

#[test]
fn extract_links_cuts_glued_text_and_keeps_balanced_parens() {
    let links = extract_links("ссылка:https://vk.com/wall-2_3 [пост](https://t.me/a/1) https://ru.wikipedia.org/wiki/Foo_(bar).");
    let links: Vec<&str> = links.iter().map(PostLink::as_str).collect();
    assert_eq!(
        links,
        [
            "https://vk.com/wall-2_3",
            "https://t.me/a/1",
            "https://ru.wikipedia.org/wiki/Foo_(bar)",
        ]
    );
    assert!(extract_links("привет, как дела? т.е. всё хорошо, ул.Ленина, 3.5 км").is_empty());
}

#[test]
fn channel_post_links() {
    let public = channel_post_link(Some("CityNews"), -1001234567890, 42).unwrap();
    assert_eq!(public.as_str(), "https://t.me/citynews/42");
    assert_eq!(public.network(), Network::Telegram);
    let private = channel_post_link(None, -1001234567890, 42).unwrap();
    assert_eq!(private.as_str(), "https://t.me/c/1234567890/42");
    assert_eq!(
        channel_post_link(Some("bad name"), -1001234567890, 7)
            .unwrap()
            .as_str(),
        "https://t.me/c/1234567890/7"
    );
    assert_eq!(channel_post_link(None, -123456, 42), None);
    assert_eq!(channel_post_link(None, i64::MIN, 42), None);
    assert_eq!(channel_post_link(Some("city"), -1001, 0), None);
}

#[test]
fn s5_max_posts_and_channels_are_a_source_network() {
    let cases = [
        (
            "https://max.ru/CityNews/AZm9xQ",
            "https://max.ru/citynews/AZm9xQ",
        ),
        (
            "max.ru/citynews/AZm9xQ?utm_source=share&from=app",
            "https://max.ru/citynews/AZm9xQ",
        ),
        (
            "https://www.max.ru/citynews/AZm9xQ/",
            "https://max.ru/citynews/AZm9xQ",
        ),
        ("https://max.ru/CityNews", "https://max.ru/citynews"),
        // Invite tokens are case-sensitive.
        ("https://max.ru/join/AbCdEf", "https://max.ru/join/AbCdEf"),
    ];
    for (input, want) in cases {
        let link = PostLink::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(link.as_str(), want, "{input}");
        assert_eq!(link.network(), Network::Max, "{input}");
        assert_eq!(norm(link.as_str()), want, "normalizing is idempotent");
    }
    assert_eq!(
        norm("https://max.ru/CityNews/AZm9xQ"),
        norm("max.ru/citynews/AZm9xQ?utm_source=x")
    );
    let found = extract_links("Жалоба в MAX: max.ru/citynews/AZ1, и ещё https://max.ru/raion/B2.");
    let found: Vec<&str> = found.iter().map(PostLink::as_str).collect();
    assert_eq!(
        found,
        ["https://max.ru/citynews/AZ1", "https://max.ru/raion/B2"]
    );
    assert_eq!(
        PostLink::parse("https://notmax.ru/a/1").map(|l| l.network()),
        Ok(Network::Other)
    );
}

#[test]
fn zero_width_and_bidi_characters_inside_a_link_do_not_defeat_duplicates() {
    let clean = norm("https://vk.com/wall-1_2");
    for dirty in [
        "https://vk.com/wall-1\u{200B}_2",
        "https://vk.com/\u{200D}wall-1_2",
        "\u{FEFF}https://vk.com/wall-1_2\u{200C}",
        "https://vk.\u{200E}com/wall-1_2",
        "https://vk.com/wall-1_2\u{202E}",
        "https://vk.com/wall\u{2066}-1_2\u{2069}",
        "https://vk.com/wall-1_\u{00AD}2",
    ] {
        assert_eq!(norm(dirty), clean, "{dirty:?}");
    }
}

#[test]
fn dot_segments_and_garbage_paths_are_refused() {
    for garbage in [
        "https://vk.com/wall-1_2/../../../etc",
        "vk.com/wall-1_2/../../../etc",
        "https://vk.com/wall-1_2/%2e%2e/%2E%2E/etc",
        "https://vk.com/./wall-1_2",
        "https://vk.com/wall-1_2/..",
        "https://vk.com\\wall-1_2",
        "https://vk.com/wall-1_2\u{0000}",
        "https://vk.com/wall-1_2\u{0007}x",
    ] {
        assert_eq!(
            PostLink::parse(garbage),
            Err(LinkError::NotALink),
            "{garbage:?}"
        );
    }
    // Dots inside a segment and in the query are ordinary.
    assert!(PostLink::parse("https://dzen.ru/a/x..y").is_ok());
    assert!(PostLink::parse("https://site.ru/p?q=../x").is_ok());
}
