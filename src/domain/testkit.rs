//! Fixtures for the domain's scenario tests: a small organization and a Moscow clock.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};

use super::calendar::{CalendarSettings, WorkCalendar};
use super::case::{
    Case, CaseEvent, Command, DecideContext, DraftKind, Registration, TransitionError,
};
use super::deadline::DeadlineRules;
use super::directory::Actor;
use super::ids::{CaseId, PersonId, UnitId};
use super::Role;

pub const HOUSING: UnitId = UnitId(1);
pub const ROADS: UnitId = UnitId(2);
pub const PARKS: UnitId = UnitId(3);

/// An instant given as Moscow wall-clock time.
pub fn msk(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Moscow
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("fixture times are unambiguous")
        .with_timezone(&Utc)
}

pub fn calendar() -> WorkCalendar {
    WorkCalendar::new(CalendarSettings::default())
}

fn actor(id: i64, roles: &[Role], unit: Option<UnitId>, supervises: &[UnitId]) -> Actor {
    Actor {
        id: PersonId(id),
        roles: roles.iter().copied().collect(),
        unit,
        supervises: supervises.iter().copied().collect::<BTreeSet<_>>(),
    }
}

pub fn curator() -> Actor {
    actor(1, &[Role::Curator], None, &[])
}
pub fn housing_executor() -> Actor {
    actor(2, &[Role::Executor], Some(HOUSING), &[])
}
pub fn roads_executor() -> Actor {
    actor(3, &[Role::Executor], Some(ROADS), &[])
}
pub fn parks_executor() -> Actor {
    actor(6, &[Role::Executor], Some(PARKS), &[])
}
pub fn housing_deputy() -> Actor {
    actor(4, &[Role::Deputy], None, &[HOUSING])
}
pub fn roads_deputy() -> Actor {
    actor(5, &[Role::Deputy], None, &[ROADS])
}

pub fn registration(units: &[UnitId]) -> Registration {
    Registration {
        link: "https://vk.com/wall-1_1".into(),
        network: "vk".into(),
        topic: "ЖКХ".into(),
        location: "г. Алатырь".into(),
        importance: "Средняя".into(),
        repeat_of: None,
        units: units.to_vec(),
        sequential: false,
    }
}

/// A case and its history, driven step by step as the chat would drive it.
pub struct Story {
    pub calendar: WorkCalendar,
    pub rules: DeadlineRules,
    pub history: Vec<CaseEvent>,
}

impl Story {
    pub fn registered(at: DateTime<Utc>, units: &[UnitId]) -> Story {
        Self::from_registration(at, registration(units))
    }

    pub fn from_registration(at: DateTime<Utc>, reg: Registration) -> Story {
        let history = reg.decide(&curator(), at).expect("the curator registers");
        Story {
            calendar: calendar(),
            rules: DeadlineRules::default(),
            history,
        }
    }

    /// Registered for the housing unit, accepted, drafted and approved at the given times:
    /// the draft is with the curator.
    pub fn approved(at: [DateTime<Utc>; 4], kind: DraftKind) -> Story {
        let mut s = Story::registered(at[0], &[HOUSING]);
        s.does(
            &housing_executor(),
            at[1],
            Command::Accept { unit: HOUSING },
        );
        let draft = Command::SubmitDraft {
            kind,
            text: "Ответ по существу".into(),
            attachments: vec![],
        };
        s.does(&housing_executor(), at[2], draft);
        s.does(&housing_deputy(), at[3], Command::Approve);
        s
    }

    pub fn case(&self) -> Case {
        Case::replay(CaseId(1), 1, &self.history).expect("a valid history")
    }

    /// Decides and, on success, appends the events.
    pub fn try_do(
        &mut self,
        who: &Actor,
        at: DateTime<Utc>,
        command: Command,
    ) -> Result<(), TransitionError> {
        let ctx = DecideContext {
            now: at,
            calendar: &self.calendar,
            rules: self.rules,
        };
        let events = self.case().decide(who, command, &ctx)?;
        self.history.extend(events);
        Ok(())
    }

    pub fn does(&mut self, who: &Actor, at: DateTime<Utc>, command: Command) -> &mut Self {
        if let Err(e) = self.try_do(who, at, command) {
            panic!("step refused: {e}");
        }
        self
    }
}
