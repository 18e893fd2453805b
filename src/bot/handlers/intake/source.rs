//! What a curator's message brings to intake: the post links in it and the text to screen
//! for п.17 content. Pure: no I/O, so it is tested on plain `Message` values.

use teloxide::types::{Message, MessageEntityKind, MessageOrigin};

use crate::domain::intake::{channel_post_link, extract_links, PostLink};
pub use crate::front::intake::{screen, Found, MAX_LINKS};

/// The text of a message or of its media caption.
pub fn text_of(msg: &Message) -> &str {
    msg.text().or_else(|| msg.caption()).unwrap_or_default()
}

/// Links in a message: a forwarded channel post is that post (its own text may quote other
/// sites, which are not posts to register); anything else gives the links typed in it,
/// including hyperlinks hidden behind words.
pub fn links_in(msg: &Message) -> Found {
    let text = text_of(msg);
    let links = match msg.forward_origin() {
        Some(MessageOrigin::Channel {
            chat, message_id, ..
        }) => channel_post_link(chat.username(), chat.id.0, message_id.0)
            .into_iter()
            .collect(),
        // Forwards from people or groups carry no post address.
        Some(_) => Vec::new(),
        None => typed_links(msg, text),
    };
    Found {
        links,
        warnings: screen(text),
    }
}

fn typed_links(msg: &Message, text: &str) -> Vec<PostLink> {
    let mut links = extract_links(text);
    let entities = msg
        .entities()
        .or_else(|| msg.caption_entities())
        .unwrap_or_default();
    for entity in entities {
        if let MessageEntityKind::TextLink { url } = &entity.kind {
            if let Ok(link) = PostLink::parse(url.as_str()) {
                if !links.contains(&link) {
                    links.push(link);
                }
            }
        }
    }
    links.truncate(MAX_LINKS);
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(extra: serde_json::Value) -> Message {
        let mut m = json!({
            "message_id": 7,
            "date": 1_700_000_000,
            "chat": {"id": 100, "type": "private", "first_name": "Анна"},
            "from": {"id": 100, "is_bot": false, "first_name": "Анна"},
        });
        for (k, v) in extra.as_object().cloned().unwrap_or_default() {
            m[k] = v;
        }
        serde_json::from_value(m).expect("a valid message")
    }

    fn strs(found: &Found) -> Vec<&str> {
        found.links.iter().map(PostLink::as_str).collect()
    }

    #[test]
    fn typed_links_are_normalized_and_deduplicated() {
        let m = message(
            json!({"text": "см. https://vk.com/wall-1_2?utm_source=x и vk.com/wall-1_2, t.me/news/5"}),
        );
        let found = links_in(&m);
        assert_eq!(found.links.len(), 2, "{:?}", strs(&found));
        assert!(found.links[1].as_str().contains("t.me/news/5"));
        assert!(found.warnings.is_empty());
    }

    #[test]
    fn hidden_hyperlinks_count() {
        let m = message(json!({
            "text": "пост тут",
            "entities": [{"type": "text_link", "offset": 5, "length": 3, "url": "https://ok.ru/group/1/topic/2"}],
        }));
        assert_eq!(links_in(&m).links.len(), 1);
    }

    #[test]
    fn captions_are_read() {
        let m = message(json!({
            "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
            "caption": "https://dzen.ru/a/xyz",
        }));
        assert_eq!(links_in(&m).links.len(), 1);
    }

    #[test]
    fn a_forwarded_channel_post_is_its_own_link_only() {
        let m = message(json!({
            "text": "Новость, подробнее https://example.com/news",
            "forward_origin": {
                "type": "channel", "date": 1_700_000_000, "message_id": 42,
                "chat": {"id": -1001234567890_i64, "type": "channel", "title": "Город", "username": "city_news"},
            },
        }));
        assert_eq!(strs(&links_in(&m)), vec!["https://t.me/city_news/42"]);
    }

    #[test]
    fn a_forward_from_a_person_has_no_link() {
        let m = message(json!({
            "text": "https://vk.com/wall-1_2",
            "forward_origin": {"type": "hidden_user", "date": 1_700_000_000, "sender_user_name": "Кто-то"},
        }));
        assert!(links_in(&m).links.is_empty());
    }

    #[test]
    fn pasted_text_is_screened() {
        let m = message(json!({"text": "https://vk.com/wall-1_2 Я тебя убью, идиот"}));
        assert_eq!(links_in(&m).warnings, vec!["threat", "insult"]);
    }

    #[test]
    fn plain_text_has_no_links() {
        assert!(links_in(&message(json!({"text": "привет"})))
            .links
            .is_empty());
        assert!(links_in(&message(json!({}))).links.is_empty());
    }

    #[test]
    fn too_many_links_are_cut() {
        let text: Vec<String> = (1..=30).map(|i| format!("vk.com/wall-1_{i}")).collect();
        let m = message(json!({"text": text.join(" ")}));
        assert_eq!(links_in(&m).links.len(), MAX_LINKS);
    }
}
