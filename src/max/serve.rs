//! Running the MAX front end: long polling of `GET /updates` with a marker kept in the
//! database (a restart resumes after the last handled batch), backing off on errors as the
//! reference client does (5 s, doubling to 60 s).

use std::time::Duration;

use super::client::{parse_update, MaxClient, MaxError};
use super::courier::MaxCourier;
use super::handle::handle;
use crate::front::Ctx;
use crate::scheduler::{Couriers, NoCourier, Scheduler, Shutdown};
use crate::vk::VkClient;

const MARKER_KEY: &str = "max:marker";
const POLL_TIMEOUT: u32 = 30;
const UPDATE_TYPES: [&str; 3] = ["message_created", "message_callback", "bot_started"];

/// The MAX front end's pieces: its client and the shared context.
#[derive(Clone)]
pub struct MaxFront {
    pub client: MaxClient,
    pub ctx: Ctx,
    /// VK as the community (`OTKLIK_VK_GROUP_TOKEN`), for answers published from the bot.
    pub vk_group: Option<VkClient>,
}

impl MaxFront {
    /// Polls and handles updates until `stop` is cancelled.
    pub async fn run(self, stop: Shutdown) {
        let mut marker = self.load_marker().await;
        let mut delay = Duration::from_secs(5);
        if let Err(e) = super::menu::register(&self.client).await {
            // The bot works without its menu; the next start sets it again.
            tracing::warn!(error = %e, "setting the MAX command menu failed");
        }
        tracing::info!("MAX long polling started");
        while !stop.is_cancelled() {
            let page = tokio::select! {
                () = stop.cancelled() => break,
                page = self.client.updates(marker, POLL_TIMEOUT, &UPDATE_TYPES) => page,
            };
            match page {
                Ok(page) => {
                    delay = Duration::from_secs(5);
                    for raw in &page.updates {
                        if let Some(update) = parse_update(raw) {
                            handle(&self, update).await;
                        }
                    }
                    if page.marker.is_some() && page.marker != marker {
                        marker = page.marker;
                        self.save_marker(marker).await;
                    }
                }
                Err(e) => {
                    let wait = match &e {
                        MaxError::RateLimited {
                            retry_after: Some(d),
                        } => *d,
                        _ => delay,
                    };
                    tracing::warn!(error = %e, secs = wait.as_secs(), "MAX polling failed, retrying");
                    tokio::select! {
                        () = stop.cancelled() => break,
                        () = tokio::time::sleep(wait) => {}
                    }
                    delay = (delay * 2).min(Duration::from_secs(60));
                }
            }
        }
        tracing::info!("MAX long polling stopped");
    }

    async fn load_marker(&self) -> Option<i64> {
        match self.ctx.store.meta_get(MARKER_KEY).await {
            Ok(v) => v.and_then(|v| v.parse().ok()),
            Err(e) => {
                tracing::error!(error = %e, "reading the MAX marker failed");
                None
            }
        }
    }

    async fn save_marker(&self, marker: Option<i64>) {
        let Some(m) = marker else { return };
        if let Err(e) = self.ctx.store.meta_put(MARKER_KEY, &m.to_string()).await {
            tracing::error!(error = %e, "saving the MAX marker failed");
        }
    }

    /// Spawns the polling loop; the handle stops it.
    pub fn spawn(self) -> Running {
        let stop = Shutdown::new();
        let token = stop.clone();
        let task = tokio::spawn(self.run(token));
        Running { stop, task }
    }
}

/// A MAX front end running in the background.
pub struct Running {
    stop: Shutdown,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub async fn stop(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

/// MAX without Telegram: polling, the scheduler and delivery through MAX, until Ctrl-C or
/// SIGTERM.
pub async fn serve_alone(
    client: MaxClient,
    ctx: Ctx,
    vk_group: Option<VkClient>,
) -> anyhow::Result<()> {
    let courier = MaxCourier::new(client.clone(), ctx.clone());
    let reports = courier.reports.clone();
    let courier = Couriers {
        telegram: None::<NoCourier>,
        max: Some(courier),
    };
    let scheduler = Scheduler::new(
        ctx.store.clone(),
        ctx.calendar.clone(),
        (*ctx.config).clone(),
        ctx.clock.clone(),
        courier,
        ctx.wake.clone(),
    )
    .with_reports(reports);
    let stop = Shutdown::new();
    let token = stop.clone();
    let background = tokio::spawn(async move { scheduler.run(token).await });
    let polling = MaxFront {
        client,
        ctx,
        vk_group,
    }
    .spawn();
    crate::ops::signal::stopped().await;
    tracing::info!("stopping");
    polling.stop().await;
    stop.cancel();
    let _ = background.await;
    tracing::info!("stopped");
    Ok(())
}
