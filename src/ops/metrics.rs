//! `--metrics ADDR`: `/healthz` and Prometheus `/metrics`. Counters are kept by the `metrics`
//! facade where things happen; the figures that live in the database (outbox, open cases) are
//! read at each scrape, so every replica reports the same truth.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use metrics::{counter, describe_counter, describe_gauge, gauge};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::clock::SharedClock;
use crate::storage::Store;

pub const UPDATES: &str = "otklik_updates_total";
pub const UPDATE_ERRORS: &str = "otklik_update_errors_total";
pub const FLOOD_WAITS: &str = "otklik_telegram_429_total";
pub const DELIVERY_RETRIES: &str = "otklik_delivery_retries_total";
const OUTBOX_PENDING: &str = "otklik_outbox_pending";
const OUTBOX_OLDEST: &str = "otklik_outbox_oldest_age_seconds";
const OPEN_CASES: &str = "otklik_open_cases";
const OVERDUE_CASES: &str = "otklik_overdue_cases";
const LAST_PASS: &str = "otklik_scheduler_last_pass_timestamp_seconds";
const PASS_DURATION: &str = "otklik_scheduler_pass_duration_seconds";

/// Records a scheduler pass (a no-op unless the endpoint is on).
pub fn scheduler_pass(at: DateTime<Utc>, took: Duration) {
    gauge!(LAST_PASS).set(at.timestamp() as f64);
    gauge!(PASS_DURATION).set(took.as_secs_f64());
}

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    store: Store,
    clock: SharedClock,
    /// States reported before, set to zero once no case is in them.
    states: Arc<Mutex<BTreeSet<String>>>,
}

/// Installs the recorder and serves the endpoint on `listener` (bound before start-up talks
/// to anyone, so a taken port fails at once).
pub fn serve(
    listener: std::net::TcpListener,
    store: Store,
    clock: SharedClock,
) -> anyhow::Result<()> {
    let handle = PrometheusBuilder::new()
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    describe();
    // Present from the first scrape, so rates work before the first event.
    for name in [UPDATES, UPDATE_ERRORS, FLOOD_WAITS, DELIVERY_RETRIES] {
        counter!(name).increment(0);
    }
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(Scrape {
            handle,
            store,
            clock,
            states: Arc::default(),
        });
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the metrics endpoint failed");
        }
    });
    tracing::info!(%addr, "metrics listening");
    Ok(())
}

fn describe() {
    describe_counter!(UPDATES, "Updates handled");
    describe_counter!(UPDATE_ERRORS, "Updates whose handler failed");
    describe_counter!(FLOOD_WAITS, "Telegram 429 answers (flood control)");
    describe_counter!(DELIVERY_RETRIES, "Notices put back for another attempt");
    describe_gauge!(OUTBOX_PENDING, "Notices waiting for delivery");
    describe_gauge!(OUTBOX_OLDEST, "Age of the oldest waiting notice");
    describe_gauge!(OPEN_CASES, "Open cases by state");
    describe_gauge!(OVERDUE_CASES, "Open cases past a deadline");
    describe_gauge!(
        LAST_PASS,
        "When this replica's scheduler last passed (unix time)"
    );
    describe_gauge!(PASS_DURATION, "How long the last scheduler pass took");
}

/// 200 while the database answers, 503 otherwise.
async fn healthz(State(s): State<Scrape>) -> (StatusCode, &'static str) {
    match s.store.ops_figures(s.clock.now()).await {
        Ok(_) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

async fn metrics(State(s): State<Scrape>) -> (StatusCode, String) {
    let now = s.clock.now();
    match s.store.ops_figures(now).await {
        Ok(f) => {
            gauge!(OUTBOX_PENDING).set(f.outbox_pending as f64);
            let age = f
                .outbox_oldest
                .map_or(0, |at| (now - at).num_seconds().max(0));
            gauge!(OUTBOX_OLDEST).set(age as f64);
            gauge!(OVERDUE_CASES).set(f.overdue as f64);
            let mut seen = s.states.lock().unwrap_or_else(|p| p.into_inner());
            for state in seen.iter() {
                if !f.open_by_state.iter().any(|(st, _)| st == state) {
                    gauge!(OPEN_CASES, "state" => state.clone()).set(0.0);
                }
            }
            for (state, n) in f.open_by_state {
                gauge!(OPEN_CASES, "state" => state.clone()).set(n as f64);
                seen.insert(state);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the database does not answer"),
    }
    (StatusCode::OK, s.handle.render())
}
