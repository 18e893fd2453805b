//! What every handler gets: the context both messengers share ([`Ctx`]: storage, the
//! calendar and terms, the clock, the wake-up of the scheduler's loops) and what only the
//! Telegram adapter needs beside it.

use std::ops::Deref;
use std::sync::Arc;

use teloxide::Bot;

use crate::front::Ctx;

/// The bot as handlers see it. Not teloxide's `Throttle`: it applies the group limit
/// (20 a minute) to private chats too and queues a person's reply behind the notices to
/// that chat. The outbox is paced by the scheduler's limiter to Telegram's real limits per
/// chat kind; a reply to a person's own action goes at once and takes the chat's next slot
/// in that limiter (`serve::paced`), so the queued notices wait instead; `reply` retries a
/// 429 or 5xx.
pub type Tg = Bot;

#[derive(Clone)]
pub struct BotCtx {
    pub front: Ctx,
    /// The bot's username, for invite deep links (`t.me/<name>?start=<token>`).
    pub username: Arc<str>,
    /// VK as the community (`OTKLIK_VK_GROUP_TOKEN`), for answers published from the bot.
    pub vk_group: Option<crate::vk::VkClient>,
    /// Telegram albums being gathered (п.16).
    pub albums: Arc<crate::bot::album::Albums>,
}

impl BotCtx {
    /// Sets the VK community client, and with it whether cards may offer publishing there.
    pub fn with_vk_group(mut self, vk: Option<crate::vk::VkClient>) -> Self {
        self.front.vk_publishing = vk.is_some();
        self.vk_group = vk;
        self
    }
}

// Handlers read the shared fields (`ctx.store`, `ctx.now()`) as before, and pass `&BotCtx`
// wherever the neutral renderers take `&Ctx`.
impl Deref for BotCtx {
    type Target = Ctx;

    fn deref(&self) -> &Ctx {
        &self.front
    }
}
