//! What this front end renders, in messenger-neutral form, for other front ends (MAX) to
//! send until the application layer's own view models replace it: text in the HTML subset
//! both messengers read, and buttons as (label, callback data) rows.

use chrono::{DateTime, Utc};
use teloxide::types::{InlineKeyboardButtonKind, InlineKeyboardMarkup};

use super::ctx::BotCtx;
use super::notices::{render, Outgoing};
use crate::domain::case::AttachmentKind;
use crate::domain::directory::Actor;
use crate::domain::messenger::Messenger;
use crate::i18n::Lang;
use crate::service::report::{ReportService, StoredFile};
use crate::storage::{CaseView, OutboxItem};

/// A button: a press sends `data` back (callback buttons), or it opens `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    Callback { text: String, data: String },
    Link { text: String, url: String },
}

/// One message of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text {
        html: String,
        rows: Vec<Vec<Button>>,
    },
    /// A file a person sent with a draft, by the id its messenger gave it.
    File {
        kind: AttachmentKind,
        file_id: String,
    },
    /// A stored file of the monthly summary (chart, workbook).
    Stored(StoredFile),
}

/// The notice of an outbox row for its recipient, as the Telegram front end would send it.
pub async fn render_notice(
    ctx: &BotCtx,
    reports: &ReportService,
    item: &OutboxItem,
) -> anyhow::Result<Vec<Part>> {
    Ok(render(ctx, reports, item, Messenger::Max)
        .await?
        .into_iter()
        .map(|o| match o {
            Outgoing::Text { html, keyboard } => Part::Text {
                html,
                rows: rows(keyboard),
            },
            Outgoing::File { kind, file_id } => Part::File { kind, file_id },
            Outgoing::Stored(file) => Part::Stored(file),
            // Cards are recorded for Telegram only, so MAX never gets an edit; were it to,
            // the new text arrives as a message.
            Outgoing::Edit { html, .. } => Part::Text {
                html,
                rows: Vec::new(),
            },
        })
        .collect())
}

/// The buttons of a case card for `viewer` (the server re-checks every press anyway).
/// Never «Опубликовать от бота»: MAX's press handler does not publish.
pub fn card_rows(
    view: &CaseView,
    viewer: &Actor,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<Vec<Button>> {
    rows(super::keyboards::for_viewer(view, viewer, now, lang, false))
}

pub fn rows(kb: Option<InlineKeyboardMarkup>) -> Vec<Vec<Button>> {
    let Some(kb) = kb else {
        return Vec::new();
    };
    kb.inline_keyboard
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter_map(|b| match b.kind {
                    InlineKeyboardButtonKind::CallbackData(data) => {
                        Some(Button::Callback { text: b.text, data })
                    }
                    InlineKeyboardButtonKind::Url(url) => Some(Button::Link {
                        text: b.text,
                        url: url.to_string(),
                    }),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}
