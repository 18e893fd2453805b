//! The organization's directory as the workflow sees it: people, units and who acts.

use std::collections::BTreeSet;

pub mod invite;
pub mod reconcile;

use super::ids::{PersonId, UnitId};
use super::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub telegram_id: Option<i64>,
    pub roles: BTreeSet<Role>,
    pub unit: Option<UnitId>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    /// Every unit has exactly one supervising deputy (SPEC §1).
    pub deputy: Option<PersonId>,
    pub active: bool,
}

/// The person performing a command, with what the server knows about them. Built by the
/// service layer from storage; the domain trusts nothing the messenger says about roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: PersonId,
    pub roles: BTreeSet<Role>,
    pub unit: Option<UnitId>,
    /// Units whose deputy this person is.
    pub supervises: BTreeSet<UnitId>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_executor_of(&self, unit: UnitId) -> bool {
        self.has(Role::Executor) && self.unit == Some(unit)
    }

    pub fn is_deputy_of(&self, unit: UnitId) -> bool {
        self.has(Role::Deputy) && self.supervises.contains(&unit)
    }

    /// Coordinators and controllers see every case; curators too, since they run intake.
    pub fn sees_everything(&self) -> bool {
        [
            Role::Curator,
            Role::Coordinator,
            Role::Controller,
            Role::Admin,
        ]
        .iter()
        .any(|r| self.has(*r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role], unit: Option<UnitId>, supervises: &[UnitId]) -> Actor {
        Actor {
            id: PersonId(1),
            roles: roles.iter().copied().collect(),
            unit,
            supervises: supervises.iter().copied().collect(),
        }
    }

    #[test]
    fn p3_the_coordinator_and_the_controller_oversee_every_case() {
        assert!(actor(&[Role::Coordinator], None, &[]).sees_everything());
        assert!(actor(&[Role::Controller], None, &[]).sees_everything());
        assert!(actor(&[Role::Curator], None, &[]).sees_everything());
        assert!(!actor(&[Role::Executor], Some(UnitId(1)), &[]).sees_everything());
        assert!(!actor(&[Role::Deputy], None, &[UnitId(1)]).sees_everything());
    }

    #[test]
    fn p7_an_executor_acts_only_for_the_unit_designated_for_them() {
        let a = actor(&[Role::Executor], Some(UnitId(1)), &[]);
        assert!(a.is_executor_of(UnitId(1)));
        assert!(!a.is_executor_of(UnitId(2)));
        // A unit alone, without the executor role, gives no right to act.
        assert!(!actor(&[Role::Deputy], Some(UnitId(1)), &[]).is_executor_of(UnitId(1)));
        let d = actor(&[Role::Deputy], None, &[UnitId(2)]);
        assert!(d.is_deputy_of(UnitId(2)) && !d.is_deputy_of(UnitId(1)));
    }
}
