//! Audiences resolved to people, for notices the scheduler combines per person (the late
//! digest). Each audience is looked up once per pass.

use std::collections::HashMap;

use crate::domain::directory::Person;
use crate::domain::ids::PersonId;
use crate::domain::notice::Audience;
use crate::storage::{Store, StoreError};

pub(crate) struct Resolver<'a> {
    store: &'a Store,
    cache: HashMap<Audience, Vec<PersonId>>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self {
            store,
            cache: HashMap::new(),
        }
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
