//! Roles of SPEC §1.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Curator,
    Executor,
    Deputy,
    Coordinator,
    Controller,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Curator,
        Role::Executor,
        Role::Deputy,
        Role::Coordinator,
        Role::Controller,
    ];

    /// The stable spelling used in the configuration file, the database and callback data.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Curator => "curator",
            Role::Executor => "executor",
            Role::Deputy => "deputy",
            Role::Coordinator => "coordinator",
            Role::Controller => "controller",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
