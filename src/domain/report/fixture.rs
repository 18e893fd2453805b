//! A seeded November 2026 (Moscow, default calendar: 3.11 shortened to 16:00, 4.11 a
//! holiday), shared by the figure and rendering tests. Every expected number is worked out
//! by hand in `tests.rs`.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};

use super::{ReportCase, YearMonth};
use crate::domain::calendar::{CalendarSettings, WorkCalendar};
use crate::domain::case::{Attachment, AttachmentKind, CaseEvent, DraftKind, EventKind, Reviewer};
use crate::domain::deadline::{DeadlineOverrides, DeadlinePolicy};
use crate::domain::ids::{CaseId, PersonId, UnitId};
use crate::domain::WorkDuration;

pub const HOUSING: UnitId = UnitId(1);
pub const ROADS: UnitId = UnitId(2);
pub const SCHOOLS: UnitId = UnitId(3);
pub const CULTURE: UnitId = UnitId(4);

pub const NOVEMBER: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

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

/// Default terms; «Высокая» answers in 4 working hours (as in Sevastopol).
pub fn policy() -> DeadlinePolicy {
    let mut p = DeadlinePolicy::default();
    let high = DeadlineOverrides {
        answer: Some(WorkDuration::hours(4)),
        ..Default::default()
    };
    p.by_importance.insert("Высокая".into(), high);
    p
}

pub fn unit_names() -> BTreeMap<UnitId, String> {
    [
        (HOUSING, "Отдел ЖКХ"),
        (ROADS, "Отдел дорог"),
        (SCHOOLS, "Отдел образования"),
        (CULTURE, "Отдел культуры"),
    ]
    .into_iter()
    .map(|(id, n)| (id, n.to_owned()))
    .collect()
}

/// Builds one history: registration first, then the events given.
struct Story {
    events: Vec<CaseEvent>,
}

impl Story {
    fn new(at: DateTime<Utc>, class: [&str; 4], repeat_of: Option<i64>) -> Self {
        let [topic, location, network, importance] = class;
        let kind = EventKind::Registered {
            link: format!("https://{network}.example/post?topic={topic}&x=<b>"),
            network: network.into(),
            topic: topic.into(),
            location: location.into(),
            importance: importance.into(),
            repeat_of: repeat_of.map(CaseId),
        };
        Self {
            events: vec![CaseEvent::new(at, PersonId(1), kind)],
        }
    }

    fn then(mut self, at: DateTime<Utc>, kind: EventKind) -> Self {
        self.events.push(CaseEvent::new(at, PersonId(2), kind));
        self
    }

    fn assign(self, at: DateTime<Utc>, unit: UnitId) -> Self {
        self.then(
            at,
            EventKind::Assigned {
                unit,
                responsible: true,
                order: 0,
                queued: false,
            },
        )
        .then(at, EventKind::Accepted { unit })
    }

    fn draft(self, at: DateTime<Utc>, kind: DraftKind) -> Self {
        self.draft_with(at, kind, &[])
    }

    /// A draft with files of these kinds attached (п.16).
    fn draft_with(self, at: DateTime<Utc>, kind: DraftKind, files: &[AttachmentKind]) -> Self {
        let attachments = files
            .iter()
            .map(|&kind| Attachment::telegram(kind, "file"))
            .collect();
        let submitted = EventKind::DraftSubmitted {
            draft_kind: kind,
            text: "ответ".into(),
            attachments,
        };
        self.then(at, submitted).then(at, EventKind::DraftApproved)
    }

    fn publish(self, at: DateTime<Utc>, kind: DraftKind) -> Self {
        self.then(
            at,
            EventKind::Published {
                draft_kind: kind,
                url: None,
            },
        )
    }

    fn sent_back(self, at: DateTime<Utc>, by: Reviewer) -> Self {
        self.then(
            at,
            EventKind::DraftSentBack {
                by,
                comment: "доработать".into(),
            },
        )
    }

    fn case(self, n: i64) -> ReportCase {
        ReportCase {
            id: CaseId(n),
            number: n,
            history: self.events,
        }
    }
}

const MID: &str = "Средняя";

