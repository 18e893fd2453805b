//! Telegram HTML: what is accepted, what is refused, what the user sees.

use crate::fake_telegram::html::{parse, visible_text};

fn errors(text: &str) -> Vec<String> {
    parse(text).errors
}

#[test]
fn accepts_supported_markup() {
    let ok = [
        "<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>i</ins>",
        "<s>s</s> <strike>s</strike> <del>d</del> <tg-spoiler>x</tg-spoiler>",
        r#"<span class="tg-spoiler">x</span> <a href="https://t.me/x?a=1&amp;b=2">link</a>"#,
        r#"<pre><code class="language-rust">let a = 1 &lt; 2;</code></pre> <code>x</code>"#,
        "<blockquote expandable>long</blockquote> <blockquote>q</blockquote>",
        r#"<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> a > b &#123; &#x1F600; &quot;"#,
        "<b>nested <i>italic <u>under</u></i></b>",
    ];
    for text in ok {
        assert_eq!(errors(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn refuses_malformed_markup() {
    let bad = [
        ("<b>open", "unclosed tag <b>"),
        ("<b><i>x</b></i>", "not properly nested"),
        ("</b>", "without an opening tag"),
        ("a < b", "bare `<`"),
        ("a <", "bare `<`"),
        ("Tom & Jerry", "bare `&`"),
        ("&nbsp;", "bare `&`"),
        ("<div>x</div>", "unsupported tag <div>"),
        ("line<br/>break", "unsupported tag <br>"),
        ("<span>x</span>", "tg-spoiler"),
        ("<a>x</a>", "<a> needs href"),
        (
            "<b class=\"x\">x</b>",
            "attribute `class` is not allowed on <b>",
        ),
        ("<code><b>x</b></code>", "not allowed inside <code>"),
    ];
    for (text, expected) in bad {
        let found = errors(text);
        assert!(
            found.iter().any(|e| e.contains(expected)),
            "{text:?}: {found:?}"
        );
    }
}

#[test]
fn visible_text_strips_tags_and_decodes_entities() {
    let html =
        "<b>Срок ответа:</b> 01.02.2026 &lt;10:00&gt; &amp; <a href=\"https://x\">ссылка</a>&#33;";
    assert_eq!(
        visible_text(html, Some("HTML")),
        "Срок ответа: 01.02.2026 <10:00> & ссылка!"
    );
    assert_eq!(visible_text("<b>as is</b>", None), "<b>as is</b>");
    assert_eq!(visible_text("<b>x</b>", Some("MarkdownV2")), "<b>x</b>");
}
