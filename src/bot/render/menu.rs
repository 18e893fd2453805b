//! The command menu Telegram shows next to the input field: a short default one for
//! everybody (strangers may only /start), and each person's own, by role, in their chat.

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, ChatId, Recipient};

use crate::bot::ctx::Tg;
use crate::domain::Role;
use crate::front::menu::{describe, menu_for};
use crate::i18n::Lang;

/// The menu before anyone is known: join, and what the bot is.
const DEFAULT_MENU: [(&str, &str); 2] = [("start", "cmd-start"), ("help", "cmd-help")];

/// Default-scope commands: Russian for everybody, English for English-language apps.
pub async fn register_defaults(bot: &Tg) -> anyhow::Result<()> {
    bot.set_my_commands(commands(&DEFAULT_MENU, Lang::Ru))
        .await?;
    bot.set_my_commands(commands(&DEFAULT_MENU, Lang::En))
        .language_code(Lang::En.code())
        .await?;
    Ok(())
}

/// One person's menu in their chat, by role, in their language.
pub async fn register_for(
    bot: &Tg,
    chat: ChatId,
    roles: &[Role],
    lang: Lang,
) -> anyhow::Result<()> {
    let scope = BotCommandScope::Chat {
        chat_id: Recipient::Id(chat),
    };
    bot.set_my_commands(commands(&menu_for(roles), lang))
        .scope(scope)
        .await?;
    Ok(())
}

/// The menu entries with their descriptions in `lang`.
pub fn commands(menu: &[(&str, &str)], lang: Lang) -> Vec<BotCommand> {
    menu.iter()
        .map(|(command, key)| BotCommand::new(*command, describe(key, lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_menu() -> Vec<Vec<(&'static str, &'static str)>> {
        let mut menus = vec![DEFAULT_MENU.to_vec(), menu_for(&Role::ALL), menu_for(&[])];
        menus.extend(Role::ALL.iter().map(|r| menu_for(&[*r])));
        menus
    }

    #[test]
    fn every_description_exists_and_fits_telegram() {
        for lang in [Lang::Ru, Lang::En] {
            for menu in every_menu() {
                for (command, key) in menu {
                    assert!(
                        crate::i18n::loader(lang).has(key),
                        "{key} is missing in {lang:?}"
                    );
                    let text = describe(key, lang);
                    let n = text.chars().count();
                    assert!((3..=256).contains(&n), "{key}: {text}");
                    assert!(
                        command.len() <= 32
                            && command.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    );
                }
            }
        }
    }

    #[test]
    fn menus_follow_roles() {
        let names = |roles: &[Role]| -> Vec<String> {
            commands(&menu_for(roles), Lang::Ru)
                .into_iter()
                .map(|c| c.command)
                .collect()
        };
        assert!(names(&[Role::Curator]).contains(&"new".to_owned()));
        assert!(!names(&[Role::Executor]).contains(&"new".to_owned()));
        assert!(names(&[Role::Admin]).contains(&"invite".to_owned()));
        assert!(!names(&[Role::Deputy]).contains(&"invite".to_owned()));
    }
}
