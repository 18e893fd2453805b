//! The real `otklik` binary as a child process against the fake Bot API: start it (long
//! polling or webhook), wait until it serves, SIGKILL it, start it again.
//!
//! The child's stdout and stderr go to a log file beside its database, so a failed wait can
//! show what the process said.

#![allow(dead_code)]

use std::fs::File;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::fake_telegram::FakeTelegram;

/// How long a start may take (a loaded machine builds and migrates slowly).
pub const START_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

/// The secret the fake Telegram (the test) sends with webhook calls.
pub const WEBHOOK_SECRET: &str = "resilience-test-secret";

static SEQ: AtomicU32 = AtomicU32::new(0);

/// How the process receives updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Polling,
    /// Listens on `listen`; Telegram (the test's relay) posts updates to `url`.
    Webhook {
        listen: SocketAddr,
        url: String,
    },
}

impl Mode {
    /// Webhook mode on a free local port.
    pub fn webhook() -> Mode {
        let listen = free_port();
        Mode::Webhook {
            listen,
            url: format!("http://{listen}/telegram"),
        }
    }
}

/// More for a start: arguments after `run`, environment, and whether webhook mode derives
/// its secret from the token (no `OTKLIK_WEBHOOK_SECRET`) as replicas do by default.
#[derive(Debug, Default, Clone)]
pub struct Extra {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// Variables to leave out (e.g. `NO_COLOR`, set by default).
    pub unset: Vec<String>,
    pub derived_secret: bool,
}

/// A running (or exited) `otklik run`; killed when dropped.
pub struct Binary {
    child: Child,
    pub mode: Mode,
    log: PathBuf,
}

/// The process ended before it served: its exit status and what it printed.
#[derive(Debug)]
pub struct Exited {
    pub status: Option<ExitStatus>,
    pub log: String,
}

impl Binary {
    /// Starts a long poller and waits until it polls; panics if it does not.
    pub async fn start(tg: &FakeTelegram, db_url: &str, config: &Path) -> Binary {
        Self::start_in(tg, db_url, config, Mode::Polling)
            .await
            .unwrap_or_else(|e| panic!("otklik did not start: {e:?}"))
    }

