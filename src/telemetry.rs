//! Logging. Message texts and the token are never logged at info level.
//!
//! Colours only on a terminal; `OTKLIK_LOG_FORMAT=json` writes one JSON object per line for
//! log collectors, with the current span (update id, chat, case, action) in each.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// `RUST_LOG` if set, otherwise info for Otklik and warnings for its libraries.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,otklik=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json_wanted() {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.with_ansi(colours_wanted()).try_init()
    };
}

fn json_wanted() -> bool {
    std::env::var("OTKLIK_LOG_FORMAT").is_ok_and(|f| f.trim().eq_ignore_ascii_case("json"))
}

/// A terminal that did not ask for plain text (`NO_COLOR`).
fn colours_wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
