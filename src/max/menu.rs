//! The MAX command menu and `/help`. MAX keeps one menu for the whole bot (`PATCH
//! /me/commands`), set at start-up with what anyone but an admin may use; `/help` lists the
//! commands the person's own roles allow, as Telegram's per-chat menu does.

use super::client::{BotCommand, MaxClient, MaxError, User};
use super::handle::say;
use super::serve::MaxFront;
use crate::domain::Role;
use crate::front::menu::{command_lines, describe, help as help_text, menu_for};
use crate::front::who::Who;
use crate::i18n::Lang;

/// The commands the MAX front end answers (`handle.rs` routes them).
const HANDLED: [&str; 13] = [
    "new", "my", "case", "overdue", "report", "notice", "invite", "people", "units", "lists",
    "set", "help", "cancel",
];

/// The roles whose commands the bot-wide menu shows: all but the admin's.
const EVERYONE: [Role; 5] = [
    Role::Curator,
    Role::Executor,
    Role::Deputy,
    Role::Coordinator,
    Role::Controller,
];

/// The commands `roles` allow in MAX, with `/settings` (where notices go) before `/help`.
pub fn for_roles(roles: &[Role]) -> Vec<(&'static str, &'static str)> {
    let mut menu: Vec<_> = menu_for(roles)
        .into_iter()
        .filter(|(command, _)| HANDLED.contains(command))
        .collect();
    let at = menu
        .iter()
        .position(|(c, _)| *c == "help")
        .unwrap_or(menu.len());
    menu.insert(at, ("settings", "cmd-settings"));
    menu
}

/// Sets the bot's menu (in Russian: MAX has no menu per language).
pub async fn register(client: &MaxClient) -> Result<(), MaxError> {
    let commands: Vec<BotCommand> = for_roles(&EVERYONE)
        .into_iter()
        .map(|(name, key)| BotCommand {
            name: name.to_owned(),
            description: describe(key, Lang::Ru),
        })
        .collect();
    client.set_commands(&commands).await
}

/// `/help`: what the person's roles do here and the commands they may use.
pub async fn help(front: &MaxFront, user: &User, who: &Who) -> anyhow::Result<()> {
    let roles: Vec<Role> = who.actor.roles.iter().copied().collect();
    let commands = command_lines(&for_roles(&roles), who.lang);
    say(front, user, &help_text(&front.ctx, who, &commands)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_follows_roles_and_what_max_answers() {
        let names = |roles: &[Role]| -> Vec<&str> {
            for_roles(roles).into_iter().map(|(c, _)| c).collect()
        };
        let everyone = names(&EVERYONE);
        assert!(everyone.contains(&"notice") && everyone.contains(&"settings"));
        assert!(!everyone.contains(&"invite"), "{everyone:?}");
        let admin = names(&[Role::Admin]);
        assert!(
            admin.contains(&"invite") && admin.contains(&"set"),
            "{admin:?}"
        );
        assert!(!names(&[Role::Executor]).contains(&"notice"));
        for (_, key) in for_roles(&Role::ALL) {
            assert!(crate::i18n::loader(Lang::Ru).has(key), "{key}");
            assert!(crate::i18n::loader(Lang::En).has(key), "{key}");
        }
    }
}
