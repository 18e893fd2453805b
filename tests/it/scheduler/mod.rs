//! Scheduler tests: reminders and п.19 notices at the right working minute, exactly once,
//! delivery outcomes and pacing, downtime catch-up, the monthly trigger and the run loop.
//! Each test runs on a fresh SQLite database and, when `OTKLIK_TEST_PG_URL` is set, on a
//! fresh PostgreSQL one.

/// Makes a `sqlite` and a `postgres` `#[tokio::test]` of each listed `async fn(&TestDb)`.
macro_rules! scenario {
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

mod closed;
mod delivery;
mod downtime;
mod fixture;
mod fresh;
mod monthly;
mod once;
mod reminders;
mod run_loop;
