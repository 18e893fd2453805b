//! Why something was refused, in the user's words: stale buttons, missing rights, bad input.

use crate::domain::case::TransitionError as E;
use crate::domain::Role;
use crate::i18n::Lang;
use crate::storage::StoreError;
use crate::t;

use crate::front::cards::state_name;

pub enum Explained {
    /// The same update came again: it was already done.
    Duplicate,
    /// The case moved on; the button or the dialog is out of date.
    Stale(String),
    /// The person may not do this (logged).
    Forbidden(String),
    /// The input needs fixing.
    Invalid(String),
    /// Something broke on our side.
    Failure,
}

pub fn role_name(role: Role, lang: Lang) -> String {
    match role {
        Role::Admin => t!(lang, "role-admin"),
        Role::Curator => t!(lang, "role-curator"),
        Role::Executor => t!(lang, "role-executor"),
        Role::Deputy => t!(lang, "role-deputy"),
        Role::Coordinator => t!(lang, "role-coordinator"),
        Role::Controller => t!(lang, "role-controller"),
    }
}

pub fn explain(e: &StoreError, lang: Lang) -> Explained {
    match e {
        StoreError::DuplicateUpdate(_) => Explained::Duplicate,
        StoreError::CaseNotFound(_) | StoreError::Conflict => {
            Explained::Stale(t!(lang, "refused-stale"))
        }
        StoreError::Refused(r) => explain_transition(r, lang),
        StoreError::UnknownPerson(_) => Explained::Forbidden(t!(lang, "refused-unknown-person")),
        StoreError::UnknownUnit(_) | StoreError::Invalid(_) => {
            Explained::Invalid(t!(lang, "refused-invalid"))
        }
        _ => Explained::Failure,
    }
}

fn explain_transition(e: &E, lang: Lang) -> Explained {
    match e {
        E::WrongState(s) => Explained::Stale(t!(
            lang,
            "refused-wrong-state",
            state = state_name(*s, lang)
        )),
        E::AlreadyDone => Explained::Stale(t!(lang, "refused-already-done")),
        E::NotYourTurn => Explained::Invalid(t!(lang, "refused-not-your-turn")),
        E::Stale(_) => Explained::Stale(t!(lang, "refused-stale")),
        E::RoleRequired(r) => {
            Explained::Forbidden(t!(lang, "refused-role", role = role_name(*r, lang)))
        }
        E::NotYourUnit => Explained::Forbidden(t!(lang, "refused-not-your-unit")),
        E::NotYourDeputyUnit => Explained::Forbidden(t!(lang, "refused-not-your-deputy-unit")),
        E::ReturnWindowClosed { .. } => Explained::Invalid(t!(lang, "refused-return-window")),
        E::EmptyText => Explained::Invalid(t!(lang, "refused-empty")),
        E::TextTooLong { max } => {
            let max = *max;
            Explained::Invalid(t!(lang, "refused-too-long", max = max))
        }
        E::NoUnits => Explained::Invalid(t!(lang, "refused-no-units")),
        E::DuplicateUnit => Explained::Invalid(t!(lang, "refused-duplicate-unit")),
        E::WrongDraftKind => Explained::Invalid(t!(lang, "refused-draft-kind")),
    }
}

/// The text of an explanation, for replies to messages (not presses).
pub fn text(e: &StoreError, lang: Lang) -> Option<String> {
    match explain(e, lang) {
        Explained::Duplicate => None,
        Explained::Stale(t) | Explained::Forbidden(t) | Explained::Invalid(t) => Some(t),
        Explained::Failure => Some(t!(lang, "press-failed")),
    }
}