/// The seeded cases, numbered as in the hand computation.
pub fn cases() -> Vec<ReportCase> {
    use DraftKind::{Final, Intermediate};
    vec![
        // 1: on time. Due 3.11 09:00; answered 2.11 14:00 after 240 working minutes, with
        // a photo (п.16).
        Story::new(
            msk(2026, 11, 2, 9, 0),
            ["ЖКХ", "г. Алатырь", "vk", MID],
            None,
        )
        .assign(msk(2026, 11, 2, 9, 5), HOUSING)
        .draft_with(msk(2026, 11, 2, 11, 0), Final, &[AttachmentKind::Photo])
        .publish(msk(2026, 11, 2, 14, 0), Final)
        .case(1),
        // 2: «Высокая», 4 h: due 3.11 15:00 (shortened day); answered 5.11 14:00 across the
        // 4.11 holiday: 360 min late, 600 min to answer; sent back once by the deputy.
        Story::new(
            msk(2026, 11, 3, 10, 0),
            ["ЖКХ", "с. Алтышево", "ok", "Высокая"],
            None,
        )
        .assign(msk(2026, 11, 3, 10, 10), HOUSING)
        .draft(msk(2026, 11, 3, 14, 0), Final)
        .sent_back(msk(2026, 11, 5, 9, 0), Reviewer::Deputy)
        .draft(msk(2026, 11, 5, 13, 30), Final)
        .publish(msk(2026, 11, 5, 14, 0), Final)
        .case(2),
        // 3: intermediate 9.11 11:00 (due 9.11 16:00; 240 min), final 17.11 within п.13
        // (18.11 17:00) after the curator sent one draft back.
        Story::new(
            msk(2026, 11, 6, 16, 0),
            ["Дороги", "г. Алатырь", "telegram", MID],
            None,
        )
        .assign(msk(2026, 11, 6, 16, 5), ROADS)
        .draft(msk(2026, 11, 9, 10, 0), Intermediate)
        .publish(msk(2026, 11, 9, 11, 0), Intermediate)
        .draft(msk(2026, 11, 16, 10, 0), Final)
        .sent_back(msk(2026, 11, 17, 10, 0), Reviewer::Curator)
        .draft(msk(2026, 11, 17, 14, 0), Final)
        .publish(msk(2026, 11, 17, 15, 0), Final)
        .case(3),
        // 4: a repeat of case 1, due 26.11 09:00, unanswered at the month's end (1380 min
        // late by then); the December answer must not count.
        Story::new(
            msk(2026, 11, 25, 9, 0),
            ["Дороги", "с. Кувакино", "vk", "Низкая"],
            Some(1),
        )
        .assign(msk(2026, 11, 25, 9, 10), ROADS)
        .draft(msk(2026, 12, 2, 9, 0), Final)
        .publish(msk(2026, 12, 2, 10, 0), Final)
        .case(4),
        // 5: rejected under п.17 before any unit got it.
        Story::new(
            msk(2026, 11, 10, 10, 0),
            ["Другое", "Другое", "vk", "Низкая"],
            None,
        )
        .then(
            msk(2026, 11, 10, 10, 20),
            EventKind::Rejected {
                reason: "п.17".into(),
            },
        )
        .case(5),
        // 6: returned by housing at 9:20, reassigned at 10:00 (due 9:35): a slow
        // reassignment for housing; roads answers at 15:00 (due 13.11 09:00; 300 min).
        Story::new(
            msk(2026, 11, 12, 9, 0),
            ["ЖКХ", "г. Алатырь", "vk", MID],
            None,
        )
        .assign(msk(2026, 11, 12, 9, 5), HOUSING)
        .then(
            msk(2026, 11, 12, 9, 20),
            EventKind::Returned {
                unit: HOUSING,
                reason: "не наше".into(),
            },
        )
        .assign(msk(2026, 11, 12, 10, 0), ROADS)
        .draft(msk(2026, 11, 12, 13, 30), Final)
        .publish(msk(2026, 11, 12, 15, 0), Final)
        .case(6),
        // 7: registered in October, due 2.11 15:00, answered 3.11 09:00: late by 180 min,
        // 660 min to answer; a document attached is not a photo or video.
        Story::new(
            msk(2026, 10, 30, 15, 0),
            ["ЖКХ", "г. Алатырь", "vk", MID],
            None,
        )
        .assign(msk(2026, 10, 30, 15, 10), HOUSING)
        .draft_with(msk(2026, 11, 3, 8, 30), Final, &[AttachmentKind::Document])
        .publish(msk(2026, 11, 3, 9, 0), Final)
        .case(7),
        // 8: October, closed in October: only the previous month's dynamics.
        Story::new(
            msk(2026, 10, 20, 10, 0),
            ["Дороги", "с. Алтышево", "ok", MID],
            None,
        )
        .assign(msk(2026, 10, 20, 10, 5), ROADS)
        .draft(msk(2026, 10, 20, 14, 0), Final)
        .publish(msk(2026, 10, 20, 15, 0), Final)
        .case(8),
        // 9: 30.11 22:30 UTC is 1.12 01:30 in Moscow: December, not counted anywhere.
        Story::new(
            Utc.with_ymd_and_hms(2026, 11, 30, 22, 30, 0).unwrap(),
            ["ЖКХ", "г. Алатырь", "vk", MID],
            None,
        )
        .assign(
            Utc.with_ymd_and_hms(2026, 11, 30, 22, 40, 0).unwrap(),
            HOUSING,
        )
        .case(9),
        // 10: 31.10 21:30 UTC is 1.11 00:30 in Moscow: November. Due 2.11 17:00, answered
        // 2.11 16:00 after 420 working minutes.
        Story::new(
            Utc.with_ymd_and_hms(2026, 10, 31, 21, 30, 0).unwrap(),
            ["Благоустройство", "с. Чуварлеи", "max", MID],
            None,
        )
        .assign(msk(2026, 11, 2, 8, 30), HOUSING)
        .draft(msk(2026, 11, 2, 15, 0), Final)
        .publish(msk(2026, 11, 2, 16, 0), Final)
        .case(10),
        // 11: registered 30.11 15:00, due 1.12 15:00: open, not yet due at the month's end.
        Story::new(
            msk(2026, 11, 30, 15, 0),
            ["Дороги", "г. Алатырь", "dzen", MID],
            None,
        )
        .assign(msk(2026, 11, 30, 15, 5), ROADS)
        .case(11),
        // 12: intermediate 9.11 11:00 (due 9.11 17:00; 180 min); п.13 ends 18.11 17:00 with
        // no final answer: open and overdue for the final answer.
        Story::new(
            msk(2026, 11, 9, 8, 0),
            ["Образование", "г. Алатырь", "vk", MID],
            None,
        )
        .assign(msk(2026, 11, 9, 8, 5), SCHOOLS)
        .draft(msk(2026, 11, 9, 10, 30), Intermediate)
        .publish(msk(2026, 11, 9, 11, 0), Intermediate)
        .case(12),
    ]
}
