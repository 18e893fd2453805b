//! The chat commands (SPEC §6); the menu each role sees is `front::menu`.

use teloxide::utils::command::BotCommands;

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
