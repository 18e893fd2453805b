//! One-shot `otklik` commands in a temporary folder: what they printed and how they ended.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::helpers::app::CONFIG;

pub struct Dir {
    pub dir: tempfile::TempDir,
}

/// What a command did.
#[derive(Debug)]
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

impl Ran {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// The stderr lines that are not log lines (logs start with a timestamp or `{`).
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter(|l| !l.starts_with('{') && !l.starts_with("20") && !l.starts_with('\u{1b}'))
            .collect()
    }
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db_file(&self) -> PathBuf {
        self.path("otklik.db")
    }

    pub fn db_url(&self) -> String {
        format!("sqlite:{}?mode=rwc", self.db_file().display())
    }

    /// Writes a configuration file and returns its path.
    pub fn config(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write config");
        path
    }

    pub fn test_config(&self) -> PathBuf {
        self.config("otklik.toml", CONFIG)
    }

    /// Runs `otklik ARGS` with no configuration or token from the environment unless given.
    pub async fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Ran {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_otklik"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("OTKLIK_CONFIG")
            .env_remove("DATABASE_URL")
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("TELOXIDE_API_URL")
            .env_remove("OTKLIK_WEBHOOK_SECRET")
            .env_remove("OTKLIK_MAX_TOKEN")
            .env_remove("OTKLIK_MAX_API_URL")
            .env("LANG", "en_US.UTF-8")
            .env("RUST_LOG", "warn,otklik=info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let out = cmd.output().expect("otklik runs");
            Ran {
                code: out.status.code(),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
                took: started.elapsed(),
            }
        })
        .await
        .expect("join")
    }
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
