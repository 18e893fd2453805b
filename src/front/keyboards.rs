//! The buttons a card shows depend on who looks at it and what state the case is in; the
//! server re-checks every press anyway, so a button is a convenience, not a permission.

use crate::domain::case::{AssignmentStatus, CaseState, DraftKind};
use crate::domain::directory::Actor;
use crate::domain::Role;
use crate::front::buttons::{button, keyboard, Button, Keyboard};
use crate::front::callback::Action;
use crate::i18n::Lang;
use crate::storage::CaseView;
use crate::t;
use chrono::{DateTime, Utc};

type Row = Vec<Button>;

/// The keyboard of a case card for `viewer`. `from_bot`: the bot can publish this case's
/// answer itself (async to find out, so the caller asks [`crate::bot::views::offers_publish_from_bot`]
/// first); it adds «Опубликовать от бота» to a curator's card waiting for publication.
pub fn for_viewer(
    view: &CaseView,
    viewer: &Actor,
    now: DateTime<Utc>,
    lang: Lang,
    from_bot: bool,
) -> Option<Keyboard> {
    let mut rows = executor_rows(view, viewer, now, lang);
    rows.extend(deputy_rows(view, viewer, lang));
    rows.extend(curator_rows(view, viewer, lang, from_bot));
    keyboard(rows)
}

fn return_open(view: &CaseView, unit: crate::domain::UnitId, now: DateTime<Utc>) -> bool {
    use crate::domain::deadline::{DeadlineKind, Party};
    view.deadlines.iter().any(|d| {
        d.kind == DeadlineKind::ReturnWindow
            && d.party == Party::Unit(unit)
            && d.is_open()
            && now <= d.due_at
    })
}

fn executor_rows(view: &CaseView, viewer: &Actor, now: DateTime<Utc>, lang: Lang) -> Vec<Row> {
    let case = &view.case;
    let (id, v) = (case.id, case.version);
    let mut rows = Vec::new();
    for a in case
        .assignments
        .iter()
        .filter(|a| viewer.is_executor_of(a.unit))
    {
        let can_return = return_open(view, a.unit, now);
        let ret = || button(t!(lang, "btn-return"), Action::Return(id, a.unit, v));
        match (a.responsible, a.status) {
            (_, AssignmentStatus::Pending) => {
                rows.push(vec![button(
                    t!(lang, "btn-accept"),
                    Action::Accept(id, a.unit, v),
                )]);
                if can_return {
                    rows.push(vec![ret()]);
                }
            }
            (true, AssignmentStatus::Accepted { .. }) if case.state.accepts_draft() => {
                let label = match case.intermediate_published {
                    true => t!(lang, "btn-write-final-after-intermediate"),
                    false => t!(lang, "btn-write-final"),
                };
                rows.push(vec![button(label, Action::Write(id, DraftKind::Final, v))]);
                let mut more = vec![button(
                    t!(lang, "btn-write-intermediate"),
                    Action::Write(id, DraftKind::Intermediate, v),
                )];
                if !case.intermediate_published {
                    more.push(button(
                        t!(lang, "btn-write-clarification"),
                        Action::Write(id, DraftKind::Clarification, v),
                    ));
                }
                rows.push(more);
                if can_return && case.state == CaseState::InWork {
                    rows.push(vec![ret()]);
                }
            }
            (false, AssignmentStatus::Accepted { .. }) => {
                rows.push(vec![button(
                    t!(lang, "btn-contribute"),
                    Action::Contribute(id, a.unit, v),
                )]);
            }
            _ => {}
        }
    }
    rows
}

fn deputy_rows(view: &CaseView, viewer: &Actor, lang: Lang) -> Vec<Row> {
    let case = &view.case;
    let Some(unit) = case.responsible().map(|a| a.unit) else {
        return Vec::new();
    };
    if case.state != CaseState::OnApproval || !viewer.is_deputy_of(unit) {
        return Vec::new();
    }
    vec![vec![
        button(
            t!(lang, "btn-approve"),
            Action::Approve(case.id, case.version),
        ),
        button(
            t!(lang, "btn-send-back"),
            Action::SendBack(case.id, case.version),
        ),
    ]]
}

fn curator_rows(view: &CaseView, viewer: &Actor, lang: Lang, from_bot: bool) -> Vec<Row> {
    let case = &view.case;
    if !viewer.has(Role::Curator) {
        return Vec::new();
    }
    let mut rows = routing_and_review_rows(view, lang);
    if from_bot && case.state == CaseState::WithCurator {
        rows.insert(
            0,
            vec![button(
                t!(lang, "pub-btn-bot"),
                Action::PublishFromBot(case.id, case.version),
            )],
        );
    }
    // п.17 at any stage before publication; the domain re-checks it.
    if !case.state.is_closed() && !case.intermediate_published {
        rows.push(vec![button(
            t!(lang, "btn-reject-p17"),
            Action::Reject(case.id, case.version),
        )]);
    }
    rows
}

fn routing_and_review_rows(view: &CaseView, lang: Lang) -> Vec<Row> {
    let case = &view.case;
    match case.state {
        CaseState::Returned | CaseState::Assigned => {
            vec![vec![button(
                t!(lang, "btn-reassign"),
                Action::Reassign(case.id, case.version),
            )]]
        }
        CaseState::WithCurator => vec![vec![
            button(
                t!(lang, "btn-published"),
                Action::Publish(case.id, case.version),
            ),
            button(
                t!(lang, "btn-send-back"),
                Action::SendBack(case.id, case.version),
            ),
        ]],
        _ => Vec::new(),
    }
}
