//! What a person can do, by role, in both messengers: the commands of their menu and the
//! `/help` text. Telegram registers the menu per chat; MAX has one menu for the bot, and
//! its `/help` lists the commands the person's roles allow.

use crate::domain::Role;
use crate::front::format::term_within;
use crate::front::who::Who;
use crate::front::Ctx;
use crate::i18n::{loader, Lang};
use crate::t;

/// The commands in a role's menu, as (command, locale key of its description).
pub fn menu_for(roles: &[Role]) -> Vec<(&'static str, &'static str)> {
    let mut menu = vec![("my", "cmd-my"), ("case", "cmd-case"), ("help", "cmd-help")];
    let has = |r: Role| roles.contains(&r);
    if has(Role::Curator) {
        menu.insert(0, ("new", "cmd-new"));
    }
    if [
        Role::Curator,
        Role::Coordinator,
        Role::Controller,
        Role::Admin,
    ]
    .iter()
    .any(|r| has(*r))
    {
        menu.push(("overdue", "cmd-overdue"));
        menu.push(("report", "cmd-report"));
    }
    if crate::domain::deficiency::SENDERS.iter().any(|r| has(*r)) {
        menu.push(("notice", "cmd-notice"));
    }
    if has(Role::Admin) {
        menu.extend([
            ("invite", "cmd-invite"),
            ("people", "cmd-people"),
            ("units", "cmd-units"),
            ("lists", "cmd-lists"),
            ("set", "cmd-set"),
        ]);
    }
    menu.push(("cancel", "cmd-cancel"));
    menu
}

/// A command's description by its locale key (the menu's keys are data, so `t!` cannot
/// check them; the tests below do).
pub fn describe(key: &str, lang: Lang) -> String {
    loader(lang).get(key)
}

/// `/help`: the greeting, what each of the person's roles does here, then `footer` (the
/// commands, as the messenger offers them).
pub fn help(ctx: &Ctx, who: &Who, footer: &str) -> String {
    let lang = who.lang;
    let mut text = t!(
        lang,
        "help-title",
        name = crate::front::format::esc(&who.person.name)
    );
    for role in &who.actor.roles {
        text.push_str("\n\n");
        text += &match role {
            Role::Curator => t!(lang, "help-curator"),
            Role::Executor => t!(
                lang,
                "help-executor",
                term = term_within(ctx.policy().base.return_window, lang)
            ),
            Role::Deputy => t!(lang, "help-deputy"),
            Role::Coordinator => t!(lang, "help-coordinator"),
            Role::Controller => t!(lang, "help-controller"),
            Role::Admin => t!(lang, "help-admin"),
        };
    }
    text.push_str("\n\n");
    text.push_str(footer);
    text
}

/// The commands as lines «/my — Мои задачи…».
pub fn command_lines(menu: &[(&str, &str)], lang: Lang) -> String {
    let lines: Vec<String> = menu
        .iter()
        .map(|(command, key)| format!("/{command} — {}", describe(key, lang)))
        .collect();
    format!("{}\n{}", t!(lang, "help-commands"), lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_follow_roles() {
        let names =
            |roles: &[Role]| -> Vec<&str> { menu_for(roles).into_iter().map(|(c, _)| c).collect() };
        assert!(names(&[Role::Curator]).contains(&"new"));
        assert!(!names(&[Role::Executor]).contains(&"new"));
        assert!(names(&[Role::Admin]).contains(&"invite"));
        assert!(!names(&[Role::Deputy]).contains(&"invite"));
        assert!(names(&[Role::Coordinator]).contains(&"notice"));
    }

    #[test]
    fn command_lines_name_each_command_with_its_description() {
        let text = command_lines(&[("my", "cmd-my"), ("cancel", "cmd-cancel")], Lang::Ru);
        assert!(text.contains("/my — Мои задачи"), "{text}");
        assert!(text.contains("/cancel — Отменить ввод"), "{text}");
    }
}
