//! Every update runs inside a tracing span naming the update, the chat, the case and the
//! action, so one press can be followed through the logs; it also counts updates for
//! `/metrics`. Message texts are never put in the span.

use std::ops::ControlFlow;

use teloxide::dispatching::UpdateHandler;
use teloxide::dptree::{self, di::DependencyMap, HandlerSignature};
use teloxide::types::{Update, UpdateKind};
use tracing::Instrument;

use crate::bot::callback::Action;
use crate::domain::CaseId;
use crate::ops::metrics as m;

/// `inner`, run inside the update's span.
pub fn traced(inner: UpdateHandler<anyhow::Error>) -> UpdateHandler<anyhow::Error> {
    let wrap = dptree::from_fn(
        |deps: DependencyMap, cont| async move {
            let span = match deps.try_get::<Update>() {
                Some(update) => span_of(&update),
                None => tracing::Span::none(),
            };
            let result = cont(deps).instrument(span.clone()).await;
            span.in_scope(|| tracing::debug!("update handled"));
            ::metrics::counter!(m::UPDATES).increment(1);
            // Failed handlers are counted by the guard inside, which answers them.
            if let ControlFlow::Break(Err(e)) = &result {
                span.in_scope(|| tracing::debug!(error = %e, "the update failed"));
            }
            result
        },
        HandlerSignature::Entry,
    );
    wrap.chain(inner)
}

fn span_of(update: &Update) -> tracing::Span {
    let chat = update.chat().map(|c| c.id.0);
    let (action, case) = describe(update);
    tracing::info_span!(
        "update",
        id = update.id.0,
        chat = chat,
        case = case.map(|c| c.0),
        action = %action,
    )
}

/// What the update asks for, without its text: a command's name, a button's action.
fn describe(update: &Update) -> (String, Option<CaseId>) {
    match &update.kind {
        UpdateKind::Message(msg) => {
            let command = msg
                .text()
                .and_then(|t| t.split_whitespace().next())
                .filter(|w| w.starts_with('/'))
                .map(|w| w.split('@').next().unwrap_or(w).to_owned());
            (command.unwrap_or_else(|| "message".into()), None)
        }
        UpdateKind::CallbackQuery(q) => match q.data.as_deref().and_then(Action::decode) {
            Some(action) => (action_name(action), case_of(action)),
            None => ("stale-button".into(), None),
        },
        _ => ("other".into(), None),
    }
}

/// The variant's name, e.g. `Accept` for `Accept(12, 3)`.
fn action_name(action: Action) -> String {
    let debug = format!("{action:?}");
    debug.split('(').next().unwrap_or(&debug).to_owned()
}

fn case_of(action: Action) -> Option<CaseId> {
    match action {
        Action::Open(c) | Action::RepeatOf(c) => Some(c),
        other => other.on_card().map(|(c, _, _)| c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UnitId;

    #[test]
    fn a_button_names_its_action_and_case() {
        let a = Action::Accept(CaseId(12), UnitId(3), 4);
        assert_eq!(action_name(a), "Accept");
        assert_eq!(case_of(a), Some(CaseId(12)));
        assert_eq!(action_name(Action::Confirm), "Confirm");
        assert_eq!(case_of(Action::Confirm), None);
    }
}
