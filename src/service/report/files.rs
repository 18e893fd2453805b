//! What a summary consists of, built and stored: the message, a plain text, the chart and
//! the workbook, each under its own kind.

use chrono::{DateTime, Utc};

use crate::domain::report::YearMonth;
use crate::i18n::Lang;
use crate::report::report_file_stem;
use crate::storage::ReportArtifact;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArtifactKind {
    /// The chat message (HTML).
    Message,
    /// The same figures as plain text (the command line's file).
    Text,
    /// The PNG chart.
    Chart,
    /// The XLSX workbook.
    Workbook,
}

impl ArtifactKind {
    pub const ALL: [Self; 4] = [Self::Message, Self::Text, Self::Chart, Self::Workbook];
    /// The files sent after the message, in order.
    pub const SENT: [Self; 2] = [Self::Chart, Self::Workbook];

    pub fn code(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Text => "text",
            Self::Chart => "chart",
            Self::Workbook => "workbook",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Message => "html",
            Self::Text => "txt",
            Self::Chart => "png",
            Self::Workbook => "xlsx",
        }
    }
}

/// One month's summary rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub month: YearMonth,
    pub lang: Lang,
    pub message: String,
    pub text: String,
    pub chart: Vec<u8>,
    pub workbook: Vec<u8>,
}

impl Summary {
    /// `otklik-report-2026-11.png` and the like.
    pub fn file_name(&self, kind: ArtifactKind) -> String {
        file_name(self.month, kind)
    }

    pub fn content(&self, kind: ArtifactKind) -> &[u8] {
        match kind {
            ArtifactKind::Message => self.message.as_bytes(),
            ArtifactKind::Text => self.text.as_bytes(),
            ArtifactKind::Chart => &self.chart,
            ArtifactKind::Workbook => &self.workbook,
        }
    }

    /// The files `otklik report` writes: the text, the chart and the workbook.
    pub fn files(&self) -> Vec<(String, &[u8])> {
        [
            ArtifactKind::Text,
            ArtifactKind::Chart,
            ArtifactKind::Workbook,
        ]
        .into_iter()
        .map(|k| (self.file_name(k), self.content(k)))
        .collect()
    }

    pub(super) fn artifacts(&self, built_at: DateTime<Utc>) -> Vec<ReportArtifact> {
        ArtifactKind::ALL
            .into_iter()
            .map(|k| ReportArtifact {
                kind: k.code().to_owned(),
                name: self.file_name(k),
                content: self.content(k).to_vec(),
                built_at,
            })
            .collect()
    }
}

fn file_name(month: YearMonth, kind: ArtifactKind) -> String {
    format!("{}.{}", report_file_stem(month), kind.extension())
}

/// A stored file to send, named as people will see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub month: YearMonth,
    pub lang: Lang,
    pub kind: ArtifactKind,
    pub name: String,
}

impl StoredFile {
    pub(super) fn key(&self) -> (String, &'static str, &'static str) {
        (self.month.to_string(), self.lang.code(), self.kind.code())
    }
}

/// The stored summary as delivery sends it: the message, then the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub message: String,
    pub files: Vec<StoredFile>,
}

impl Prepared {
    pub(super) fn new(
        month: YearMonth,
        lang: Lang,
        message: String,
        listed: &[(String, String, DateTime<Utc>)],
    ) -> Self {
        let files = ArtifactKind::SENT
            .into_iter()
            .map(|kind| StoredFile {
                month,
                lang,
                kind,
                name: listed
                    .iter()
                    .find(|(k, _, _)| k == kind.code())
                    .map_or_else(|| file_name(month, kind), |(_, n, _)| n.clone()),
            })
            .collect();
        Self { message, files }
    }
}
