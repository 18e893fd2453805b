//! Which messenger a person is written to. A person may have a Telegram account, a MAX
//! account or both; notices go to the one they chose, else the one they last wrote from.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Messenger {
    Telegram,
    Max,
}

impl Messenger {
    pub const ALL: [Messenger; 2] = [Self::Telegram, Self::Max];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Telegram => "telegram",
            Self::Max => "max",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A person's accounts and preferences, as far as routing cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accounts {
    pub telegram: Option<i64>,
    pub max: Option<i64>,
    /// Chosen with `/settings`.
    pub chosen: Option<Messenger>,
    /// The messenger the person last wrote from.
    pub last_used: Option<Messenger>,
}

impl Accounts {
    pub fn id_in(&self, m: Messenger) -> Option<i64> {
        match m {
            Messenger::Telegram => self.telegram,
            Messenger::Max => self.max,
        }
    }

    /// Where notices go: the chosen messenger, else the last used, else whichever account
    /// exists (Telegram first, the older front end). A choice of a messenger the person has
    /// no account in falls through rather than losing the notice.
    pub fn route(&self) -> Option<(Messenger, i64)> {
        [self.chosen, self.last_used]
            .into_iter()
            .flatten()
            .chain(Messenger::ALL)
            .find_map(|m| self.id_in(m).map(|id| (m, id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(tg: Option<i64>, max: Option<i64>) -> Accounts {
        Accounts {
            telegram: tg,
            max,
            ..Accounts::default()
        }
    }

    #[test]
    fn one_account_is_used_whatever_else_is_said() {
        assert_eq!(acc(Some(1), None).route(), Some((Messenger::Telegram, 1)));
        let mut only_max = acc(None, Some(2));
        only_max.chosen = Some(Messenger::Telegram);
        assert_eq!(only_max.route(), Some((Messenger::Max, 2)));
        assert_eq!(acc(None, None).route(), None);
    }

    #[test]
    fn the_choice_beats_the_last_used_which_beats_the_default() {
        let mut both = acc(Some(1), Some(2));
        assert_eq!(both.route(), Some((Messenger::Telegram, 1)));
        both.last_used = Some(Messenger::Max);
        assert_eq!(both.route(), Some((Messenger::Max, 2)));
        both.chosen = Some(Messenger::Telegram);
        assert_eq!(both.route(), Some((Messenger::Telegram, 1)));
    }

    #[test]
    fn codes_round_trip() {
        for m in Messenger::ALL {
            assert_eq!(Messenger::parse(m.as_str()), Some(m));
        }
        assert_eq!(Messenger::parse("vk"), None);
    }
}
