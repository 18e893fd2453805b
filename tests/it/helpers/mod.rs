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
