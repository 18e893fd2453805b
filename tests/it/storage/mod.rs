//! Storage contract tests: one suite, run against both backends. Each test is an
//! `async fn(&TestDb)` listed in its file's `contract!`, which makes a `sqlite` and a
//! `postgres` `#[tokio::test]` of it, each on a fresh database.

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

mod cases;
mod concurrency;
mod connect;
mod directory;
mod fixture;
mod intake;
mod invites;
mod kv;
mod outbox;
mod reads;
mod report_months;
mod timers;
