//! The one place neutral keyboards become Telegram's inline keyboards.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::front::buttons::{Button, Keyboard};

pub fn markup(kb: &Keyboard) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(kb.iter().map(|row| row.iter().filter_map(telegram)))
}

/// A link Telegram cannot parse is left out rather than failing the whole message.
fn telegram(b: &Button) -> Option<InlineKeyboardButton> {
    match b {
        Button::Callback { text, data } => {
            Some(InlineKeyboardButton::callback(text.clone(), data.clone()))
        }
        Button::Link { text, url } => match url.parse() {
            Ok(url) => Some(InlineKeyboardButton::url(text.clone(), url)),
            Err(_) => {
                tracing::warn!("a link button with an unparseable url left out");
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::buttons::link;
    use teloxide::types::InlineKeyboardButtonKind;

    #[test]
    fn neutral_rows_keep_their_order_labels_and_data() {
        let kb = vec![
            vec![Button::Callback {
                text: "Принять".into(),
                data: "a:1".into(),
            }],
            vec![
                link("Открыть", "https://vk.com/wall-1_2"),
                link("Сломана", "::"),
            ],
        ];
        let m = markup(&kb);
        assert_eq!(m.inline_keyboard.len(), 2);
        assert_eq!(m.inline_keyboard[0][0].text, "Принять");
        assert!(matches!(
            &m.inline_keyboard[0][0].kind,
            InlineKeyboardButtonKind::CallbackData(d) if d == "a:1"
        ));
        assert_eq!(m.inline_keyboard[1].len(), 1);
        assert!(matches!(
            &m.inline_keyboard[1][0].kind,
            InlineKeyboardButtonKind::Url(u) if u.as_str() == "https://vk.com/wall-1_2"
        ));
    }
}
