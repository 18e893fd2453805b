//! Buttons as both messengers understand them: a press sends `data` back, or a link opens.
//! Each adapter turns a [`Keyboard`] into its own markup in one place.

use super::callback::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    Callback { text: String, data: String },
    Link { text: String, url: String },
}

impl Button {
    pub fn text(&self) -> &str {
        match self {
            Button::Callback { text, .. } | Button::Link { text, .. } => text,
        }
    }

    /// The callback data, for a button that carries one.
    pub fn data(&self) -> Option<&str> {
        match self {
            Button::Callback { data, .. } => Some(data),
            Button::Link { .. } => None,
        }
    }
}

/// Rows of buttons under a message.
pub type Keyboard = Vec<Vec<Button>>;

/// A button carrying an action.
pub fn button(text: impl Into<String>, action: Action) -> Button {
    Button::Callback {
        text: text.into(),
        data: action.encode(),
    }
}

/// A button opening `url`.
pub fn link(text: impl Into<String>, url: impl Into<String>) -> Button {
    Button::Link {
        text: text.into(),
        url: url.into(),
    }
}

/// The non-empty rows, or no keyboard at all.
pub fn keyboard(rows: Keyboard) -> Option<Keyboard> {
    let rows: Keyboard = rows.into_iter().filter(|r| !r.is_empty()).collect();
    (!rows.is_empty()).then_some(rows)
}
