//! Logging. Message texts and the token are never logged at info level.

use tracing_subscriber::EnvFilter;

/// `RUST_LOG` if set, otherwise info for Otklik and warnings for its libraries.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn,otklik=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
