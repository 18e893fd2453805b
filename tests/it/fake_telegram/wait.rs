//! Waiting for the bot: poll the recorded state with a short sleep, and on
//! timeout fail with a readable dump of what the user saw.

use std::fmt;
use std::time::{Duration, Instant};

use super::state::{RecordedRequest, SentMessage};
use super::FakeTelegram;

const POLL: Duration = Duration::from_millis(10);

/// A wait that timed out; `Debug` prints the dump too, so `.unwrap()` reads well.
#[derive(Clone)]
pub struct WaitTimeout {
    pub what: String,
    pub waited: Duration,
    pub dump: String,
}

impl fmt::Display for WaitTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "timed out after {:?} waiting for {}\n{}",
            self.waited, self.what, self.dump
        )
    }
}

impl fmt::Debug for WaitTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for WaitTimeout {}

impl FakeTelegram {
    /// Polls `probe` until it yields a value or `timeout` passes.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut(&FakeTelegram) -> Option<T>,
    ) -> Result<T, WaitTimeout> {
        let start = Instant::now();
        loop {
            if let Some(found) = probe(self) {
                return Ok(found);
            }
            if start.elapsed() >= timeout {
                let dump = self.dump_all();
                return Err(WaitTimeout {
                    what: what.to_owned(),
                    waited: start.elapsed(),
                    dump,
                });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut pred: impl FnMut(&FakeTelegram) -> bool,
    ) -> Result<(), WaitTimeout> {
        self.wait_for(what, timeout, |tg| pred(tg).then_some(()))
            .await
    }

    /// The newest bot message in `chat` matching `pred` (edits count).
    pub async fn wait_for_message(
        &self,
        chat: i64,
        pred: impl Fn(&SentMessage) -> bool,
        timeout: Duration,
    ) -> Result<SentMessage, WaitTimeout> {
        let what = format!("a matching bot message in chat {chat}");
        self.wait_for(&what, timeout, |tg| {
            tg.messages(chat).into_iter().rev().find(|m| pred(m))
        })
        .await
    }

    /// A matching bot message sent after `after_message_id` (use the id of
    /// the user's message or of the last message seen).
    pub async fn wait_for_new_message(
        &self,
        chat: i64,
        after_message_id: i32,
        pred: impl Fn(&SentMessage) -> bool,
        timeout: Duration,
    ) -> Result<SentMessage, WaitTimeout> {
        let what = format!("a matching bot message in chat {chat} after #{after_message_id}");
        self.wait_for(&what, timeout, |tg| {
            let mut messages = tg.messages(chat).into_iter();
            messages.find(|m| m.message_id > after_message_id && pred(m))
        })
        .await
    }

    /// At least `count` bot messages in `chat`; returns them all.
    pub async fn wait_for_messages(
        &self,
        chat: i64,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<SentMessage>, WaitTimeout> {
        let what = format!("{count} bot messages in chat {chat}");
        self.wait_for(&what, timeout, |tg| {
            Some(tg.messages(chat)).filter(|m| m.len() >= count)
        })
        .await
    }

    /// One message reaching a state, e.g. `|m| m.edits >= 1`.
    pub async fn wait_for_edit(
        &self,
        chat: i64,
        message_id: i32,
        pred: impl Fn(&SentMessage) -> bool,
        timeout: Duration,
    ) -> Result<SentMessage, WaitTimeout> {
        let what = format!("message #{message_id} in chat {chat} to match");
        self.wait_for(&what, timeout, |tg| {
            tg.message(chat, message_id).filter(|m| pred(m))
        })
        .await
    }

    /// The bot's answer to a callback query: `(text, show_alert)`.
    pub async fn wait_for_callback_answer(
        &self,
        callback_query_id: &str,
        timeout: Duration,
    ) -> Result<(Option<String>, bool), WaitTimeout> {
        let what = format!("answerCallbackQuery for {callback_query_id}");
        self.wait_for(&what, timeout, |tg| {
            let answers = tg.callback_answers().into_iter();
            answers
                .rev()
                .find(|(id, _, _)| id == callback_query_id)
                .map(|(_, text, alert)| (text, alert))
        })
        .await
    }

    /// The first request of `method` (case-insensitive).
    pub async fn wait_for_request(
        &self,
        method: &str,
        timeout: Duration,
    ) -> Result<RecordedRequest, WaitTimeout> {
        let what = format!("a {method} request");
        self.wait_for(&what, timeout, |tg| {
            tg.requests_for(method).into_iter().next()
        })
        .await
    }

    /// Waits until the bot has fetched every queued update.
    pub async fn wait_updates_consumed(&self, timeout: Duration) -> Result<(), WaitTimeout> {
        self.wait_until("the bot to fetch all queued updates", timeout, |tg| {
            tg.pending_updates() == 0
        })
        .await
    }

    /// Waits until the bot made no call but getUpdates for `quiet`, e.g.
    /// before asserting that nothing more was sent.
    pub async fn settle(&self, quiet: Duration, timeout: Duration) -> Result<(), WaitTimeout> {
        self.wait_until("the bot to go quiet", timeout, |tg| {
            let state = tg.inner.lock();
            let mut active = state.requests.iter().filter(|r| !r.is("getUpdates"));
            active.next_back().is_none_or(|r| r.at.elapsed() >= quiet)
        })
        .await
    }

    /// Every chat, recent calls and errors: the context of a failed wait.
    pub fn dump_all(&self) -> String {
        let state = self.inner.lock();
        let mut chats: Vec<i64> = state.chats.keys().copied().collect();
        chats.sort_unstable();
        let mut out: Vec<String> = chats.iter().map(|c| state.dump_chat(*c)).collect();
        if out.is_empty() {
            out.push("no bot messages in any chat".to_owned());
        }
        let calls: Vec<&str> = state
            .requests
            .iter()
            .filter(|r| !r.is("getUpdates"))
            .map(|r| r.method.as_str())
            .collect();
        let recent = &calls[calls.len().saturating_sub(15)..];
        out.push(format!("last calls: {}", recent.join(", ")));
        if !state.api_errors.is_empty() {
            out.push(format!("error answers: {:?}", state.api_errors));
        }
        out.push(format!("updates not yet fetched: {}", state.queue.len()));
        out.join("\n")
    }
}
