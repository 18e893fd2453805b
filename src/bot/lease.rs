//! Only one long poller per database: two would steal each other's updates. The lease lives
//! in the database and is renewed while the poller runs; a crashed poller's lease lapses.

use std::time::Duration;

use anyhow::bail;
use tokio::task::JoinHandle;

use super::ctx::BotCtx;
use crate::t;

const KEY: &str = "lease:poller";
const TTL: Duration = Duration::from_secs(60);
const RENEW_EVERY: Duration = Duration::from_secs(20);

pub struct PollerLease {
    renew: JoinHandle<()>,
    ctx: BotCtx,
    holder: String,
}

impl PollerLease {
    pub async fn acquire(ctx: &BotCtx) -> anyhow::Result<PollerLease> {
        let holder = format!("{}:{}", hostname(), std::process::id());
        if !ctx.store.try_lease(KEY, &holder, ctx.now(), TTL).await? {
            bail!(t!(crate::cli::cli_lang(), "cli-second-poller"));
        }
        let (c, h) = (ctx.clone(), holder.clone());
        let renew = tokio::spawn(async move {
            loop {
                tokio::time::sleep(RENEW_EVERY).await;
                match c.store.try_lease(KEY, &h, c.now(), TTL).await {
                    Ok(true) => {}
                    Ok(false) => tracing::error!("the poller lease was taken by another process"),
                    Err(e) => tracing::warn!(error = %e, "renewing the poller lease failed"),
                }
            }
        });
        Ok(PollerLease {
            renew,
            ctx: ctx.clone(),
            holder,
        })
    }
}

impl Drop for PollerLease {
    fn drop(&mut self) {
        self.renew.abort();
        let (store, holder) = (self.ctx.store.clone(), self.holder.clone());
        // Best effort: a lease that is not released lapses after its TTL anyway.
        tokio::spawn(async move {
            let _ = store.release_lease(KEY, &holder).await;
        });
    }
}

fn hostname() -> String {
    std::env::var("HOSTNAME").unwrap_or_else(|_| "otklik".into())
}
