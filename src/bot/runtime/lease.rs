//! Only one long poller per database: two would steal each other's updates. The lease lives
//! in the database and is renewed while the poller runs; a crashed poller's lease lapses.

use std::time::Duration;

use anyhow::bail;
use tokio::task::JoinHandle;

use crate::bot::ctx::BotCtx;
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
        let holder = process_tag();
        if !ctx.store.try_lease(KEY, &holder, ctx.now(), TTL).await? {
            // A crashed poller on this machine leaves its lease behind; a restart (by
            // systemd, Docker) must not wait for it to lapse.
            if let Some(old) = ctx.store.lease_holder(KEY).await? {
                if is_dead_here(&old) {
                    tracing::info!(previous = %old, "taking over the lease of a dead poller");
                    ctx.store.release_lease(KEY, &old).await?;
                    // Its delivery worker died with it: its claimed rows go out now, not
                    // after the claim lease, so those chats' notices do not stall.
                    let released = ctx.store.release_claims(&worker_prefix(&old)).await?;
                    tracing::info!(released, "outbox rows of the dead poller released");
                }
            }
            if !ctx.store.try_lease(KEY, &holder, ctx.now(), TTL).await? {
                bail!(t!(crate::i18n::cli_lang(), "cli-second-poller"));
            }
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

/// This process as `host:pid`: the poller lease's holder.
pub fn process_tag() -> String {
    format!("{}:{}", hostname(), std::process::id())
}

/// The delivery worker id of this process; it starts with [`worker_prefix`] of its tag.
pub fn worker_id() -> String {
    format!(
        "{}{:08x}",
        worker_prefix(&process_tag()),
        rand::random::<u32>()
    )
}

/// What the delivery worker ids of the process `tag` start with.
fn worker_prefix(tag: &str) -> String {
    format!("sched-{tag}-")
}

/// The machine's name (not `$HOSTNAME`, which services do not get).
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "otklik".into())
}

/// Whether a lease holder (`host:pid`) is a process of this machine that no longer runs.
fn is_dead_here(holder: &str) -> bool {
    let Some((host, pid)) = holder.rsplit_once(':') else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    host == hostname() && pid != std::process::id() && !process_alive(pid)
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    // Without /proc we cannot tell: assume alive and let the lease lapse.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_dead_process_of_this_machine_loses_its_lease() {
        let me = format!("{}:{}", hostname(), std::process::id());
        assert!(!is_dead_here(&me), "this process is alive");
        assert!(
            !is_dead_here("another-host:4000000"),
            "another machine's process"
        );
        assert!(
            is_dead_here(&format!("{}:4000000", hostname())),
            "no such pid here"
        );
        assert!(!is_dead_here("garbage"));
    }

    #[test]
    fn a_worker_id_names_its_process_and_no_other() {
        let id = worker_id();
        assert!(id.starts_with(&worker_prefix(&process_tag())), "{id}");
        // pid 12 is not a prefix of pid 123's workers.
        assert!(!worker_prefix("h:123").starts_with(&worker_prefix("h:12")));
    }
}
