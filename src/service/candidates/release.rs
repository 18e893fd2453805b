//! The loop that releases paced cards and digests to the outbox when they are due.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::clock::SharedClock;
use crate::storage::Store;

/// Longest sleep between two looks (a card planned by another replica is seen by then).
const MAX_PAUSE: Duration = Duration::from_secs(30);
const ERROR_PAUSE: Duration = Duration::from_secs(5);

/// Releases due candidates until `shutdown` resolves, waking `delivery` when rows were
/// queued. The loop's owner (the runtime) decides what stops it.
pub async fn run_release(
    store: Store,
    clock: SharedClock,
    delivery: Arc<Notify>,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    let jumps = clock.changed();
    loop {
        // Registered before looking, so a clock jump in between is not lost.
        let mut notified = jumps.as_ref().map(|n| Box::pin(n.notified()));
        if let Some(n) = notified.as_mut() {
            n.as_mut().enable();
        }
        let jump = async {
            match notified.as_mut() {
                Some(n) => n.as_mut().await,
                None => std::future::pending().await,
            }
        };
        let now = clock.now();
        let pause = match store.release_candidates(now).await {
            Ok(queued) => {
                if queued > 0 {
                    delivery.notify_one();
                }
                match store.next_candidate_at().await {
                    Ok(Some(at)) => (at - now).to_std().unwrap_or(Duration::ZERO).min(MAX_PAUSE),
                    Ok(None) => MAX_PAUSE,
                    Err(_) => ERROR_PAUSE,
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "releasing candidate cards failed");
                ERROR_PAUSE
            }
        };
        tokio::select! {
            () = tokio::time::sleep(pause.max(Duration::from_millis(50))) => {}
            () = jump => {}
            () = &mut shutdown => return,
        }
    }
}
