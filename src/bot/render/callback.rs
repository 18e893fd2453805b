//! Callback data: what a button asks for, in at most 64 bytes. The data comes back from the
//! client and is untrusted: parsing is strict and total, and the server re-checks everything.

use crate::domain::case::DraftKind;
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
    /// Intake wizard: register and send out; reject under п.17; drop the draft intake.
    Confirm,
    RejectP17,
    CancelIntake,
    /// Open the duplicate or the earlier case; mark the new post as its repeat (п.15).
    Open(CaseId),
    RepeatOf(CaseId),
    Accept(CaseId, UnitId),
    Return(CaseId, UnitId),
    /// Start writing a draft of a kind (final, intermediate, clarification).
    Write(CaseId, DraftKind),
    Contribute(CaseId, UnitId),
    Approve(CaseId),
    SendBack(CaseId),
    Publish(CaseId),
    Reassign(CaseId),
    ReassignTo(CaseId, UnitId),
    /// Publishing: no link to give.
    PublishWithoutLink(CaseId),
    /// Drop whatever reply the bot was waiting for.
    CancelInput,
    /// A candidate post (issue 13): open the wizard prefilled, dismiss it, show its card.
    CandRegister(i64),
    CandSkip(i64),
    CandOpen(i64),
    /// Publishing from the bot under the source post (issue 13, п.12).
    PublishFromBot(CaseId),
}

/// Version prefix: a button from an incompatible older release parses as stale, not as
/// something else.
const V: &str = "1";

impl Action {
    pub fn encode(self) -> String {
        use Action::*;
        let body = match self {
            Topic(i) => format!("t:{i}"),
            Location(i) => format!("l:{i}"),
            Importance(i) => format!("i:{i}"),
            ToggleUnit(u) => format!("u:{u}"),
            UnitsDone => "ud".into(),
            Confirm => "ok".into(),
            RejectP17 => "p17".into(),
            CancelIntake => "x".into(),
            Open(c) => format!("o:{c}"),
            RepeatOf(c) => format!("rp:{c}"),
            Accept(c, u) => format!("a:{c}:{u}"),
            Return(c, u) => format!("r:{c}:{u}"),
            Write(c, k) => format!("w:{c}:{}", kind_code(k)),
            Contribute(c, u) => format!("cb:{c}:{u}"),
            Approve(c) => format!("ap:{c}"),
            SendBack(c) => format!("sb:{c}"),
            Publish(c) => format!("pb:{c}"),
            Reassign(c) => format!("ra:{c}"),
            ReassignTo(c, u) => format!("rt:{c}:{u}"),
            PublishWithoutLink(c) => format!("pn:{c}"),
            CancelInput => "ci".into(),
            CandRegister(c) => format!("cr:{c}"),
            CandSkip(c) => format!("cs:{c}"),
            CandOpen(c) => format!("co:{c}"),
            PublishFromBot(c) => format!("pf:{c}"),
        };
        format!("{V}|{body}")
    }

    /// `None` for anything that is not exactly what `encode` produces.
    pub fn decode(data: &str) -> Option<Action> {
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
            ("ok", []) => Confirm,
            ("p17", []) => RejectP17,
            ("x", []) => CancelIntake,
            ("o", [c]) => Open(CaseId(id(c)?)),
            ("rp", [c]) => RepeatOf(CaseId(id(c)?)),
            ("a", [c, u]) => Accept(CaseId(id(c)?), UnitId(id(u)?)),
            ("r", [c, u]) => Return(CaseId(id(c)?), UnitId(id(u)?)),
            ("w", [c, k]) => Write(CaseId(id(c)?), kind(k)?),
            ("cb", [c, u]) => Contribute(CaseId(id(c)?), UnitId(id(u)?)),
            ("ap", [c]) => Approve(CaseId(id(c)?)),
            ("sb", [c]) => SendBack(CaseId(id(c)?)),
            ("pb", [c]) => Publish(CaseId(id(c)?)),
            ("ra", [c]) => Reassign(CaseId(id(c)?)),
            ("rt", [c, u]) => ReassignTo(CaseId(id(c)?), UnitId(id(u)?)),
            ("pn", [c]) => PublishWithoutLink(CaseId(id(c)?)),
            ("ci", []) => CancelInput,
            ("cr", [c]) => CandRegister(id(c)?),
            ("cs", [c]) => CandSkip(id(c)?),
            ("co", [c]) => CandOpen(id(c)?),
            ("pf", [c]) => PublishFromBot(CaseId(id(c)?)),
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
        let all = [
            Action::Topic(u16::MAX),
            Action::ToggleUnit(unit),
            Action::UnitsDone,
            Action::Confirm,
            Action::RejectP17,
            Action::CancelIntake,
            Action::Open(big),
            Action::RepeatOf(big),
            Action::Accept(big, unit),
            Action::Return(big, unit),
            Action::Write(big, DraftKind::Clarification),
            Action::Contribute(big, unit),
            Action::Approve(big),
            Action::SendBack(big),
            Action::Publish(big),
            Action::Reassign(big),
            Action::ReassignTo(big, unit),
            Action::PublishWithoutLink(big),
            Action::CancelInput,
            Action::CandRegister(i64::MAX),
            Action::CandSkip(i64::MAX),
            Action::CandOpen(i64::MAX),
            Action::PublishFromBot(big),
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
            "1|",
            "2|ok",
            "1|a:1",
            "1|a:1:2:3",
            "1|a:-1:2",
            "1|a:0:2",
            "1|a:+1:2",
            "1|a:01:2",
            "1|w:1:z",
            "1|cr:0",
            "1|cs:-4",
            "1|ok:1",
            "ok",
        ] {
            assert_eq!(Action::decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn decoding_never_panics(s in ".{0,80}") {
            let _ = Action::decode(&s);
        }
    }
}
