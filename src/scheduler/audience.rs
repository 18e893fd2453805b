//! Audiences resolved to people, for notices the scheduler combines per person (the late
//! digest). Each audience is looked up once per pass; reminders reach only whoever holds
//! the case now (issue 9), as on-time ones do.

use std::collections::HashMap;

use super::notices::timer_notices;
use crate::domain::calendar::WorkCalendar;
use crate::domain::case::Case;
use crate::domain::deadline::{narrows, to_holders, DeadlinePolicy};
use crate::domain::directory::Person;
use crate::domain::ids::{CaseId, PersonId};
use crate::domain::notice::{Audience, Notice};
use crate::storage::{Store, StoreCtx, StoreError, TimerItem};

pub(crate) struct Resolver<'a> {
    store: &'a Store,
    cache: HashMap<Audience, Vec<PersonId>>,
    /// Only the cases' assignments are read here, never their deadlines, so the default
    /// terms do.
    ctx: StoreCtx,
    cases: HashMap<CaseId, Option<Case>>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(store: &'a Store, calendar: &WorkCalendar) -> Self {
        Self {
            store,
            cache: HashMap::new(),
            ctx: StoreCtx::new(calendar.clone(), DeadlinePolicy::default()),
            cases: HashMap::new(),
        }
    }

    /// The notices a timer causes, its reminders narrowed to the case's holders now.
    pub(crate) async fn notices(&mut self, item: &TimerItem) -> Result<Vec<Notice>, StoreError> {
        let notices = timer_notices(item);
        if !narrows(&notices) {
            return Ok(notices);
        }
        if !self.cases.contains_key(&item.case_id) {
            let view = self.store.case(item.case_id, &self.ctx).await?;
            self.cases.insert(item.case_id, view.map(|v| v.case));
        }
        Ok(match self.cases.get(&item.case_id) {
            Some(Some(case)) => to_holders(case, notices),
            _ => notices,
        })
    }

    /// The active people an audience means now (storage skips those without a chat when
    /// queueing).
    pub(crate) async fn people(&mut self, audience: Audience) -> Result<&[PersonId], StoreError> {
        if !self.cache.contains_key(&audience) {
            let found = self.lookup(audience).await?;
            self.cache.insert(audience, found);
        }
        Ok(self.cache.get(&audience).map_or(&[], Vec::as_slice))
    }

    async fn lookup(&self, audience: Audience) -> Result<Vec<PersonId>, StoreError> {
        let people: Vec<Person> = match audience {
            Audience::Person { id } => return Ok(vec![id]),
            Audience::UnitExecutors { unit } => self.store.executors_of(unit).await?,
            Audience::UnitDeputy { unit } => {
                self.store.deputy_of(unit).await?.into_iter().collect()
            }
            Audience::Role { role } => self.store.people_with_role(role.into()).await?,
        };
        Ok(people
            .into_iter()
            .filter(|p| p.active)
            .map(|p| p.id)
            .collect())
    }
}
