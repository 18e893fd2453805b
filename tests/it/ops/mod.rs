//! Issue 11, safe to deploy and operate: the real binary refusing slips before it touches
//! anything, failing loudly with one line, webhook replicas that survive each other's stops,
//! `otklik check`, the metrics endpoint and the logs.

pub(crate) mod cmd;
mod directory;
mod failing;
mod observe;
mod replicas;
