//! Callback data: what a button asks for, in at most 64 bytes. The data comes back from the
//! client and is untrusted: parsing is strict and total, and the server re-checks everything.

use crate::domain::case::{Concern, DraftKind, P17Ground};
use crate::domain::{CaseId, UnitId};

/// Every action a button can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Intake wizard: pick the n-th topic / location / importance; toggle a unit.
    Topic(u16),
    Location(u16),
    Importance(u16),
    ToggleUnit(UnitId),
    /// Intake wizard: the units are chosen, show the summary.
    UnitsDone,
    /// Intake wizard: co-executors all at once or one after another (п.14).
    ToggleOrder,
    /// Intake wizard: register and send out; reject under п.17; drop the draft intake.
    Confirm,
    RejectP17,
    CancelIntake,
    /// Open the duplicate or the earlier case; mark the new post as its repeat (п.15).
    Open(CaseId),
    RepeatOf(CaseId),
    // Every action on a case names the case version its card showed (the last field), so a
    // press on a card the case has moved past is refused (SPEC §6).
    Accept(CaseId, UnitId, Seen),
    Return(CaseId, UnitId, Seen),
    /// Start writing a draft of a kind (final, intermediate, clarification).
    Write(CaseId, DraftKind, Seen),
    Contribute(CaseId, UnitId, Seen),
    Approve(CaseId, Seen),
    SendBack(CaseId, Seen),
    Publish(CaseId, Seen),
    Reassign(CaseId, Seen),
    ReassignTo(CaseId, UnitId, Seen),
    /// Publishing: no link to give.
    PublishWithoutLink(CaseId, Seen),
    /// Drop whatever reply the bot was waiting for.
    CancelInput,
    /// A candidate post (issue 13): open the wizard prefilled, dismiss it, show its card.
    CandRegister(i64),
    CandSkip(i64),
    CandOpen(i64),
    /// Publishing from the bot under the source post (issue 13, п.12).
    PublishFromBot(CaseId, Seen),
    /// п.17 at any stage: offer the grounds; a ground asks for a comment; or none.
    Reject(CaseId, Seen),
    RejectGround(CaseId, P17Ground, Seen),
    RejectNoComment(CaseId, P17Ground, Seen),
    /// п.19 by hand: the unit a deficiency notice is about.
    NoticeUnit(UnitId),
}

/// The case version a card showed (`Case::version`).
pub type Seen = u32;

/// Version prefix: a button from an incompatible older release parses as stale, not as
/// something else. "2": case actions carry the version their card showed.
const V: &str = "2";

impl Action {
    pub fn encode(self) -> String {
        use Action::*;
        let body = match self {
            Topic(i) => format!("t:{i}"),
            Location(i) => format!("l:{i}"),
            Importance(i) => format!("i:{i}"),
            ToggleUnit(u) => format!("u:{u}"),
            UnitsDone => "ud".into(),
            ToggleOrder => "sq".into(),
            Confirm => "ok".into(),
            RejectP17 => "p17".into(),
            CancelIntake => "x".into(),
            Open(c) => format!("o:{c}"),
            RepeatOf(c) => format!("rp:{c}"),
            Accept(c, u, v) => format!("a:{c}:{u}:{v}"),
            Return(c, u, v) => format!("r:{c}:{u}:{v}"),
            Write(c, k, v) => format!("w:{c}:{}:{v}", kind_code(k)),
            Contribute(c, u, v) => format!("cb:{c}:{u}:{v}"),
            Approve(c, v) => format!("ap:{c}:{v}"),
            SendBack(c, v) => format!("sb:{c}:{v}"),
            Publish(c, v) => format!("pb:{c}:{v}"),
            Reassign(c, v) => format!("ra:{c}:{v}"),
            ReassignTo(c, u, v) => format!("rt:{c}:{u}:{v}"),
            PublishWithoutLink(c, v) => format!("pn:{c}:{v}"),
            CancelInput => "ci".into(),
            CandRegister(c) => format!("cr:{c}"),
            CandSkip(c) => format!("cs:{c}"),
            CandOpen(c) => format!("co:{c}"),
            PublishFromBot(c, v) => format!("pf:{c}:{v}"),
            Reject(c, v) => format!("rj:{c}:{v}"),
            RejectGround(c, g, v) => format!("rg:{c}:{}:{v}", g.code()),
            RejectNoComment(c, g, v) => format!("rn:{c}:{}:{v}", g.code()),
            NoticeUnit(u) => format!("nu:{u}"),
        };
        format!("{V}|{body}")
    }

