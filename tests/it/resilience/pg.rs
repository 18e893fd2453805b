//! A fresh PostgreSQL database per test under `OTKLIK_TEST_PG_URL`, dropped afterwards; its
//! URL is handed to the `otklik` processes.

use std::io::Write;

use sqlx::{Connection, Executor, PgConnection};

use crate::helpers::db::PG_URL_VAR;

pub struct PgDb {
    pub url: String,
    admin_url: String,
    name: String,
}

impl PgDb {
    /// `None`, saying why on stderr, when `OTKLIK_TEST_PG_URL` is not set.
    pub async fn create(test: &str) -> Option<PgDb> {
        let Ok(admin_url) = std::env::var(PG_URL_VAR) else {
            // Straight to stderr: the harness captures `eprintln!` of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped, set {PG_URL_VAR} (e.g. postgres://postgres@127.0.0.1:5432/test)"
            );
            return None;
        };
        let name = format!(
            "otklik_resilience_{}_{}",
            std::process::id(),
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
        let mut url = url::Url::parse(&admin_url).expect("OTKLIK_TEST_PG_URL is a URL");
        url.set_path(&format!("/{name}"));
        Some(PgDb {
            url: url.to_string(),
            admin_url,
            name,
        })
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let admin_url = self.admin_url.clone();
        // Drop cannot await and the test's runtime may be winding down: a thread with its
        // own runtime drops the database (FORCE ends connections still open).
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
            let _ = writeln!(
                std::io::stderr(),
                "could not drop test database {}",
                self.name
            );
        }
    }
}
