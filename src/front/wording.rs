//! Wording that follows the configured terms and the reader's role (issue 9): no term is
//! written into a text, and a deputy is informed where an executor is asked to act.

use crate::domain::case::{AssignmentStatus, DraftKind, EventKind};
use crate::domain::deadline::{DeadlineKind, DeadlineRules};
use crate::domain::directory::Actor;
use crate::domain::UnitId;
use crate::front::cards::Names;
use crate::front::ctx::Ctx;
use crate::front::dialog::Dialog;
use crate::front::format::{esc, term, term_within, when};
use crate::i18n::Lang;
use crate::storage::CaseView;
use crate::t;

/// The terms that govern this case: the base ones or its importance level's overrides.
pub fn rules(ctx: &Ctx, view: &CaseView) -> DeadlineRules {
    ctx.policy().rules_for(&view.case.importance)
}

/// Whether `actor` reads a unit's notice as its supervising deputy rather than as one of
/// its executors (who must act on it).
fn deputy_only(actor: Option<&Actor>, unit: UnitId) -> bool {
    actor.is_some_and(|a| a.is_deputy_of(unit) && !a.is_executor_of(unit))
}

/// The headline of a new assignment: executors are asked to accept or return it within the
/// return window, co-executors are given their п.14 term, the deputy is informed.
pub fn assignment(
    ctx: &Ctx,
    view: &CaseView,
    (unit, responsible): (UnitId, bool),
    actor: Option<&Actor>,
    names: &Names,
    lang: Lang,
) -> String {
    let r = rules(ctx, view);
    let number = view.case.number;
    let unit_name = esc(&names.unit(unit));
    let deputy = deputy_only(actor, unit);
    let head = match (responsible, deputy) {
        (true, false) => t!(
            lang,
            "notice-assignment",
            number = number,
            term = term_within(r.return_window, lang)
        ),
        (true, true) => t!(
            lang,
            "notice-assignment-deputy",
            number = number,
            unit = unit_name
        ),
        (false, false) => t!(
            lang,
            "notice-contribution-request",
            number = number,
            term = term(r.contribution, lang)
        ),
        (false, true) => t!(
            lang,
            "notice-contribution-request-deputy",
            number = number,
            unit = unit_name,
            term = term(r.contribution, lang)
        ),
    };
    match actor.filter(|_| deputy) {
        Some(a) => head + &also_supervised(view, unit, a, names, lang),
        None => head,
    }
}

/// A deputy of several units of the case gets one card (the first unit's): it names the
/// others they supervise there, the ones already asked.
fn also_supervised(
    view: &CaseView,
    unit: UnitId,
    actor: &Actor,
    names: &Names,
    lang: Lang,
) -> String {
    let others: Vec<String> = view
        .case
        .assignments
        .iter()
        .filter(|a| a.unit != unit && a.status != AssignmentStatus::Queued)
        .filter(|a| actor.is_deputy_of(a.unit))
        .map(|a| format!("«{}»", esc(&names.unit(a.unit))))
        .collect();
    if others.is_empty() {
        return String::new();
    }
    format!(
        "\n{}",
        t!(lang, "notice-deputy-also", units = others.join(", "))
    )
}

/// The due moment of the п.13 final answer, once an intermediate one is published.
pub fn final_due(ctx: &Ctx, view: &CaseView) -> Option<String> {
    view.deadlines
        .iter()
        .rev()
        .find(|d| d.kind == DeadlineKind::FinalAfterIntermediate)
        .map(|d| when(d.due_at, ctx.calendar.timezone()))
}

/// Whether the latest publication was an intermediate answer or a clarification request.
fn intermediate_published(view: &CaseView) -> bool {
    let last = view.history.iter().rev().find_map(|(_, e)| match &e.kind {
        EventKind::Published { draft_kind, .. } => Some(*draft_kind),
        _ => None,
    });
    last.is_some_and(|k| k != DraftKind::Final)
}

/// The headline of a publication: after an intermediate answer the executor is told the
/// final one is still due, and when; the deputy hears the same as information.
pub fn published(ctx: &Ctx, view: &CaseView, actor: Option<&Actor>, lang: Lang) -> String {
    let number = view.case.number;
    let due = final_due(ctx, view).filter(|_| intermediate_published(view));
    let Some(due) = due else {
        return t!(lang, "notice-published", number = number);
    };
    let deputy = view
        .case
        .responsible()
        .is_some_and(|a| deputy_only(actor, a.unit));
    match deputy {
        false => t!(
            lang,
            "notice-published-intermediate",
            number = number,
            due = due
        ),
        true => t!(
            lang,
            "notice-published-intermediate-deputy",
            number = number,
            due = due
        ),
    }
}

/// What the bot asks for when it waits for a reply on a case.
pub fn prompt(ctx: &Ctx, view: &CaseView, dialog: &Dialog, lang: Lang) -> String {
    let number = view.case.number;
    match dialog {
        Dialog::ReturnReason { .. } => t!(lang, "ask-return-reason", number = number),
        Dialog::SendBackComment { .. } => t!(lang, "ask-send-back-comment", number = number),
        Dialog::Draft { kind, .. } => draft_prompt(ctx, view, *kind, lang),
        Dialog::Contribution { .. } => t!(lang, "ask-contribution", number = number),
        Dialog::PublishLink { .. } => t!(lang, "ask-publish-link", number = number),
        Dialog::RejectComment { name, .. } => t!(
            lang,
            "ask-p17-comment",
            number = number,
            ground = name.clone()
        ),
        Dialog::RejectReason { .. } | Dialog::Intake(_) => t!(lang, "ask-reason", number = number),
        Dialog::Album { reply, .. } => prompt(ctx, view, reply, lang),
        Dialog::Deficiency { .. } => t!(lang, "ask-reason", number = number),
    }
}

/// The draft prompt: the final answer after an intermediate one names its due moment, the
/// intermediate one names the configured п.13 term, and a repeat post repeats the п.15
/// requirement to state the measures taken.
fn draft_prompt(ctx: &Ctx, view: &CaseView, kind: DraftKind, lang: Lang) -> String {
    let number = view.case.number;
    let after_intermediate = view.case.intermediate_published;
    let mut out = match kind {
        DraftKind::Final => match final_due(ctx, view).filter(|_| after_intermediate) {
            Some(due) => t!(
                lang,
                "ask-draft-final-after-intermediate",
                number = number,
                due = due
            ),
            None => t!(lang, "ask-draft-final", number = number),
        },
        DraftKind::Intermediate => t!(
            lang,
            "ask-draft-intermediate",
            number = number,
            term = term_within(rules(ctx, view).final_after_intermediate, lang)
        ),
        DraftKind::Clarification => t!(lang, "ask-draft-clarification", number = number),
    };
    if let (Some(prev), false) = (view.case.repeat_of, kind == DraftKind::Clarification) {
        out.push('\n');
        out += &t!(lang, "ask-draft-repeat", case = prev.0);
    }
    out
}

/// «фото №1, документ №3»: which of a published answer's files to add by hand.
pub fn files_left(files: &[crate::service::candidates::FileLeft], lang: Lang) -> String {
    use crate::domain::case::AttachmentKind;
    files
        .iter()
        .map(|f| {
            let kind = match f.kind {
                AttachmentKind::Photo => "photo",
                AttachmentKind::Video => "video",
                AttachmentKind::Document => "document",
            };
            t!(lang, "pub-file", kind = kind, position = f.position)
        })
        .collect::<Vec<_>>()
        .join(", ")
}
