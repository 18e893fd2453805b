//! The load benchmark's archive: `n` cases of history filled in bulk on either backend
//! (`INSERT … SELECT` over a generated sequence, no per-row round trips), one in ten still
//! open — in work at its unit, with its unit row and two timers — the rest answered with a
//! full history, so any of them replays. The names match `world`'s directory.

use std::str::FromStr;

use anyhow::Result;
use sqlx::{Executor, PgPool, SqlitePool};

/// One case in `OPEN_EVERY` is open.
const OPEN_EVERY: i64 = 10;
const UNITS: i64 = 30;
/// Cases are registered one every 30 s up to about now.
const SPACING: i64 = 30;

enum Db {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

impl Db {
    async fn exec(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(p) => p.execute(sql).await.map(drop)?,
            Db::Pg(p) => p.execute(sql).await.map(drop)?,
        }
        Ok(())
    }

    /// Where `SELECT … FROM {seq}` draws i = 1..=n.
    async fn sequence(&self, n: i64) -> Result<String> {
        match self {
            Db::Sqlite(_) => {
                self.exec("CREATE TEMP TABLE seq (i INTEGER PRIMARY KEY)")
                    .await?;
                self.exec(&format!(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
                     INSERT INTO seq SELECT i FROM n"
                ))
                .await?;
                Ok("seq".into())
            }
            Db::Pg(_) => Ok(format!("generate_series(1, {n}) AS seq(i)")),
        }
    }
}

/// Fills a migrated, empty database at `url` with `n` cases and the directory they name.
pub async fn fill(url: &str, n: i64) -> Result<()> {
    let db = if url.starts_with("postgres") {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .after_connect(|c, _| {
                Box::pin(async move { c.execute("SET synchronous_commit = off").await.map(drop) })
            })
            .connect(url)
            .await?;
        Db::Pg(pool)
    } else {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteSynchronous};
        let options = SqliteConnectOptions::from_str(url)?
            .synchronous(SqliteSynchronous::Off)
            .foreign_keys(false);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Db::Sqlite(pool)
    };
    directory(&db).await?;
    let seq = db.sequence(n).await?;
    let now = chrono::Utc::now().timestamp() - 86_400;
    db.exec(&cases_sql(&seq, n, now)).await?;
    for sql in EVENTS {
        db.exec(sql).await?;
    }
    db.exec(
        "INSERT INTO case_units (case_id, unit_id, responsible, status) \
         SELECT id, responsible_unit, TRUE, 'accepted' FROM cases ORDER BY id",
    )
    .await?;
    timers(&db, now).await?;
    db.exec(&format!(
        "UPDATE counters SET value = {n} WHERE name = 'case_number'"
    ))
    .await?;
    if let Db::Pg(_) = db {
        // Explicit ids leave the identity sequences behind.
        for table in ["cases", "units", "people"] {
            db.exec(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    // As autovacuum would have by the time a million cases piled up: without it every
    // row the fill rewrote is still in the indexes, and no index-only scan skips the heap.
    match db {
        Db::Pg(_) => db.exec("VACUUM ANALYZE").await?,
        Db::Sqlite(_) => db.exec("ANALYZE").await?,
    }
    match db {
        Db::Sqlite(p) => p.close().await,
        Db::Pg(p) => p.close().await,
    }
    Ok(())
}

async fn directory(db: &Db) -> Result<()> {
    db.exec("INSERT INTO people (id, name) VALUES (1, 'Куратор'), (2, 'Исполнитель')")
        .await?;
    let units: Vec<String> = (1..=UNITS)
        .map(|u| format!("({u}, 'Отдел №{u}')"))
        .collect();
    db.exec(&format!(
        "INSERT INTO units (id, name) VALUES {}",
        units.join(", ")
    ))
    .await
}

/// Case `i` registered `(n - i) * SPACING` seconds before `now`; the open ones in work.
fn cases_sql(seq: &str, n: i64, now: i64) -> String {
    let open = format!("i % {OPEN_EVERY} = 0");
    let reg = format!("(CAST({now} AS BIGINT) - CAST({n} - i AS BIGINT) * {SPACING})");
    format!(
        "INSERT INTO cases (id, number, link, network, topic, location, importance, repeat_of, \
         state, registered_at, registered_by, closed_at, responsible_unit, holder_id, next_due_at, version) \
         SELECT i, i, 'https://vk.com/wall-2_' || i, 'vk', 'ЖКХ', 'г. Алатырь', 'Средняя', NULL, \
         CASE WHEN {open} THEN 'in_work' ELSE 'answered' END, {reg}, 1, \
         CASE WHEN {open} THEN NULL ELSE {reg} + 10800 END, \
         1 + i % {UNITS}, CASE WHEN {open} THEN 2 ELSE NULL END, NULL, 0 FROM {seq}"
    )
}

/// One statement per event kind, in time order, so each case's events are in id order.
const EVENTS: [&str; 6] = [
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at, 1, 'registered', '{\"kind\":\"registered\",\"link\":\"' || link \
     || '\",\"network\":\"vk\",\"topic\":\"ЖКХ\",\"location\":\"г. Алатырь\",\"importance\":\"Средняя\",\"repeat_of\":null}' \
     FROM cases ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at + 300, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":' || responsible_unit \
     || ',\"responsible\":true,\"order\":0}' FROM cases ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at + 2400, 2, 'accepted', '{\"kind\":\"accepted\",\"unit\":' || responsible_unit \
     || '}' FROM cases ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, registered_at + 7200, 2, 'draft_submitted', '{\"kind\":\"draft_submitted\",\"draft_kind\":\"final\",\
     \"text\":\"Работы выполнены.\",\"attachments\":[]}' FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, closed_at - 1800, 1, 'draft_approved', '{\"kind\":\"draft_approved\"}' \
     FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload) \
     SELECT id, closed_at, 1, 'published', '{\"kind\":\"published\",\"draft_kind\":\"final\",\"url\":null}' \
     FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
];

/// The open cases' timers (the draft to the curator and the answer), spread over the coming
/// weeks, and their nearest due moment on the case row.
async fn timers(db: &Db, now: i64) -> Result<()> {
    let base = now + 2 * 86_400;
    for (kind, offset) in [("draft_to_curator", 0), ("answer", 3 * 3600)] {
        let due = format!("CAST({base} AS BIGINT) + (id % 20000) * 60 + {offset}");
        db.exec(&format!(
            "INSERT INTO case_deadlines (case_id, kind, party, starts_at, due_at, remind_at, \
             remind_done, breach_done, next_fire_at) \
             SELECT id, '{kind}', 'unit:' || responsible_unit, registered_at, {due}, {due} - 3600, \
             FALSE, FALSE, {due} - 3600 FROM cases WHERE closed_at IS NULL ORDER BY id"
        ))
        .await?;
    }
    db.exec(&format!(
        "UPDATE cases SET next_due_at = CAST({base} AS BIGINT) + (id % 20000) * 60 \
         WHERE closed_at IS NULL"
    ))
    .await
}
