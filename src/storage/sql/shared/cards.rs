//! Case cards sent with buttons, to redraw the ones a change leaves behind (SPEC §6).

use sqlx::{FromRow, Pool};

use super::base::Row as DbRow;
use super::Db;
use crate::domain::case::Concern;
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::messenger::Messenger;
use crate::storage::sql::stmt::Stmt;
use crate::storage::{CardRef, CaseCard, StoreError};

type Row = (String, i64, i64, i64, i64, i64, String, bool);

const COLUMNS: &str =
    "messenger, chat_id, message_id, case_id, person_id, version, concerns, prompt";

/// Records a card, replacing what was recorded for the same message (a redraw).
pub(crate) fn remember(card: &CaseCard) -> Stmt {
    let concerns: Vec<String> = card.concerns.iter().map(|c| c.code()).collect();
    Stmt::new(format!(
        "INSERT INTO case_cards ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (messenger, chat_id, message_id) DO UPDATE SET case_id = $4, \
         person_id = $5, version = $6, concerns = $7, prompt = $8"
    ))
    .arg(card.at.messenger.as_str())
    .arg(card.at.chat_id)
    .arg(card.at.message_id)
    .arg(card.case.0)
    .arg(card.person.0)
    .arg(i64::from(card.version))
    .arg(concerns.join(","))
    .arg(card.prompt)
}

/// The cards of a case: the statement, then [`cards_from`] its rows.
pub(crate) fn for_case(case: CaseId) -> Stmt {
    Stmt::new(format!(
        "SELECT {COLUMNS} FROM case_cards WHERE case_id = $1 ORDER BY chat_id, message_id"
    ))
    .arg(case.0)
}

pub(crate) fn cards_from(rows: Vec<DbRow>) -> Result<Vec<CaseCard>, StoreError> {
    rows.iter().map(|r| card(Row::from_row(r)?)).collect()
}

pub(crate) fn forget(at: CardRef) -> Stmt {
    Stmt::new("DELETE FROM case_cards WHERE messenger = $1 AND chat_id = $2 AND message_id = $3")
        .arg(at.messenger.as_str())
        .arg(at.chat_id)
        .arg(at.message_id)
}

fn card(row: Row) -> Result<CaseCard, StoreError> {
    let (messenger, chat_id, message_id, case, person, version, concerns, prompt) = row;
    let messenger = Messenger::parse(&messenger)
        .ok_or_else(|| StoreError::corrupt(format!("case card messenger {messenger:?}")))?;
    let concerns = concerns
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| Concern::parse(c).ok_or_else(|| StoreError::corrupt(format!("concern {c:?}"))))
        .collect::<Result<_, _>>()?;
    Ok(CaseCard {
        at: CardRef {
            messenger,
            chat_id,
            message_id,
        },
        case: CaseId(case),
        person: PersonId(person),
        version: u32::try_from(version).unwrap_or(u32::MAX),
        concerns,
        prompt,
    })
}

/// The number of MAX message `mid`, given on first use.
pub(crate) async fn max_message_number(pool: &Pool<Db>, mid: &str) -> Result<i64, StoreError> {
    sqlx::query("INSERT INTO max_messages (mid) VALUES ($1) ON CONFLICT (mid) DO NOTHING")
        .bind(mid)
        .execute(pool)
        .await?;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM max_messages WHERE mid = $1")
        .bind(mid)
        .fetch_one(pool)
        .await?;
    Ok(id)
}

/// The `mid` of a numbered MAX message.
pub(crate) async fn max_mid(pool: &Pool<Db>, id: i64) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT mid FROM max_messages WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(mid,)| mid))
}
