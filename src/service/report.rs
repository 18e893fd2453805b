//! п.20, the monthly summary as one use case for the chat command, the command line and the
//! scheduled delivery: read the month's cases, let the domain compute the figures, render
//! the message, the chart and the workbook.
//!
//! Building costs about a second and a hundred megabytes at a million cases, so it runs on
//! a blocking thread, never on the async runtime. The scheduled summary is built once per
//! month and language and stored ([`ReportService::prepare`]); delivery only sends the
//! stored files and reuses the file ids messengers returned for them.

mod build;
mod files;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::clock::SharedClock;
use crate::config::Config;
use crate::domain::report::YearMonth;
use crate::i18n::Lang;
use crate::storage::{Store, StoreError};

pub use build::read_month;
pub use files::{ArtifactKind, Prepared, StoredFile, Summary};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("rendering the summary failed: {0}")]
    Render(String),
    #[error("the report worker stopped: {0}")]
    Worker(String),
}

type R<T> = Result<T, ReportError>;

/// The summary's use case. Cheap to clone; clones share the build lock and the counter.
#[derive(Clone)]
pub struct ReportService {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    config: Arc<Config>,
    clock: SharedClock,
    /// One stored build at a time, so recipients arriving together wait for one build
    /// instead of starting their own.
    building: tokio::sync::Mutex<()>,
    /// Summaries rendered by this instance (one per month and language built).
    rendered: AtomicUsize,
}

impl ReportService {
    pub fn new(store: Store, config: Arc<Config>, clock: SharedClock) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                config,
                clock,
                building: tokio::sync::Mutex::new(()),
                rendered: AtomicUsize::new(0),
            }),
        }
    }

    /// How many summaries (month × language) this instance rendered so far.
    pub fn rendered(&self) -> usize {
        self.inner.rendered.load(Ordering::Relaxed)
    }

    /// A summary of the figures as they are now, not stored: `/report` and `otklik report`.
    pub async fn build(&self, month: YearMonth, lang: Lang) -> R<Summary> {
        let mut built = self.render(month, vec![lang]).await?;
        built
            .pop()
            .ok_or_else(|| ReportError::Render("no summary came back".into()))
    }

    /// Makes sure the summary of `month` is stored in each of `langs`, building the missing
    /// ones from one read of the cases; returns how many languages it built.
    pub async fn prepare(&self, month: YearMonth, langs: &[Lang]) -> R<usize> {
        let _one = self.inner.building.lock().await;
        let mut missing = Vec::new();
        for &lang in langs {
            if !missing.contains(&lang) && !self.is_stored(month, lang).await? {
                missing.push(lang);
            }
        }
        if missing.is_empty() {
            return Ok(0);
        }
        let summaries = self.render(month, missing).await?;
        let now = self.inner.clock.now();
        for s in &summaries {
            let rows = s.artifacts(now);
            self.store()
                .put_report_artifacts(&month.to_string(), s.lang.code(), &rows)
                .await?;
        }
        tracing::info!(%month, languages = summaries.len(), "monthly summary stored");
        Ok(summaries.len())
    }

    /// The stored summary for delivery: its message and the files to send after it. Builds
    /// it only if it is missing (a language nobody had when the summary was queued).
    pub async fn stored(&self, month: YearMonth, lang: Lang) -> R<Prepared> {
        if !self.is_stored(month, lang).await? {
            self.prepare(month, &[lang]).await?;
        }
        let (m, l) = (month.to_string(), lang.code());
        let listed = self.store().report_artifacts(&m, l).await?;
        let message = self
            .store()
            .report_artifact(&m, l, ArtifactKind::Message.code())
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("summary {m}/{l}: no message")))?;
        let message = String::from_utf8(message.content)
            .map_err(|_| StoreError::corrupt(format!("summary {m}/{l}: message not UTF-8")))?;
        Ok(Prepared::new(month, lang, message, &listed))
    }

    /// The bytes of a stored file, for its first upload.
    pub async fn content(&self, file: &StoredFile) -> R<Vec<u8>> {
        let (m, l, k) = file.key();
        let found = self.store().report_artifact(&m, l, k).await?;
        let found = found.ok_or_else(|| StoreError::corrupt(format!("summary {m}/{l}/{k}")))?;
        Ok(found.content)
    }

    /// The id `messenger` gave this file when it was first uploaded.
    pub async fn file_id(&self, file: &StoredFile, messenger: &str) -> R<Option<String>> {
        let (m, l, k) = file.key();
        Ok(self.store().report_upload(&m, l, k, messenger).await?)
    }

    pub async fn remember_file_id(&self, file: &StoredFile, messenger: &str, id: &str) -> R<()> {
        let (m, l, k) = file.key();
        Ok(self
            .store()
            .put_report_upload(&m, l, k, messenger, id)
            .await?)
    }

    /// Drops a file id the messenger refused, so the next send uploads the file again.
    pub async fn forget_file_id(&self, file: &StoredFile, messenger: &str) -> R<()> {
        let (m, l, k) = file.key();
        Ok(self
            .store()
            .forget_report_upload(&m, l, k, messenger)
            .await?)
    }

    fn store(&self) -> &Store {
        &self.inner.store
    }

    async fn is_stored(&self, month: YearMonth, lang: Lang) -> R<bool> {
        let listed = self
            .store()
            .report_artifacts(&month.to_string(), lang.code())
            .await?;
        Ok(ArtifactKind::ALL
            .iter()
            .all(|k| listed.iter().any(|(kind, _, _)| kind == k.code())))
    }

    /// Reads the month once and renders it in each language, all on a blocking thread.
    async fn render(&self, month: YearMonth, langs: Vec<Lang>) -> R<Vec<Summary>> {
        let count = langs.len();
        let built = build::off_runtime(
            self.store().clone(),
            self.inner.config.clone(),
            month,
            langs,
            self.inner.clock.now(),
        )
        .await?;
        self.inner.rendered.fetch_add(count, Ordering::Relaxed);
        Ok(built)
    }
}
