//! Fresh databases for the storage contract tests: a temporary SQLite file, or a uniquely
//! named PostgreSQL database created under `OTKLIK_TEST_PG_URL` and dropped afterwards.

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use otklik::storage::Store;
use sqlx::{Connection, Executor, PgConnection};
use tempfile::TempDir;

pub const PG_URL_VAR: &str = "OTKLIK_TEST_PG_URL";

/// A migrated, empty database; PostgreSQL ones are dropped when this is.
pub struct TestDb {
    pub store: Store,
    place: Place,
}

enum Place {
    Sqlite(#[allow(dead_code)] TempDir),
    Postgres { admin_url: String, name: String },
}

static PG_SKIPPED: Once = Once::new();
static PG_SEQ: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    pub async fn sqlite() -> TestDb {
        super::test_log();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite:{}?mode=rwc", dir.path().join("otklik.db").display());
        let store = Store::connect(&url).await.expect("SQLite opens");
        store.migrate().await.expect("SQLite migrates");
        TestDb {
            store,
            place: Place::Sqlite(dir),
        }
    }

    /// `None` (after saying so once on stderr) when `OTKLIK_TEST_PG_URL` is not set.
    pub async fn postgres() -> Option<TestDb> {
        super::test_log();
        let Ok(admin_url) = std::env::var(PG_URL_VAR) else {
            PG_SKIPPED.call_once(|| {
                // Written straight to stderr: the test harness captures `eprintln!`.
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL part skipped: set {PG_URL_VAR} (e.g. postgres://postgres@127.0.0.1:5432/test)"
                );
            });
            return None;
        };
        let name = format!(
            "otklik_test_{}_{}_{}",
            std::process::id(),
            PG_SEQ.fetch_add(1, Ordering::Relaxed),
            rand::random::<u32>()
        );
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .expect("the PostgreSQL test server accepts connections");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("a test database can be created");
        admin.close().await.ok();
        let store = Store::connect(&database_url(&admin_url, &name))
            .await
            .expect("the test database opens");
        let db = TestDb {
            store,
            place: Place::Postgres { admin_url, name },
        };
        db.store.migrate().await.expect("PostgreSQL migrates");
        Some(db)
    }
}

impl TestDb {
    /// A second store on the same database, as after a restart.
    pub async fn reopen(&self) -> Store {
        let url = match &self.place {
            Place::Sqlite(dir) => format!("sqlite:{}", dir.path().join("otklik.db").display()),
            Place::Postgres { admin_url, name } => database_url(admin_url, name),
        };
        Store::connect(&url)
            .await
            .expect("the database opens again")
    }
}

/// The server URL with its database replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin_url).expect("OTKLIK_TEST_PG_URL is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Place::Postgres { admin_url, name } = &self.place else {
            return;
        };
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let admin_url = admin_url.clone();
        // Drop cannot await and the test's runtime may be winding down: a thread with its
        // own runtime drops the database (FORCE ends the pool's open connections).
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await?;
                admin.execute(sql.as_str()).await?;
                admin.close().await
            })
            .map_err(std::io::Error::other)
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            let _ = writeln!(std::io::stderr(), "could not drop test database {name}");
        }
    }
}
