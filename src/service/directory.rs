//! Applying the configuration file's directory (SPEC §10) in one transaction: units, then the
//! people (who reference units), then the deputies (who are people), then the lists. Each
//! step reads what is stored, lets the domain plan the changes, and writes the plan.

use std::collections::HashMap;

use crate::config::{Config, PersonEntry};
use crate::domain::directory::reconcile::{
    plan_deputies, plan_entries, plan_people, EntryOp, PersonOp, WantedPerson,
};
use crate::domain::ids::{PersonId, UnitId};
use crate::storage::{Catalog, DirectoryChanges, Listing, Store, StoreError, Tx};

type R<T> = Result<T, StoreError>;

/// Idempotent: a second run reports no changes. People, units and list entries no longer in
/// the file are deactivated, their history kept.
#[tracing::instrument(skip_all)]
pub async fn apply(store: &Store, config: &Config) -> R<DirectoryChanges> {
    let mut tx = store.begin_write().await?;
    let mut changes = DirectoryChanges::default();
    let units: Vec<String> = config.units.iter().map(|u| u.name.clone()).collect();
    listing(&mut tx, Listing::Units, &units, "unit", &mut changes).await?;
    people(&mut tx, &config.people, &mut changes).await?;
    deputies(&mut tx, config, &mut changes).await?;
    for c in Catalog::ALL {
        let list = match c {
            Catalog::Topics => &config.directory.topics,
            Catalog::Locations => &config.directory.locations,
            Catalog::Importance => &config.directory.importance,
        };
        listing(&mut tx, Listing::Catalog(c), list, c.noun(), &mut changes).await?;
    }
    tx.commit().await?;
    Ok(changes)
}

async fn listing(
    tx: &mut Tx,
    listing: Listing,
    wanted: &[String],
    noun: &str,
    changes: &mut DirectoryChanges,
) -> R<()> {
    let ordered = matches!(listing, Listing::Catalog(_));
    let ops = plan_entries(&tx.listing(listing).await?, wanted, ordered);
    tx.apply_listing(listing, &ops).await?;
    for op in ops {
        match op {
            EntryOp::Insert { name, .. } => changes.added.push(format!("{noun} {name}")),
            EntryOp::Refresh { name, .. } => changes.updated.push(format!("{noun} {name}")),
            EntryOp::Deactivate { name, .. } => changes.deactivated.push(format!("{noun} {name}")),
        }
    }
    Ok(())
}

async fn people(tx: &mut Tx, entries: &[PersonEntry], changes: &mut DirectoryChanges) -> R<()> {
    let units: HashMap<String, UnitId> = tx
        .unit_deputies()
        .await?
        .into_iter()
        .map(|(id, name, _)| (name, id))
        .collect();
    let wanted = entries
        .iter()
        .map(|p| wanted_person(p, &units))
        .collect::<R<Vec<_>>>()?;
    let ops = plan_people(&tx.stored_people().await?, &wanted);
    tx.apply_people(&ops).await?;
    for op in ops {
        match op {
            PersonOp::Insert(p) => changes.added.push(format!("person {}", p.name)),
            PersonOp::Changed { name } => changes.updated.push(format!("person {name}")),
            PersonOp::ClearTelegram { name, to, .. } => changes
                .updated
                .push(format!("person {name} (telegram id moved to {to})")),
            PersonOp::ClearMax { name, to, .. } => changes
                .updated
                .push(format!("person {name} (MAX id moved to {to})")),
            PersonOp::Deactivate { name, .. } => changes.deactivated.push(format!("person {name}")),
            PersonOp::Update { .. } | PersonOp::SetRoles { .. } | PersonOp::SetMax { .. } => {}
        }
    }
    Ok(())
}

fn wanted_person(p: &PersonEntry, units: &HashMap<String, UnitId>) -> R<WantedPerson> {
    let unit = match &p.unit {
        Some(u) => Some(*units.get(u).ok_or_else(|| {
            StoreError::Invalid(format!("unit {u:?} of {} is not in the file", p.name))
        })?),
        None => None,
    };
    Ok(WantedPerson {
        name: p.name.clone(),
        telegram_id: p.telegram_id,
        max_id: p.max_id,
        unit,
        roles: p.roles.iter().copied().collect(),
    })
}

async fn deputies(tx: &mut Tx, config: &Config, changes: &mut DirectoryChanges) -> R<()> {
    let people: HashMap<String, PersonId> = tx
        .stored_people()
        .await?
        .into_iter()
        .map(|p| (p.name, p.id))
        .collect();
    let wanted: Vec<(String, String)> = config
        .units
        .iter()
        .map(|u| (u.name.clone(), u.deputy.clone()))
        .collect();
    let ops =
        plan_deputies(&tx.unit_deputies().await?, &people, &wanted).map_err(StoreError::Invalid)?;
    for op in ops {
        tx.set_deputy(op.unit, op.deputy).await?;
        let described = format!("unit {}", op.unit_name);
        if !changes.added.contains(&described) {
            changes
                .updated
                .push(format!("{described}: deputy {}", op.deputy_name));
        }
    }
    Ok(())
}
