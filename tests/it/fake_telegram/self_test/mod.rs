//! Self-tests of the fake server: a real teloxide `Bot` and dispatcher
//! against it, failure injection, and the spec checker.

mod api;
mod dispatch;
mod failures;
mod html;
mod polling;
mod spec;

use std::path::PathBuf;
use std::time::Duration;

use super::{FakeTelegram, User};

pub const WAIT: Duration = Duration::from_secs(5);

/// `api.json`: from `OTKLIK_BOTAPI_SPEC`, else `shared/` beside the repo
/// (as CI lays it out), else the workplace copy. `None` skips spec tests.
pub fn spec_path() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os(super::SPEC_ENV).map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/botapi/api.json")),
        Some(PathBuf::from("/work/shared/botapi/api.json")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

/// A server with spec checks on when the spec file can be found.
pub async fn checked_server() -> FakeTelegram {
    let path = spec_path();
    if path.is_none() {
        eprintln!("Bot API spec not found: spec checks are off in this self-test");
    }
    FakeTelegram::start_with_spec(path.as_deref()).await
}

pub fn alice() -> User {
    User::ru(1001, "Алиса")
}

pub fn bob() -> User {
    User::en(1002, "Bob")
}
