//! The names cards print, cached: a card needs a few names, and reading every unit and
//! person for each one was most of a press's rows (issue 15). The cache is checked against
//! the directory generation, which triggers move on every change of a name by any writer,
//! so a renamed person is never shown under the old name.

use std::sync::{Arc, Mutex};

use crate::front::cards::Names;
use crate::storage::{Store, StoreError};

#[derive(Debug, Default)]
pub struct NamesCache {
    slot: Mutex<Option<(i64, Arc<Names>)>>,
}

impl NamesCache {
    /// The names as of the directory's current generation: one small read when nothing
    /// changed, every name again when something did.
    pub async fn get(&self, store: &Store) -> Result<Arc<Names>, StoreError> {
        let generation = store.directory_generation().await?;
        if let Some(names) = self.cached(generation) {
            return Ok(names);
        }
        let rows = store.names().await?;
        let names = Arc::new(Names {
            units: rows.units.into_iter().collect(),
            people: rows.people.into_iter().collect(),
        });
        self.keep(rows.generation, names.clone());
        Ok(names)
    }

    /// The names for an update whose sender was identified at `generation`: the cache
    /// when it is at least that new, with no read; every name again otherwise.
    pub async fn seen_at(&self, store: &Store, generation: i64) -> Result<Arc<Names>, StoreError> {
        match self.cached(generation) {
            Some(names) => Ok(names),
            None => self.get(store).await,
        }
    }

    /// The cached names if they are as of `generation` or later (generations only grow).
    fn cached(&self, generation: i64) -> Option<Arc<Names>> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((g, names)) if *g >= generation => Some(names.clone()),
            _ => None,
        }
    }

    /// Keeps `names` unless a newer generation is already kept (readers race).
    fn keep(&self, generation: i64, names: Arc<Names>) {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_none_or(|(g, _)| *g <= generation) {
            *slot = Some((generation, names));
        }
    }
}
