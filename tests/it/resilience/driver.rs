//! People working cases through the fake Telegram, one idempotent step at a time: each step
//! first looks at the database and does nothing if its change is already committed, and
//! repeats its press or reply if that got lost (e.g. taken by a process that was killed
//! before committing) — what a person does when a button seems to do nothing.

use std::time::Duration;

use crate::fake_telegram::{SentMessage, User};
use crate::helpers::app::CURATOR;

use super::world::{mentions_case, World};

/// A press or reply to commit.
pub const STEP: Duration = Duration::from_secs(20);
/// A card to show up before the person asks for it with `/case N`.
const CARD: Duration = Duration::from_secs(10);
const ATTEMPTS: usize = 3;

pub fn user(id: u64) -> User {
    User::ru(id as i64, &format!("Сотрудник {id}"))
}

pub struct Driver<'a> {
    pub w: &'a World,
}

impl Driver<'_> {
    /// The newest message in `chat` about case `n` with a `label` button; asks for the card
    /// with `/case N` when none shows up in time (e.g. the card edit was lost in a crash).
    pub async fn button(&self, chat: u64, n: i64, label: &str) -> SentMessage {
        let tg = &self.w.tg;
        let fits = |m: &SentMessage| mentions_case(&m.text, n) && m.has_button(label);
        if let Ok(m) = tg.wait_for_message(chat as i64, fits, CARD).await {
            return m;
        }
        tg.push_text(&user(chat), &format!("/case {n}"));
        tg.wait_for_message(chat as i64, fits, STEP)
            .await
            .unwrap_or_else(|e| panic!("no «{label}» for case №{n}: {e}"))
    }

    fn last_id(&self, chat: u64) -> i32 {
        let last = self.w.tg.last_message(chat as i64);
        last.map_or(0, |m| m.message_id)
    }

    /// Presses `label` on case `n` until the history records `tag`.
    async fn press_until(&self, who: u64, n: i64, label: &str, tag: &str) {
        for _ in 0..ATTEMPTS {
            if self.w.has_event(n, tag).await {
                return;
            }
            let card = self.button(who, n, label).await;
            self.w.tg.press_button(&user(who), card.message_id, label);
            if self.w.wait_event(n, tag, STEP).await {
                return;
            }
        }
        panic!("case №{n} never got {tag:?}\n{}", self.w.tg.dump_all());
    }

    /// Presses `label`, waits for the prompt containing `prompt`, replies `text`; until the
    /// history records `tag`.
    async fn answer_until(
        &self,
        who: u64,
        n: i64,
        label: &str,
        prompt: &str,
        text: &str,
        tag: &str,
    ) {
        let tg = &self.w.tg;
        for _ in 0..ATTEMPTS {
            if self.w.has_event(n, tag).await {
                return;
            }
            let card = self.button(who, n, label).await;
            let last = self.last_id(who);
            tg.press_button(&user(who), card.message_id, label);
            let asked = |m: &SentMessage| m.text.contains(prompt);
            if tg
                .wait_for_new_message(who as i64, last, asked, STEP)
                .await
                .is_err()
            {
                continue;
            }
            tg.push_text(&user(who), text);
            if self.w.wait_event(n, tag, STEP).await {
                return;
            }
        }
        panic!("case №{n} never got {tag:?}\n{}", tg.dump_all());
    }

    pub async fn accept(&self, who: u64, n: i64) {
        self.press_until(who, n, "Принять", "accepted").await;
    }

    pub async fn draft(&self, who: u64, n: i64) {
        let prompt = format!("Дело №{n}: пришлите текст ответа");
        let text = draft_text(n);
        self.answer_until(
            who,
            n,
            "Подготовить ответ",
            &prompt,
            &text,
            "draft_submitted",
        )
        .await;
    }

    pub async fn approve(&self, deputy: u64, n: i64) {
        self.press_until(deputy, n, "Согласовать", "draft_approved")
            .await;
    }

    pub async fn publish(&self, n: i64) {
        let prompt = format!("Дело №{n}: пришлите ссылку");
        let link = format!("https://vk.com/wall-1_{n}?reply=7");
        self.answer_until(CURATOR, n, "Опубликовано", &prompt, &link, "published")
            .await;
    }
}

pub fn draft_text(n: i64) -> String {
    format!("Уважаемый житель! По делу №{n} работы выполнят до 1 декабря.")
}
