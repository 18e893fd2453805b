//! `getUpdates`: offsets confirm updates, `timeout` long-polls (capped, and
//! woken at once by a push), `allowed_updates` filters and persists.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use super::failures::ApiError;
use super::server::Inner;
use super::state::State;
use super::updates::update_kind;

/// Kinds Telegram leaves out when `allowed_updates` is empty or unset.
const OPT_IN_KINDS: &[&str] = &["chat_member", "message_reaction", "message_reaction_count"];

struct Params {
    offset: i64,
    limit: usize,
    timeout: Duration,
}

pub async fn get_updates(inner: &Arc<Inner>, body: &Value) -> Result<Value, ApiError> {
    let params = params(body)?;
    let deadline = Instant::now() + params.timeout.min(inner.long_poll_cap);
    {
        let mut state = inner.lock();
        if let Some(allowed) = allowed_updates(body) {
            state.set_allowed_updates(allowed);
        }
        confirm(&mut state, params.offset);
    }
    loop {
        // Register for a wake-up before looking, so a push in between is not lost.
        let notified = inner.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let batch = take_batch(&mut inner.lock(), &params);
        if !batch.is_empty() || Instant::now() >= deadline {
            return Ok(Value::Array(batch));
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

fn params(body: &Value) -> Result<Params, ApiError> {
    let int = |key: &str| -> Result<Option<i64>, ApiError> {
        match &body[key] {
            Value::Null => Some(None),
            Value::Number(n) => n.as_i64().map(Some),
            Value::String(s) => s.trim().parse().ok().map(Some),
            _ => None,
        }
        .ok_or_else(|| ApiError::bad_request(&format!("invalid {key}")))
    };
    let offset = int("offset")?.unwrap_or(0).max(0);
    let limit = int("limit")?.unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(int("timeout")?.unwrap_or(0).max(0) as u64);
    Ok(Params {
        offset,
        limit,
        timeout,
    })
}

pub fn allowed_updates(body: &Value) -> Option<Vec<String>> {
    let value = match &body["allowed_updates"] {
        Value::String(s) => serde_json::from_str(s).ok()?,
        other => other.clone(),
    };
    let items = value.as_array()?;
    Some(
        items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
    )
}

/// An offset confirms (forgets) every regular update below it.
fn confirm(state: &mut State, offset: i64) {
    state.queue.retain(|q| q.duplicate || q.id >= offset);
}

/// Duplicates go first and only once, so the bot's next offset (taken from
/// the last update of the batch) still confirms the regular ones.
fn take_batch(state: &mut State, params: &Params) -> Vec<Value> {
    let allowed = state.allowed_updates.clone();
    state
        .queue
        .retain(|q| q.exempt || is_allowed(allowed.as_deref(), &q.update));
    let mut batch = Vec::new();
    while batch.len() < params.limit {
        let Some(pos) = state.queue.iter().position(|q| q.duplicate) else {
            break;
        };
        if let Some(dup) = state.queue.remove(pos) {
            batch.push(dup.update);
        }
    }
    let regular = state.queue.iter().filter(|q| q.id >= params.offset);
    let room = params.limit - batch.len();
    batch.extend(regular.take(room).map(|q| q.update.clone()));
    batch
}

fn is_allowed(allowed: Option<&[String]>, update: &Value) -> bool {
    let kind = update_kind(update).unwrap_or_default();
    match allowed {
        Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
        _ => !OPT_IN_KINDS.contains(&kind),
    }
}
