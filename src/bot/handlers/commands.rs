//! The chat commands (SPEC §6) and the menu each role sees.

use teloxide::utils::command::BotCommands;

use crate::domain::Role;

#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Cmd {
    /// Start, or join with an invite.
    Start(String),
    /// Register a post by its link.
    New(String),
    /// My open tasks, most urgent first.
    My,
    /// A case card with its history.
    Case(String),
    /// Overdue cases.
    Overdue,
    /// The monthly summary, ГГГГ-ММ.
    Report(String),
    /// What I can do here.
    Help,
    /// Cancel what the bot is waiting for.
    Cancel,
    /// п.19: a deficiency notice to the controller, `/notice [case number]`.
    Notice(String),
    /// Admin: an invite link, `/invite <role> [unit]`.
    Invite(String),
    /// Admin: people and their roles.
    People,
    /// Admin: units and their deputies.
    Units,
    /// Admin: topics, locations, importance levels.
    Lists,
    /// Admin: change the directory, `/set …`.
    Set(String),
}

impl Cmd {
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
}
