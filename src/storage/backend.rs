//! Connecting to either backend, pool settings and migrations.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::SqliteConnection;

use tokio::sync::OwnedMutexGuard;

use super::StoreError;

/// The application's storage. Cheap to clone: clones share the connection pool.
#[derive(Clone)]
pub struct Store {
    pub(crate) backend: Backend,
    /// Shared by every clone: commits through [`super::Tx`] signal the loops here.
    pub(crate) wakeups: Arc<super::Wakeups>,
    /// This process's SQLite writers take turns here, in order, before they ask for the
    /// write lock: SQLite's busy handler would make them sleep 1, 2, 5… ms and try again,
    /// leaving the lock idle meanwhile (issue 15). The turn holds the connection they write
    /// through, kept out of the pool: its page cache stays valid across commands, and no
    /// pool hand-out and return (a ping) is paid per command. An in-memory database has
    /// only its pool's one connection, so writers there take theirs from the pool. Unused on
    /// PostgreSQL.
    pub(crate) write_turn: Arc<tokio::sync::Mutex<Writer>>,
    pub(crate) own_writer: bool,
    /// Card records waiting for SQLite's next write transaction. Unused on PostgreSQL.
    pub(crate) card_log: Arc<super::card_log::CardLog>,
    /// The SQLite file's readers for a person's path (`read!`). Unused otherwise.
    pub(crate) readers: Arc<super::readers::Readers>,
    /// When the SQLite file is checkpointed next (`checkpoint.rs`). Unused otherwise.
    pub(crate) checkpoints: Arc<super::checkpoint::Checkpoints>,
}

/// The turn to write, with the writers' own connection when they have one.
pub(crate) type WriteTurn = OwnedMutexGuard<Writer>;

/// What the writers of this process share, one at a time.
#[derive(Default)]
pub(crate) struct Writer {
    /// Their own connection (a file database), opened by the first of them.
    pub(crate) conn: Option<SqliteConnection>,
    /// The id the next history row gets, as the last commit left it: a command takes its
    /// ids from here instead of asking first, and its first call checks that no other
    /// process wrote history since (`tx_sqlite.rs`). `None` when unknown.
    pub(crate) next_event: Option<i64>,
}

impl Store {
    /// This process's turn to write to SQLite, waited for as long as SQLite would wait for
    /// its write lock.
    pub(crate) async fn take_write_turn(&self) -> Result<WriteTurn, StoreError> {
        let turn = self.write_turn.clone().lock_owned();
        tokio::time::timeout(SQLITE_BUSY_TIMEOUT, turn)
            .await
            .map_err(|_| StoreError::Db(sqlx::Error::PoolTimedOut))
    }
}

#[derive(Clone)]
pub(crate) enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend_name())
            .finish()
    }
}

/// Writers wait this long for SQLite's write lock before failing.
pub(crate) const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const SQLITE_MAX_CONNECTIONS: u32 = 4;
const PG_MAX_CONNECTIONS: u32 = 10;
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Connects by URL: `sqlite:otklik.db?mode=rwc` (the application's default) or
    /// `postgres://user@host/db`. Does not migrate; call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let own_writer = url.starts_with("sqlite:") && !in_memory(url);
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite(connect_sqlite(url).await?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(connect_postgres(url).await?)
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        Ok(Store {
            backend,
            wakeups: Arc::default(),
            write_turn: Arc::default(),
            own_writer,
            card_log: Arc::default(),
            readers: Arc::default(),
            checkpoints: Arc::default(),
        })
    }

    /// Brings the schema up to date. Safe to run at every start and from several replicas
    /// (PostgreSQL migrations take an advisory lock).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        dispatch!(self, db, pool => db::MIGRATOR.run(pool).await?);
        Ok(())
    }

    /// `"sqlite"` or `"postgres"`, for logs.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// What this process's commits signal to its background loops.
    pub fn wakeups(&self) -> Arc<super::Wakeups> {
        self.wakeups.clone()
    }

    /// Writes the card records still queued, then closes the pool, waiting for connections
    /// in use to be returned.
    pub async fn close(&self) {
        self.flush_card_log().await;
        if let Ok(mut turn) = self.take_write_turn().await {
            if let Some(writer) = turn.conn.take() {
                if let Err(e) = sqlx::Connection::close(writer).await {
                    tracing::warn!(error = %e, "closing the SQLite writer connection");
                }
            }
        }
        self.readers.close().await;
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }
}

async fn connect_sqlite(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .synchronous(SqliteSynchronous::Normal);
    let pool = if in_memory(url) {
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        SqlitePoolOptions::new().max_connections(SQLITE_MAX_CONNECTIONS)
    };
    // A file connection does not go stale, and the pool's check before handing one out
    // is a round trip to its worker thread for every statement run on the pool (issue 15).
    Ok(pool
        .after_connect(|conn, _| Box::pin(super::sqlite_conn::prepare(conn)))
        .test_before_acquire(false)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?)
}

/// An in-memory database lives and dies with its one connection.
fn in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// An unreachable server is reported with its cause this soon, not after the pool's wait.
const PG_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

async fn connect_postgres(url: &str) -> Result<PgPool, StoreError> {
    use sqlx::{ConnectOptions, Connection};
    let options = PgConnectOptions::from_str(url)?;
    // One direct connection first: its error names the cause (refused, no such host, bad
    // password), where the pool would only say it timed out.
    let probe = tokio::time::timeout(PG_CONNECT_TIMEOUT, options.connect()).await;
    match probe {
        Ok(conn) => conn?.close().await?,
        Err(_) => {
            let e = std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("no answer within {} s", PG_CONNECT_TIMEOUT.as_secs()),
            );
            return Err(sqlx::Error::Io(e).into());
        }
    }
    Ok(PgPoolOptions::new()
        .max_connections(PG_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?)
}

/// The URL without a password, for error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…{}", &url[..scheme_end], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// A migrated store on a SQLite file in `dir`, for the storage module's own tests.
#[cfg(test)]
pub(crate) async fn temp_file_store(dir: &tempfile::TempDir) -> Store {
    let url = format!("sqlite:{}?mode=rwc", dir.path().join("t.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    store
}
