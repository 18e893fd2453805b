//! Reaching the database at start (Telegram: `bot::connect`): unreachable is retried (see
//! [`crate::ops::retry`]), a refusal ends at once, and every error names its cause in one line
//! (PostgreSQL's host and port, a missing SQLite folder, a refused token).

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::i18n::cli_lang;
use crate::ops::retry::{retry, stop_signal, Attempt, Backoff};
use crate::storage::{Store, StoreError};
use crate::t;

/// Connects to `url`; `None` if a stop signal came while waiting for it.
pub async fn open_store(url: &str, backoff: Backoff) -> anyhow::Result<Option<Store>> {
    if let Some(dir) = missing_sqlite_dir(url) {
        let path = sqlite_path(url).unwrap_or_default();
        return Err(anyhow!(t!(
            cli_lang(),
            "cli-sqlite-no-dir",
            path = path.display().to_string(),
            dir = dir.display().to_string()
        )));
    }
    let attempt = || async {
        Store::connect(url).await.map_err(|e| {
            let line = anyhow!(database_error(url, &e));
            if transient(&e) {
                Attempt::Transient(line)
            } else {
                Attempt::Fatal(line)
            }
        })
    };
    retry("the database", backoff, stop_signal(), attempt).await
}

/// Unreachable or timed out: worth another try. A refusal (bad password, no such database,
/// bad URL) is not.
fn transient(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Db(
            sqlx::Error::Io(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::Tls(_)
                | sqlx::Error::PoolClosed
        )
    )
}

/// One line naming where the database is and why it cannot be opened.
fn database_error(url: &str, e: &StoreError) -> String {
    let lang = cli_lang();
    let cause = root_cause(e);
    match url::Url::parse(url) {
        Ok(u) if u.scheme().starts_with("postgres") => t!(
            lang,
            "cli-pg-unreachable",
            host = u.host_str().unwrap_or("localhost").to_owned(),
            port = u.port().unwrap_or(5432),
            cause = cause
        ),
        _ => t!(lang, "cli-db-failed", url = redact(url), cause = cause),
    }
}

/// The cause in the command line's language (sqlx wraps it with its own prefix).
fn root_cause(e: &StoreError) -> String {
    crate::i18n::cause(cli_lang(), e)
}

/// Hides a password in a database URL before it is shown.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The file of a `sqlite:` URL (none for in-memory databases).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:" && !url.contains("mode=memory"))
        .then(|| PathBuf::from(path))
}

/// The folder a SQLite file would go in, when it does not exist.
fn missing_sqlite_dir(url: &str) -> Option<PathBuf> {
    let path = sqlite_path(url)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty())?;
    (!dir.exists()).then(|| dir.to_owned())
}

/// `otklik check`'s database line: reachable, and the schema is current. Never creates it.
pub async fn check_database(url: &str) -> Result<String, String> {
    let lang = cli_lang();
    let url = url.replace("mode=rwc", "mode=rw");
    if sqlite_path(&url).is_some_and(|p| !Path::new(&p).exists()) {
        return Err(t!(
            lang,
            "cli-db-failed",
            url = redact(&url),
            cause = t!(lang, "cause-not-found")
        ));
    }
    let store = match open_store(&url, Backoff::ONCE).await {
        Ok(Some(store)) => store,
        Ok(None) => return Err(t!(lang, "cli-stopped-while-waiting")),
        Err(e) => return Err(e.to_string()),
    };
    let backend = store.backend_name();
    let current = store.schema_current().await;
    store.close().await;
    match current {
        Ok(true) => Ok(t!(lang, "check-database-detail", backend = backend)),
        Ok(false) => Err(t!(lang, "check-database-behind", backend = backend)),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file_and_missing_folder() {
        assert_eq!(
            sqlite_path("sqlite:/data/otklik.db?mode=rwc"),
            Some(PathBuf::from("/data/otklik.db"))
        );
        assert_eq!(
            sqlite_path("sqlite://rel/x.db"),
            Some(PathBuf::from("rel/x.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://h/db"), None);
        assert_eq!(missing_sqlite_dir("sqlite:otklik.db"), None);
        assert_eq!(
            missing_sqlite_dir("sqlite:/no/such/dir/x.db?mode=rwc"),
            Some(PathBuf::from("/no/such/dir"))
        );
    }
}
