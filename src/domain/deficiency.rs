//! п.19 by hand: the curator or a coordinator sends the управляющий делами (controller) a
//! deficiency notice about a unit, with a text and optionally a case. Who may, and what
//! text is accepted, is decided here; the notice is recorded and counted in the monthly
//! summary beside the automatic ones.

use crate::domain::case::{TransitionError, MAX_TEXT_CHARS};
use crate::domain::directory::Actor;
use crate::domain::Role;

/// The roles that may send a deficiency notice by hand.
pub const SENDERS: [Role; 2] = [Role::Curator, Role::Coordinator];

/// Whether `actor` may send one; refused as needing the curator's role otherwise.
pub fn may_send(actor: &Actor) -> Result<(), TransitionError> {
    if SENDERS.iter().any(|r| actor.has(*r)) {
        Ok(())
    } else {
        Err(TransitionError::RoleRequired(Role::Curator))
    }
}

/// The notice's text, trimmed: not empty, not longer than a message.
pub fn text(raw: &str) -> Result<String, TransitionError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(TransitionError::EmptyText);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(TransitionError::TextTooLong {
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::*;

    #[test]
    fn p19_only_the_curator_and_coordinators_send_notices_by_hand() {
        assert!(may_send(&curator()).is_ok());
        assert_eq!(
            may_send(&housing_executor()),
            Err(TransitionError::RoleRequired(Role::Curator))
        );
        assert!(may_send(&housing_deputy()).is_err());
    }

    #[test]
    fn p19_a_notice_needs_a_text_of_message_size() {
        assert_eq!(text("  Срыв сроков.  ").as_deref(), Ok("Срыв сроков."));
        assert_eq!(text("   "), Err(TransitionError::EmptyText));
        assert!(text(&"я".repeat(MAX_TEXT_CHARS + 1)).is_err());
    }
}
