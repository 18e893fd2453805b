//! The report benchmarks' database: a million cases over 23 months, bulk-inserted with
//! `INSERT … SELECT` (shared by `report_bench` and `report_delivery_bench`).

use std::str::FromStr;

use anyhow::Result;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, SqlitePool};

use otklik::domain::calendar::WorkCalendar;
use otklik::domain::report::YearMonth;

pub const MONTH: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};
/// Cases before the report month are spread from here on (22 months of history).
const HISTORY_FROM: YearMonth = YearMonth {
    year: 2025,
    month: 1,
};
const UNITS: i64 = 30;

/// Bulk insert with `INSERT … SELECT` over a generated sequence: no per-row round trips.
pub async fn fill(url: &str, cases: i64, month_cases: i64) -> Result<()> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Delete)
        .synchronous(SqliteSynchronous::Off)
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let tz = WorkCalendar::default().timezone();
    let (old_from, start, end) = (
        HISTORY_FROM.start(tz).timestamp(),
        MONTH.start(tz).timestamp(),
        MONTH.end(tz).timestamp(),
    );
    directory(&pool).await?;
    let mut tx = pool.begin().await?;
    tx.execute("CREATE TEMP TABLE seq (i INTEGER PRIMARY KEY)")
        .await?;
    sqlx::query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) INSERT INTO seq SELECT i FROM n")
        .bind(cases)
        .execute(&mut *tx)
        .await?;
    let old = cases - month_cases;
    sqlx::query(CASES_SQL)
        .bind(old)
        .bind(old_from)
        .bind(start)
        .bind(end)
        .bind(month_cases)
        .execute(&mut *tx)
        .await?;
    for sql in EVENT_SQL {
        sqlx::query(sql).bind(DRAFT).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    pool.execute("ANALYZE").await?;
    pool.close().await;
    Ok(())
}

async fn directory(pool: &SqlitePool) -> Result<()> {
    pool.execute("INSERT INTO people (id, name) VALUES (1, 'Куратор'), (2, 'Исполнитель')")
        .await?;
    for u in 1..=UNITS {
        sqlx::query("INSERT INTO units (id, name) VALUES (?1, ?2)")
            .bind(u)
            .bind(format!("Отдел №{u}"))
            .execute(pool)
            .await?;
    }
    Ok(())
}

const DRAFT: &str = "Здравствуйте! Информация передана в профильный отдел, работы будут выполнены в течение недели. Спасибо за обращение.";

/// Case `i`: before the month for `i ≤ old` (spread evenly from `HISTORY_FROM`), else in
/// the month. Of the month's cases every 20th is open, every 20th (+2) answered three days
/// late, every 20th (+3) returned once; of the older ones one in a thousand is still open.
const CASES_SQL: &str = "
INSERT INTO cases (id, number, link, network, topic, location, importance, repeat_of, state,
                   registered_at, registered_by, closed_at, responsible_unit, holder_id, next_due_at, version)
SELECT i, i, 'https://vk.com/wall-1_' || i,
       CASE i % 3 WHEN 0 THEN 'vk' WHEN 1 THEN 'ok' ELSE 'telegram' END,
       CASE i % 7 WHEN 0 THEN 'ЖКХ' WHEN 1 THEN 'Дороги' WHEN 2 THEN 'Благоустройство' WHEN 3 THEN 'Образование'
                  WHEN 4 THEN 'Здравоохранение' WHEN 5 THEN 'Транспорт' ELSE 'Другое' END,
       CASE i % 5 WHEN 0 THEN 'г. Алатырь' WHEN 1 THEN 'с. Алтышево' WHEN 2 THEN 'с. Кувакино'
                  WHEN 3 THEN 'с. Чуварлеи' ELSE 'Другое' END,
       CASE i % 3 WHEN 0 THEN 'Высокая' WHEN 1 THEN 'Средняя' ELSE 'Низкая' END,
       NULL, CASE WHEN open THEN 'in_work' ELSE 'answered' END,
       reg, 1, CASE WHEN open THEN NULL ELSE reg + CASE WHEN i % 20 = 2 THEN 259200 ELSE 10800 END END,
       1 + i % 30, NULL, NULL, 0
FROM (SELECT i,
             CASE WHEN i <= ?1 THEN ?2 + (i - 1) * (?3 - ?2) / ?1
                  ELSE ?3 + (i - ?1 - 1) * (?4 - ?3) / ?5 END AS reg,
             CASE WHEN i <= ?1 THEN i % 1000 = 7 ELSE i % 20 = 0 END AS open
      FROM seq)";

/// One statement per event kind, in time order, so each case's events are in id order.
const EVENT_SQL: [&str; 8] = [
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at, 1, 'registered', '{\"kind\":\"registered\",\"link\":\"' || link || '\",\"network\":\"' || network
        || '\",\"topic\":\"' || topic || '\",\"location\":\"' || location || '\",\"importance\":\"' || importance
        || '\",\"repeat_of\":null}' FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 300, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":'
        || CASE WHEN id % 20 = 3 THEN 1 + (id + 7) % 30 ELSE responsible_unit END
        || ',\"responsible\":true,\"order\":0}' FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 900, 2, 'returned', '{\"kind\":\"returned\",\"unit\":' || (1 + (id + 7) % 30)
        || ',\"reason\":\"не наша компетенция\"}' FROM cases WHERE id % 20 = 3 AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 1800, 1, 'assigned', '{\"kind\":\"assigned\",\"unit\":' || responsible_unit
        || ',\"responsible\":true,\"order\":0}' FROM cases WHERE id % 20 = 3 AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 2400, 2, 'accepted', '{\"kind\":\"accepted\",\"unit\":' || responsible_unit || '}'
     FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, registered_at + 7200, 2, 'draft_submitted', '{\"kind\":\"draft_submitted\",\"draft_kind\":\"final\",\"text\":\"'
        || ?1 || '\",\"attachments\":[]}' FROM cases WHERE closed_at IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, closed_at - 1800, 1, 'draft_approved', '{\"kind\":\"draft_approved\"}'
     FROM cases WHERE closed_at IS NOT NULL AND ?1 IS NOT NULL ORDER BY id",
    "INSERT INTO case_events (case_id, at, actor_id, kind, payload)
     SELECT id, closed_at, 1, 'published', '{\"kind\":\"published\",\"draft_kind\":\"final\",\"url\":null}'
     FROM cases WHERE closed_at IS NOT NULL AND ?1 IS NOT NULL ORDER BY id",
];
