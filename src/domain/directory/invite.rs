//! Invite links (`/start <token>`): when one may be used, and the name a newcomer gets.

use chrono::{DateTime, Utc};

use super::super::ids::{PersonId, UnitId};
use super::super::Role;

/// A stored invite, as far as redeeming it is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvite {
    pub id: i64,
    pub role: Option<Role>,
    pub unit: Option<UnitId>,
    /// A directory person (e.g. listed in the file without a telegram id) it binds to.
    pub person: Option<PersonId>,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

/// Why an invite cannot be used now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRefusal {
    Used,
    Expired,
}

impl StoredInvite {
    /// Single use, and only before it expires (an invite expiring this very second is gone).
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), InviteRefusal> {
        if self.used {
            Err(InviteRefusal::Used)
        } else if self.expires_at <= now {
            Err(InviteRefusal::Expired)
        } else {
            Ok(())
        }
    }
}

/// Names are unique in the directory: the messenger's display name (trimmed, at most 100
/// characters), then with the messenger id, then with a random `salt` as well.
pub fn newcomer_names(display_name: &str, messenger_id: i64, salt: u32) -> [String; 3] {
    let base: String = display_name.trim().chars().take(100).collect();
    let base = if base.is_empty() {
        format!("Telegram {messenger_id}")
    } else {
        base
    };
    [
        base.clone(),
        format!("{base} ({messenger_id})"),
        format!("{base} ({messenger_id}, {salt})"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn invite(used: bool) -> StoredInvite {
        StoredInvite {
            id: 1,
            role: Some(Role::Executor),
            unit: None,
            person: None,
            expires_at: Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
            used,
        }
    }

    #[test]
    fn an_invite_is_single_use_and_expires_at_its_moment() {
        let before = Utc.with_ymd_and_hms(2026, 12, 1, 11, 59, 59).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        assert_eq!(invite(false).check(before), Ok(()));
        assert_eq!(invite(false).check(at), Err(InviteRefusal::Expired));
        assert_eq!(invite(true).check(before), Err(InviteRefusal::Used));
    }

    #[test]
    fn a_newcomer_is_named_as_in_the_messenger_then_disambiguated() {
        let names = newcomer_names("  Анна Петрова ", 55, 7);
        assert_eq!(names[0], "Анна Петрова");
        assert_eq!(names[1], "Анна Петрова (55)");
        assert_eq!(names[2], "Анна Петрова (55, 7)");
        assert_eq!(newcomer_names(" ", 55, 7)[0], "Telegram 55");
        assert_eq!(
            newcomer_names(&"я".repeat(300), 1, 1)[0].chars().count(),
            100
        );
    }
}