    /// For a button on a case card: the case, the version the card showed and what the
    /// button acts on.
    pub fn on_card(self) -> Option<(CaseId, Seen, Concern)> {
        use Action::*;
        Some(match self {
            Accept(c, u, v) | Return(c, u, v) | Contribute(c, u, v) => (c, v, Concern::Unit(u)),
            Write(c, _, v) => (c, v, Concern::Work),
            Approve(c, v)
            | SendBack(c, v)
            | Publish(c, v)
            | PublishWithoutLink(c, v)
            | PublishFromBot(c, v) => (c, v, Concern::Review),
            Reassign(c, v) | ReassignTo(c, _, v) => (c, v, Concern::Routing),
            Reject(c, v) | RejectGround(c, _, v) | RejectNoComment(c, _, v) => {
                (c, v, Concern::Open)
            }
            Topic(_) | Location(_) | Importance(_) | ToggleUnit(_) | UnitsDone | ToggleOrder
            | Confirm | RejectP17 | CancelIntake | Open(_) | RepeatOf(_) | CancelInput
            | CandRegister(_) | CandSkip(_) | CandOpen(_) | NoticeUnit(_) => return None,
        })
    }

    /// Whether `data` is a button of an earlier release (another version prefix): it is
    /// refused as out of date rather than as unknown.
    pub fn is_outdated(data: &str) -> bool {
        data.split_once('|').is_some_and(|(v, _)| {
            v != V && !v.is_empty() && v.len() <= 3 && v.bytes().all(|b| b.is_ascii_digit())
        })
    }

    /// `None` for anything that is not exactly what `encode` produces.
    pub fn decode(data: &str) -> Option<Action> {
        if data.len() > 64 {
            return None;
        }
        use Action::*;
        let body = data.strip_prefix(V)?.strip_prefix('|')?;
        let mut parts = body.split(':');
        let tag = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        let action = match (tag, rest.as_slice()) {
            ("t", [i]) => Topic(small(i)?),
            ("l", [i]) => Location(small(i)?),
            ("i", [i]) => Importance(small(i)?),
            ("u", [u]) => ToggleUnit(UnitId(id(u)?)),
            ("ud", []) => UnitsDone,
            ("sq", []) => ToggleOrder,
            ("ok", []) => Confirm,
            ("p17", []) => RejectP17,
            ("x", []) => CancelIntake,
            ("o", [c]) => Open(CaseId(id(c)?)),
            ("rp", [c]) => RepeatOf(CaseId(id(c)?)),
            ("a", [c, u, v]) => Accept(CaseId(id(c)?), UnitId(id(u)?), seen(v)?),
            ("r", [c, u, v]) => Return(CaseId(id(c)?), UnitId(id(u)?), seen(v)?),
            ("w", [c, k, v]) => Write(CaseId(id(c)?), kind(k)?, seen(v)?),
            ("cb", [c, u, v]) => Contribute(CaseId(id(c)?), UnitId(id(u)?), seen(v)?),
            ("ap", [c, v]) => Approve(CaseId(id(c)?), seen(v)?),
            ("sb", [c, v]) => SendBack(CaseId(id(c)?), seen(v)?),
            ("pb", [c, v]) => Publish(CaseId(id(c)?), seen(v)?),
            ("ra", [c, v]) => Reassign(CaseId(id(c)?), seen(v)?),
            ("rt", [c, u, v]) => ReassignTo(CaseId(id(c)?), UnitId(id(u)?), seen(v)?),
            ("pn", [c, v]) => PublishWithoutLink(CaseId(id(c)?), seen(v)?),
            ("ci", []) => CancelInput,
            ("cr", [c]) => CandRegister(id(c)?),
            ("cs", [c]) => CandSkip(id(c)?),
            ("co", [c]) => CandOpen(id(c)?),
            ("pf", [c, v]) => PublishFromBot(CaseId(id(c)?), seen(v)?),
            ("rj", [c, v]) => Reject(CaseId(id(c)?), seen(v)?),
            ("rg", [c, g, v]) => RejectGround(CaseId(id(c)?), ground(g)?, seen(v)?),
            ("rn", [c, g, v]) => RejectNoComment(CaseId(id(c)?), ground(g)?, seen(v)?),
            ("nu", [u]) => NoticeUnit(UnitId(id(u)?)),
            _ => return None,
        };
        // Reject non-canonical spellings ("+5", "05") so one action has one encoding.
        (action.encode() == data).then_some(action)
    }
}

