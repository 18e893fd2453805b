//! Card records (SPEC §6) waiting for SQLite's next write transaction.
//!
//! A front end records the card it redrew after every press. Written on its own, that is a
//! second turn at SQLite's write lock and a second commit per press (issue 15). Queued here,
//! it goes with the next command's first call instead, or with a flush shortly after when no
//! command comes. A command reads its case's cards under the write lock, after taking the
//! queue, unless nothing queued may be about its case: then it reads them with the history,
//! before the lock (`tx_sqlite.rs`). Either way it sees every record made before its read.
//! A record lost to a crash costs only that card's redraw, as a failed record always has: a
//! press on the card is still checked against the case's version.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use super::sql::stmt::Stmt;
use crate::domain::ids::CaseId;

/// A queued write, with the case it records a card of (`None`: it may be about any).
#[derive(Debug, Clone)]
pub(crate) struct Queued {
    pub(crate) case: Option<CaseId>,
    pub(crate) write: Stmt,
}

/// How long a record waits for a command to carry it before it is written on its own.
pub(crate) const FLUSH_AFTER: Duration = Duration::from_millis(50);

#[derive(Debug, Default)]
pub(crate) struct CardLog {
    writes: Mutex<Vec<Queued>>,
    /// Whether a flush is already on its way for what is queued.
    flush_due: AtomicBool,
}

impl CardLog {
    /// Queues a write; true when the caller should see to a flush.
    pub(crate) fn push(&self, case: Option<CaseId>, write: Stmt) -> bool {
        self.lock().push(Queued { case, write });
        !self.flush_due.swap(true, Ordering::AcqRel)
    }

    /// Everything queued, oldest first; the log is left empty.
    pub(crate) fn take(&self) -> Vec<Queued> {
        std::mem::take(&mut *self.lock())
    }

    /// Puts back writes taken by a transaction that did not commit, before any queued since;
    /// true when the caller should see to a flush.
    pub(crate) fn put_back(&self, mut writes: Vec<Queued>) -> bool {
        if writes.is_empty() {
            return false;
        }
        let mut queued = self.lock();
        writes.append(&mut queued);
        *queued = writes;
        !self.flush_due.swap(true, Ordering::AcqRel)
    }

    /// A flush starts: records queued from now on need another.
    pub(crate) fn flushing(&self) -> bool {
        self.flush_due.store(false, Ordering::Release);
        !self.lock().is_empty()
    }

    /// Whether anything queued may record or forget a card of `case`.
    pub(crate) fn may_touch(&self, case: CaseId) -> bool {
        self.lock().iter().any(|q| q.case.is_none_or(|c| c == case))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Queued>> {
        // The list stays consistent even if a holder panicked: pushes and swaps only.
        self.writes.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_put_back_go_before_those_queued_since() {
        let log = CardLog::default();
        assert!(
            log.push(None, Stmt::new("1")),
            "the first write asks for a flush"
        );
        assert!(
            !log.push(None, Stmt::new("2")),
            "one flush is enough for both"
        );
        let taken = log.take();
        assert!(
            !log.push(None, Stmt::new("3")),
            "the flush asked for is still due"
        );
        assert!(!log.put_back(taken), "and takes these too");
        let order: Vec<String> = log.take().into_iter().map(|q| q.write.sql.into()).collect();
        assert_eq!(order, ["1", "2", "3"]);
        assert!(!log.flushing(), "nothing left to flush");
        assert!(
            log.push(None, Stmt::new("4")),
            "after a flush starts, a new write asks again"
        );
        let taken = log.take();
        assert!(!log.flushing(), "taken by a transaction");
        assert!(
            log.put_back(taken),
            "put back with no flush due: one is needed"
        );
    }

    #[test]
    fn a_forget_may_touch_any_case_a_record_only_its_own() {
        let log = CardLog::default();
        log.push(Some(CaseId(1)), Stmt::new("remember 1"));
        assert!(log.may_touch(CaseId(1)));
        assert!(!log.may_touch(CaseId(2)));
        log.push(None, Stmt::new("forget"));
        assert!(log.may_touch(CaseId(2)));
        log.take();
        assert!(!log.may_touch(CaseId(1)), "nothing queued");
    }
}