    /// Starts in `mode` and waits until it serves, or returns how it ended.
    pub async fn start_in(
        tg: &FakeTelegram,
        db_url: &str,
        config: &Path,
        mode: Mode,
    ) -> Result<Binary, Exited> {
        let polls_before = tg.requests_for("getUpdates").len();
        let mut bin = Self::spawn(tg, db_url, config, mode).await;
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Some(status) = bin.child.try_wait().expect("try_wait") {
                return Err(Exited {
                    status: Some(status),
                    log: bin.log(),
                });
            }
            if bin.serving(tg, polls_before) {
                return Ok(bin);
            }
            if Instant::now() > deadline {
                let log = bin.log();
                bin.kill9();
                return Err(Exited { status: None, log });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Starts a long poller, retrying while the lease of a killed predecessor has not
    /// lapsed yet (the process refuses to start until then), for up to `patience`.
    pub async fn restart_polling(
        tg: &FakeTelegram,
        db_url: &str,
        config: &Path,
        patience: Duration,
    ) -> Binary {
        let deadline = Instant::now() + patience;
        loop {
            match Self::start_in(tg, db_url, config, Mode::Polling).await {
                Ok(bin) => return bin,
                Err(e) if refused_as_second_poller(&e.log) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("otklik did not restart: {e:?}"),
            }
        }
    }

    /// Spawns without waiting for anything.
    pub async fn spawn(tg: &FakeTelegram, db_url: &str, config: &Path, mode: Mode) -> Binary {
        Self::spawn_with(tg, db_url, config, mode, Extra::default()).await
    }

    /// Starts with `extra` and waits until it serves, or returns how it ended.
    pub async fn start_with(
        tg: &FakeTelegram,
        db_url: &str,
        config: &Path,
        mode: Mode,
        extra: Extra,
    ) -> Result<Binary, Exited> {
        let polls_before = tg.requests_for("getUpdates").len();
        let mut bin = Self::spawn_with(tg, db_url, config, mode, extra).await;
        bin.wait_serving(tg, polls_before).await.map(|()| bin)
    }

    async fn wait_serving(&mut self, tg: &FakeTelegram, polls_before: usize) -> Result<(), Exited> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Err(Exited {
                    status: Some(status),
                    log: self.log(),
                });
            }
            if self.serving(tg, polls_before) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let log = self.log();
                self.kill9();
                return Err(Exited { status: None, log });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Spawns with extra arguments and environment, without waiting for anything.
    pub async fn spawn_with(
        tg: &FakeTelegram,
        db_url: &str,
        config: &Path,
        mode: Mode,
        extra: Extra,
    ) -> Binary {
        let dir = config.parent().unwrap_or(Path::new("."));
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let log = dir.join(format!("otklik-{n}.log"));
        let out = File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file handle");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_otklik"));
        cmd.arg("run")
            .envs(tg.env_vars())
            .env("DATABASE_URL", db_url)
            .env("OTKLIK_CONFIG", config)
            .env("RUST_LOG", "warn,otklik=info")
            .env("NO_COLOR", "1")
            .env_remove("OTKLIK_WEBHOOK_SECRET")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        if let Mode::Webhook { listen, url } = &mode {
            cmd.arg("--webhook-url")
                .arg(url)
                .arg("--listen")
                .arg(listen.to_string())
                .env("OTKLIK_WEBHOOK_SECRET", WEBHOOK_SECRET);
        }
        if extra.derived_secret {
            cmd.env_remove("OTKLIK_WEBHOOK_SECRET");
        }
        cmd.args(&extra.args).envs(extra.env.iter().cloned());
        for name in &extra.unset {
            cmd.env_remove(name);
        }
        // Others may be relinking the shared binary right now (ENOENT, ETXTBSY): retry.
        let mut tries = 0;
        let child = loop {
            match cmd.spawn() {
                Ok(child) => break child,
                Err(e) if tries < 30 => {
                    eprintln!("spawning otklik failed ({e}), retrying");
                    tries += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("the otklik binary does not start: {e}"),
            }
        };
        Binary { child, mode, log }
    }

    /// Polling: it logged that polling started and asked for updates since it was spawned.
    /// Webhook: its listener accepts connections.
    fn serving(&self, tg: &FakeTelegram, polls_before: usize) -> bool {
        match &self.mode {
            Mode::Polling => {
                self.log().contains("long polling started")
                    && tg.requests_for("getUpdates").len() > polls_before
            }
            Mode::Webhook { listen, .. } => {
                self.log().contains("webhook listening")
                    && std::net::TcpStream::connect_timeout(listen, POLL).is_ok()
            }
        }
    }

    /// Waits for the process to end by itself.
    pub async fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM: a graceful stop, as Docker and systemd ask for it.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(status.success(), "kill -TERM failed");
    }

    /// What the process printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: no shutdown code runs, as in a crash or an OOM kill.
    pub fn kill9(&mut self) {
        // `Child::kill` sends SIGKILL on Unix; it fails only if the child was already reaped.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// The long-polling lease refusal, in either UI language.
pub fn refused_as_second_poller(log: &str) -> bool {
    log.contains("long polling") && (log.contains("уже работает") || log.contains("already"))
}

/// A local port nobody listens on right now.
pub fn free_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address")
}

/// Writes the test configuration (`helpers::app::CONFIG`) into `dir`.
pub fn write_config(dir: &Path) -> PathBuf {
    let path = dir.join("otklik.toml");
    std::fs::write(&path, super::app::CONFIG).expect("write the config");
    path
}

/// A SQLite URL for a database file in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite:{}?mode=rwc", dir.join("otklik.db").display())
}
