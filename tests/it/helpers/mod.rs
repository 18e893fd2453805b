//! Test helpers. `contract!` makes each listed `async fn(&TestDb)` of a file a `sqlite` and a
//! `postgres` `#[tokio::test]`, each on a fresh database.

/// Runs each listed test function of the enclosing file against SQLite and PostgreSQL.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = crate::helpers::db::TestDb::sqlite().await;
                    super::$name(&db).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = crate::helpers::db::TestDb::postgres().await else {
                        return;
                    };
                    super::$name(&db).await;
                }
            )*
        }
    };
}

pub mod app;
pub mod binary;
pub mod db;
pub mod look;

/// With `OTKLIK_TEST_LOG` set (an `EnvFilter`, e.g. `otklik=debug`), the in-process bot's
/// log goes to stderr: for chasing a failure that shows only under load. Process-wide, so
/// run the one test alone with it.
pub fn test_log() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = std::env::var("OTKLIK_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_writer(std::io::stderr)
                .try_init();
        }
    });
}