fn kind_code(k: DraftKind) -> &'static str {
    match k {
        DraftKind::Final => "f",
        DraftKind::Intermediate => "i",
        DraftKind::Clarification => "c",
    }
}

fn kind(s: &str) -> Option<DraftKind> {
    DraftKind::ALL.into_iter().find(|k| kind_code(*k) == s)
}

fn id(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|v| *v > 0)
}

fn seen(s: &str) -> Option<Seen> {
    s.parse().ok()
}

fn ground(s: &str) -> Option<P17Ground> {
    P17Ground::from_code(s.parse().ok()?)
}

fn small(s: &str) -> Option<u16> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let big = CaseId(i64::MAX);
        let unit = UnitId(i64::MAX);
        let v = Seen::MAX;
        let all = [
            Action::Topic(u16::MAX),
            Action::ToggleUnit(unit),
            Action::UnitsDone,
            Action::ToggleOrder,
            Action::Confirm,
            Action::RejectP17,
            Action::CancelIntake,
            Action::Open(big),
            Action::RepeatOf(big),
            Action::Accept(big, unit, v),
            Action::Return(big, unit, v),
            Action::Write(big, DraftKind::Clarification, v),
            Action::Contribute(big, unit, v),
            Action::Approve(big, v),
            Action::SendBack(big, v),
            Action::Publish(big, v),
            Action::Reassign(big, v),
            Action::ReassignTo(big, unit, v),
            Action::PublishWithoutLink(big, v),
            Action::CancelInput,
            Action::CandRegister(i64::MAX),
            Action::CandSkip(i64::MAX),
            Action::CandOpen(i64::MAX),
            Action::PublishFromBot(big, v),
            Action::Reject(big, v),
            Action::RejectGround(big, P17Ground::Harm, v),
            Action::RejectNoComment(big, P17Ground::Threat, v),
        ];
        for a in all {
            let data = a.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Action::decode(&data), Some(a));
        }
    }

    #[test]
    fn forged_data_is_refused() {
        for bad in [
            "",
            "2|",
            "3|ok",
            "2|a:1:2",
            "2|a:1:2:3:4",
            "2|a:-1:2:3",
            "2|a:0:2:3",
            "2|a:+1:2:3",
            "2|a:01:2:3",
            "2|a:1:2:-3",
            "2|a:1:2:+3",
            "2|a:1:2:03",
            "2|a:1:2:4294967296",
            "2|ap:1",
            "2|w:1:z:3",
            "2|w:1:f",
            "2|cr:0",
            "2|cs:-4",
            "2|rg:1:0:3",
            "2|rg:1:9:3",
            "2|rn:1:01:3",
            "2|ok:1",
            "ok",
        ] {
            assert_eq!(Action::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn buttons_of_the_previous_release_parse_as_nothing() {
        for old in ["1|a:1:2", "1|ap:5", "1|pb:5", "1|w:1:f", "1|ok"] {
            assert_eq!(Action::decode(old), None, "{old}");
            assert!(Action::is_outdated(old), "{old}");
        }
        assert!(!Action::is_outdated(
            &Action::Approve(CaseId(1), 3).encode()
        ));
        assert!(!Action::is_outdated("garbage"));
    }

    proptest! {
        #[test]
        fn decoding_never_panics(s in ".{0,80}") {
            let _ = Action::decode(&s);
        }
    }
}
