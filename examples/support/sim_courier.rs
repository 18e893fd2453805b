//! A courier imitating Telegram for the delivery benchmark: 30 ms a message, 300 ms an
//! upload, the summary's files uploaded once and then sent by file id, as the Telegram
//! courier does.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use otklik::domain::notice::NoticeKind;
use otklik::i18n::Lang;
use otklik::scheduler::{Courier, Delivery};
use otklik::service::report::ReportService;
use otklik::storage::OutboxItem;

const MESSAGE: Duration = Duration::from_millis(30);
const UPLOAD: Duration = Duration::from_millis(300);

pub enum Sent {
    Other { seq: u64, at: Instant },
    Summary { at: Instant },
    Upload,
    ByFileId,
}

pub fn summaries_sent(log: &[Sent]) -> usize {
    log.iter()
        .filter(|s| matches!(s, Sent::Summary { .. }))
        .count()
}

pub struct SimCourier {
    reports: ReportService,
    log: Arc<Mutex<Vec<Sent>>>,
    uploading: tokio::sync::Mutex<()>,
}

impl SimCourier {
    pub fn new(reports: ReportService) -> Self {
        Self {
            reports,
            log: Arc::new(Mutex::new(Vec::new())),
            uploading: tokio::sync::Mutex::new(()),
        }
    }

    pub fn log(&self) -> Arc<Mutex<Vec<Sent>>> {
        self.log.clone()
    }

    fn record(&self, s: Sent) {
        self.log.lock().expect("log").push(s);
    }

    async fn summary(&self, month: &str) -> Result<(), String> {
        let month = otklik::domain::report::YearMonth::parse(month).map_err(|e| e.to_string())?;
        let prepared = self
            .reports
            .stored(month, Lang::Ru)
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::sleep(MESSAGE).await;
        for file in &prepared.files {
            let known = self
                .reports
                .file_id(file, "sim")
                .await
                .map_err(|e| e.to_string())?;
            if known.is_some() {
                tokio::time::sleep(MESSAGE).await;
                self.record(Sent::ByFileId);
                continue;
            }
            let _one = self.uploading.lock().await;
            if self
                .reports
                .file_id(file, "sim")
                .await
                .map_err(|e| e.to_string())?
                .is_some()
            {
                tokio::time::sleep(MESSAGE).await;
                self.record(Sent::ByFileId);
                continue;
            }
            let bytes = self
                .reports
                .content(file)
                .await
                .map_err(|e| e.to_string())?;
            tokio::time::sleep(UPLOAD).await;
            let id = format!("sim-{}-{}", file.name, bytes.len());
            self.reports
                .remember_file_id(file, "sim", &id)
                .await
                .map_err(|e| e.to_string())?;
            self.record(Sent::Upload);
        }
        self.record(Sent::Summary { at: Instant::now() });
        Ok(())
    }
}

impl Courier for SimCourier {
    async fn deliver(&self, item: &OutboxItem) -> Delivery {
        if let Some(NoticeKind::MonthlyReport { month }) = item.notice() {
            return match self.summary(&month).await {
                Ok(()) => Delivery::Sent,
                Err(e) => Delivery::Transient(e),
            };
        }
        tokio::time::sleep(MESSAGE).await;
        let seq = item.payload["bench"].as_u64().unwrap_or(u64::MAX);
        self.record(Sent::Other {
            seq,
            at: Instant::now(),
        });
        Delivery::Sent
    }
}
