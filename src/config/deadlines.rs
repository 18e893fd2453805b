//! Validation of `[deadlines]` and its per-importance overrides (SPEC §3).

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::check::{self, Checker};
use super::error::push_key;
use super::raw::{RawDeadlines, RawTerms, Text};
use crate::domain::deadline::{DeadlineOverrides, DeadlinePolicy, DeadlineRules};
use crate::domain::WorkDuration;

/// `importance` is the directory's list of levels; when it is empty any level name is accepted,
/// since the levels may be managed from the chat instead.
pub(super) fn deadlines(
    c: &mut Checker,
    raw: Option<RawDeadlines>,
    importance: &[String],
) -> DeadlinePolicy {
    let mut policy = DeadlinePolicy::default();
    let Some(raw) = raw else { return policy };
    let (base, by_importance) = raw.split();
    policy.base = merge(DeadlineRules::default(), overrides(c, &base, "deadlines"));
    check_draft_term(c, &policy.base, term_span(&base), "deadlines");
    policy.by_importance = levels(c, by_importance, importance, &policy.base);
    policy
}

fn levels(
    c: &mut Checker,
    raw: BTreeMap<String, Spanned<RawTerms>>,
    importance: &[String],
    base: &DeadlineRules,
) -> BTreeMap<String, DeadlineOverrides> {
    let mut out = BTreeMap::new();
    for (level, terms) in raw {
        let mut path = "deadlines.importance".to_owned();
        push_key(&mut path, &level);
        let level = level.trim().to_owned();
        if !importance.is_empty() && !importance.contains(&level) {
            let known = check::list_names(importance.iter().map(String::as_str));
            let msg = format!(
                "unknown importance level \"{level}\": `directory.importance` lists {known}"
            );
            c.fail_at(&terms, &path, msg);
            continue;
        }
        let o = overrides(c, terms.get_ref(), &path);
        let span = term_span(terms.get_ref()).unwrap_or(terms.span());
        check_draft_term(c, &merge(*base, o), Some(span), &path);
        out.insert(level, o);
    }
    out
}

fn overrides(c: &mut Checker, t: &RawTerms, prefix: &str) -> DeadlineOverrides {
    let mut one = |v: &Option<Text>, key: &str| {
        let v = v.as_ref()?;
        c.parse(v, &format!("{prefix}.{key}"), check::duration)
    };
    DeadlineOverrides {
        return_window: one(&t.return_window, "return_window"),
        reassign: one(&t.reassign, "reassign"),
        answer: one(&t.answer, "answer"),
        draft_before_answer: one(&t.draft_before_answer, "draft_before_answer"),
        publish: one(&t.publish, "publish"),
        final_after_intermediate: one(&t.final_after_intermediate, "final_after_intermediate"),
        contribution: one(&t.contribution, "contribution"),
        remind_before: one(&t.remind_before, "remind_before"),
    }
}

/// Reuses the domain's own merge rule rather than repeating it field by field.
fn merge(base: DeadlineRules, o: DeadlineOverrides) -> DeadlineRules {
    let mut p = DeadlinePolicy {
        base,
        ..Default::default()
    };
    p.by_importance.insert(String::new(), o);
    p.rules_for("")
}

/// п.11: the draft is due `draft_before_answer` before the answer, so that term must be shorter
/// than the answer term or the draft would be due before the post was even registered.
fn check_draft_term(c: &mut Checker, r: &DeadlineRules, at: Option<Range<usize>>, path: &str) {
    let too_long = match (r.draft_before_answer, r.answer) {
        (WorkDuration::Minutes(d), WorkDuration::Minutes(a)) => d >= a,
        (WorkDuration::Days(d), WorkDuration::Days(a)) => d >= a,
        _ => false,
    };
    if too_long {
        let msg = format!(
            "draft_before_answer ({}) must be shorter than answer ({})",
            r.draft_before_answer, r.answer
        );
        c.fail(at, path, msg);
    }
}

/// Where to point when the two terms conflict: at whichever of them the table sets.
fn term_span(t: &RawTerms) -> Option<Range<usize>> {
    let v = t.draft_before_answer.as_ref().or(t.answer.as_ref())?;
    Some(v.span())
}
