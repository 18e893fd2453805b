//! The bots under load run as child processes of the benchmark, so their CPU time and
//! memory are theirs alone: read from `/proc` (Linux).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result};

pub struct Bot {
    pub child: Child,
}

impl Bot {
    /// Starts this example again as `mode` (see `main`), with `env`; its log goes to a file.
    pub fn spawn(name: &'static str, mode: &str, env: &[(&str, String)]) -> Result<Self> {
        let log = std::fs::File::create(format!(
            "{}/load_bench_{name}.log",
            std::env::temp_dir().display()
        ))?;
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.arg("--child")
            .arg(mode)
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Ok(Self {
            child: cmd
                .spawn()
                .with_context(|| format!("starting the {name} bot"))?,
        })
    }

    /// User plus system CPU time so far.
    pub fn cpu(&self) -> Result<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))?;
        // The command name may hold spaces: fields are counted after its closing ')'.
        let rest = stat.rsplit_once(')').context("stat format")?.1;
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = f[11].parse::<u64>()? + f[12].parse::<u64>()?;
        Ok(Duration::from_millis(ticks * 1000 / clock_ticks()))
    }

    /// Resident memory now and at its peak since the last `reset_peak`, in MB.
    pub fn memory(&self) -> Result<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Ok((kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0))
    }

    /// Starts a new peak-memory window (`/proc/PID/clear_refs`, Linux 4.0+).
    pub fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clock_ticks() -> u64 {
    // SC_CLK_TCK is 100 on every Linux this runs on; no libc binding is needed for it.
    100
}
