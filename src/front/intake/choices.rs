//! The lists the wizard offers, read as they are now, and a candidate's suggestions taken
//! into a fresh wizard.

use std::collections::HashMap;

use chrono::Duration;

use super::wizard::{self, Choices, UnitChoice};
use crate::domain::candidate::same_name;
use crate::domain::CaseId;
use crate::front::ctx::Ctx;
use crate::front::dialog::Intake;
use crate::storage::candidates::Candidate;
use crate::storage::StoreError;

/// How far back earlier cases are offered as the ones a post repeats (п.15).
const REPEAT_LOOKBACK_DAYS: i64 = 180;
/// How many earlier cases are offered.
const REPEAT_OFFERS: usize = 3;

/// The organization's lists now; at the summary, also the earlier cases of the same topic
/// and location.
pub async fn load_choices(ctx: &Ctx, intake: &Intake) -> Result<Choices, StoreError> {
    let store = &ctx.store;
    let people: HashMap<_, _> = store
        .people()
        .await?
        .into_iter()
        .filter(|p| p.active)
        .map(|p| (p.id, p.name))
        .collect();
    let units = store
        .active_units()
        .await?
        .into_iter()
        .map(|u| UnitChoice {
            id: u.id,
            deputy: u.deputy.and_then(|d| people.get(&d).cloned()),
            name: u.name,
        })
        .collect();
    let mut choices = Choices {
        topics: store.topics().await?,
        locations: store.locations().await?,
        importance: store.importance_levels().await?,
        units,
        earlier: Vec::new(),
    };
    if wizard::step(intake) == wizard::Step::Summary {
        choices.earlier = earlier_cases(ctx, intake).await?;
    }
    Ok(choices)
}

/// Recent cases about the same topic in the same place, newest first.
async fn earlier_cases(ctx: &Ctx, intake: &Intake) -> Result<Vec<(CaseId, i64)>, StoreError> {
    let (Some(topic), Some(location)) = (&intake.topic, &intake.location) else {
        return Ok(Vec::new());
    };
    let now = ctx.now();
    let from = now - Duration::days(REPEAT_LOOKBACK_DAYS);
    // The period's end is exclusive and kept in whole seconds: a minute ahead takes in a
    // case registered this very second.
    let to = now + Duration::minutes(1);
    let mut found: Vec<_> = ctx
        .store
        .cases_for_period(from, to, &ctx.store_ctx())
        .await?
        .into_iter()
        .map(|v| v.case)
        .filter(|c| &c.topic == topic && &c.location == location && c.link != intake.link)
        .map(|c| (c.id, c.number))
        .collect();
    found.sort_by_key(|&(_, number)| std::cmp::Reverse(number));
    found.truncate(REPEAT_OFFERS);
    Ok(found)
}

/// Takes each suggestion of a candidate that is still in the organization's lists: with a
/// suggested unit the wizard stands at the summary, one tap from a case.
pub async fn prefill(ctx: &Ctx, intake: &mut Intake, c: &Candidate) -> Result<(), StoreError> {
    let s = &c.post.suggestion;
    let pick = |list: Vec<String>, v: &Option<String>| {
        let v = v.as_deref()?;
        list.into_iter().find(|x| same_name(x, v))
    };
    intake.topic = pick(ctx.store.topics().await?, &s.topic);
    intake.location = pick(ctx.store.locations().await?, &s.location);
    intake.importance = pick(ctx.store.importance_levels().await?, &s.importance);
    if let Some(name) = &s.unit {
        let units = ctx.store.active_units().await?;
        if let Some(u) = units.iter().find(|u| same_name(&u.name, name)) {
            intake.units = vec![u.id];
            intake.units_done = true;
        }
    }
    intake.candidate = Some(c.id);
    Ok(())
}

/// The candidate's own repeat suggestion, when it is among the earlier cases offered.
pub fn suggested_repeat(intake: &mut Intake, c: &Candidate, choices: &Choices) {
    if let Some(earlier) = c.post.repeat_of {
        intake.repeat_of = choices
            .earlier
            .iter()
            .any(|(id, _)| *id == earlier)
            .then_some(earlier);
    }
}
