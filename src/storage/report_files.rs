//! The monthly summary's stored files (built once per month and language) and the file ids
//! messengers returned for them.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// One stored file of a summary; `kind` names its role (message, text, chart, workbook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportArtifact {
    pub kind: String,
    pub name: String,
    pub content: Vec<u8>,
    pub built_at: DateTime<Utc>,
}

impl Store {
    /// Stores a month and language's files together; files already stored are kept.
    pub async fn put_report_artifacts(
        &self,
        month: &str,
        lang: &str,
        files: &[ReportArtifact],
    ) -> R<()> {
        dispatch!(self, db, pool => db::report_files::put(pool, month, lang, files).await)
    }

    /// The stored files of a month and language as (kind, name, built at), without content.
    pub async fn report_artifacts(
        &self,
        month: &str,
        lang: &str,
    ) -> R<Vec<(String, String, DateTime<Utc>)>> {
        dispatch!(self, db, pool => db::report_files::list(pool, month, lang).await)
    }

    pub async fn report_artifact(
        &self,
        month: &str,
        lang: &str,
        kind: &str,
    ) -> R<Option<ReportArtifact>> {
        dispatch!(self, db, pool => db::report_files::get(pool, month, lang, kind).await)
    }

    /// The file id `messenger` gave the stored file on its first upload.
    pub async fn report_upload(
        &self,
        month: &str,
        lang: &str,
        kind: &str,
        messenger: &str,
    ) -> R<Option<String>> {
        dispatch!(self, db, pool =>
            db::report_files::upload_get(pool, month, lang, kind, messenger).await)
    }

    /// Records the file id of an upload; the first one recorded stays.
    pub async fn put_report_upload(
        &self,
        month: &str,
        lang: &str,
        kind: &str,
        messenger: &str,
        file_id: &str,
    ) -> R<()> {
        dispatch!(self, db, pool =>
            db::report_files::upload_put(pool, month, lang, kind, messenger, file_id).await)
    }

    pub async fn forget_report_upload(
        &self,
        month: &str,
        lang: &str,
        kind: &str,
        messenger: &str,
    ) -> R<()> {
        dispatch!(self, db, pool =>
            db::report_files::upload_forget(pool, month, lang, kind, messenger).await)
    }
}
