//! The configurable terms of SPEC §3, with per-importance overrides.

use std::collections::BTreeMap;

use crate::domain::WorkDuration;

/// The terms of one importance level. Every field is working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineRules {
    /// п.9: an executor may return a case within this time of its delivery.
    pub return_window: WorkDuration,
    /// п.9: the curator reassigns a returned case within this time.
    pub reassign: WorkDuration,
    /// п.10: the answer is published within this time of registration.
    pub answer: WorkDuration,
    /// п.11: the approved draft reaches the curator this long before the answer is due.
    pub draft_before_answer: WorkDuration,
    /// п.12: the curator publishes within this time of receiving the draft.
    pub publish: WorkDuration,
    /// п.13: the final answer follows an intermediate one within this time.
    pub final_after_intermediate: WorkDuration,
    /// п.14: a co-executor's contribution is due within this time of the request.
    pub contribution: WorkDuration,
    /// How long before any deadline its reminder goes out.
    pub remind_before: WorkDuration,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        Self {
            return_window: WorkDuration::minutes(30),
            reassign: WorkDuration::minutes(15),
            answer: WorkDuration::hours(8),
            draft_before_answer: WorkDuration::hours(3),
            publish: WorkDuration::hours(1),
            final_after_intermediate: WorkDuration::days(7),
            contribution: WorkDuration::hours(2),
            remind_before: WorkDuration::hours(1),
        }
    }
}

/// Overrides for one importance level: only the fields given replace the base terms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineOverrides {
    pub return_window: Option<WorkDuration>,
    pub reassign: Option<WorkDuration>,
    pub answer: Option<WorkDuration>,
    pub draft_before_answer: Option<WorkDuration>,
    pub publish: Option<WorkDuration>,
    pub final_after_intermediate: Option<WorkDuration>,
    pub contribution: Option<WorkDuration>,
    pub remind_before: Option<WorkDuration>,
}

/// The organization's terms: the base rules and overrides keyed by importance level name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlinePolicy {
    pub base: DeadlineRules,
    pub by_importance: BTreeMap<String, DeadlineOverrides>,
}

impl DeadlinePolicy {
    /// The terms that apply to a case of the given importance.
    pub fn rules_for(&self, importance: &str) -> DeadlineRules {
        let mut r = self.base;
        if let Some(o) = self.by_importance.get(importance) {
            let pick = |v: Option<WorkDuration>, d: WorkDuration| v.unwrap_or(d);
            r.return_window = pick(o.return_window, r.return_window);
            r.reassign = pick(o.reassign, r.reassign);
            r.answer = pick(o.answer, r.answer);
            r.draft_before_answer = pick(o.draft_before_answer, r.draft_before_answer);
            r.publish = pick(o.publish, r.publish);
            r.final_after_intermediate =
                pick(o.final_after_intermediate, r.final_after_intermediate);
            r.contribution = pick(o.contribution, r.contribution);
            r.remind_before = pick(o.remind_before, r.remind_before);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_replaces_only_its_own_fields() {
        let mut policy = DeadlinePolicy::default();
        policy.by_importance.insert(
            "Высокая".into(),
            DeadlineOverrides {
                answer: Some(WorkDuration::hours(4)),
                ..Default::default()
            },
        );
        let high = policy.rules_for("Высокая");
        assert_eq!(high.answer, WorkDuration::hours(4));
        assert_eq!(high.publish, WorkDuration::hours(1));
        assert_eq!(policy.rules_for("Низкая").answer, WorkDuration::hours(8));
    }
}
