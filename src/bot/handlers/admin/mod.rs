//! Admin commands in Telegram: the command and the chat kind are read from the update,
//! `front::admin` does the rest, and the answer's [`Effect`] is carried out here, where
//! Telegram's per-chat command menus live.

use teloxide::prelude::*;
use teloxide::types::{BotCommandScope, ChatId, Recipient};

use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::menu;
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::directory::Person;
use crate::domain::Role;
use crate::front::admin::{AdminCmd, Effect};
use crate::i18n::Lang;

/// Runs an admin command from this chat and answers there.
pub async fn run(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    cmd: AdminCmd,
) -> anyhow::Result<()> {
    let private = msg.chat.is_private();
    let answer = crate::front::admin::run(&ctx, &who, private, cmd).await?;
    if let Some(effect) = answer.effect {
        apply_effect(&bot, &ctx, effect).await;
    }
    send(&bot, msg.chat.id, &answer.text, None).await?;
    Ok(())
}

/// The menu follows the person's roles: a new one at once (in their language), none once
/// they are switched off. A failure here leaves the change made and is only logged.
async fn apply_effect(bot: &Tg, ctx: &BotCtx, effect: Effect) {
    match effect {
        Effect::RolesChanged { person, roles } => refresh_menu(bot, ctx, &person, roles).await,
        Effect::SwitchedOff { person } => {
            let Some(tg) = person.telegram_id else {
                return;
            };
            let scope = BotCommandScope::Chat {
                chat_id: Recipient::Id(ChatId(tg)),
            };
            if let Err(e) = bot.delete_my_commands().scope(scope).await {
                tracing::warn!(error = %e, person = %person.id, "removing the command menu failed");
            }
        }
    }
}

async fn refresh_menu(bot: &Tg, ctx: &BotCtx, p: &Person, roles: Vec<Role>) {
    let Some(tg) = p.telegram_id.filter(|_| p.active) else {
        return;
    };
    let lang = match ctx.store.person_settings(p.id).await {
        Ok(Some(s)) => Lang::from_code(s.language.as_deref()),
        _ => Lang::Ru,
    };
    if let Err(e) = menu::register_for(bot, ChatId(tg), &roles, lang).await {
        tracing::warn!(error = %e, person = %p.id, "updating the command menu failed");
    }
}
