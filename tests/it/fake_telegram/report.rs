//! Appends `checked=N violations=M` lines to the file named by
//! `OTKLIK_BOTAPI_REPORT`, so CI can total the spec-checked requests of all
//! tests; and stops the server when the last handle goes away.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

use super::server::Inner;

pub const REPORT_ENV: &str = "OTKLIK_BOTAPI_REPORT";

pub struct Guard {
    inner: Arc<Inner>,
    /// Only servers of the project's own tests report; the fake's self-tests send bad
    /// requests on purpose and would muddy the total.
    reports: bool,
    task: JoinHandle<()>,
    /// `(checked, violations)` already reported, so lines add up.
    reported: Mutex<Option<(usize, usize)>>,
}

impl Guard {
    pub fn new(inner: Arc<Inner>, task: JoinHandle<()>, reports: bool) -> Self {
        Self {
            inner,
            reports,
            task,
            reported: Mutex::new(None),
        }
    }

    /// Appends what was checked since the last report (once at least).
    pub fn write_report(&self) {
        if !self.reports {
            return;
        }
        if let Some(path) = std::env::var_os(REPORT_ENV) {
            self.append_report(Path::new(&path));
        }
    }

    pub fn append_report(&self, path: &Path) {
        let (checked, violations) = {
            let state = self.inner.lock();
            (state.checked, state.violations.len())
        };
        let mut reported = self.reported.lock().unwrap_or_else(|e| e.into_inner());
        let (done_checked, done_violations) = reported.unwrap_or((0, 0));
        if reported.is_some() && (checked, violations) == (done_checked, done_violations) {
            return;
        }
        let line = format!(
            "checked={} violations={}\n",
            checked - done_checked,
            violations - done_violations
        );
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        // A report is best effort: a test must not fail for want of it.
        if let Ok(mut file) = file {
            let _ = file.write_all(line.as_bytes());
        }
        *reported = Some((checked, violations));
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.write_report();
        self.task.abort();
    }
}
