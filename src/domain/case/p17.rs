//! The grounds of a п.17 rejection: what the regulation says is not processed.

/// Why a post is not processed (п.17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum P17Ground {
    Threat,
    Obscenity,
    Insult,
    Harm,
}

impl P17Ground {
    pub const ALL: [P17Ground; 4] = [Self::Threat, Self::Obscenity, Self::Insult, Self::Harm];

    /// A stable short code, as buttons carry it.
    pub fn code(self) -> u8 {
        match self {
            Self::Threat => 1,
            Self::Obscenity => 2,
            Self::Insult => 3,
            Self::Harm => 4,
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseState, Command, DraftKind, TransitionError};
    use crate::domain::testkit::*;

    fn reject() -> Command {
        Command::Reject {
            reason: "угрозы".into(),
        }
    }

    #[test]
    fn p17_ground_codes_round_trip() {
        for g in P17Ground::ALL {
            assert_eq!(P17Ground::from_code(g.code()), Some(g));
        }
        assert_eq!(P17Ground::from_code(0), None);
        assert_eq!(P17Ground::from_code(5), None);
    }

    #[test]
    fn p17_curator_rejects_at_every_stage_before_publication() {
        let t = |h, m| msk(2026, 11, 23, h, m);
        let mut s = Story::registered(t(9, 0), &[HOUSING]);
        let mut seen = vec![s.case()];
        s.does(
            &housing_executor(),
            t(9, 5),
            Command::Accept { unit: HOUSING },
        );
        seen.push(s.case());
        let draft = Command::SubmitDraft {
            kind: DraftKind::Final,
            text: "Ответ".into(),
            attachments: vec![],
        };
        s.does(&housing_executor(), t(10, 0), draft);
        seen.push(s.case());
        s.does(&housing_deputy(), t(10, 5), Command::Approve);
        seen.push(s.case());
        let states: Vec<CaseState> = seen.iter().map(|c| c.state).collect();
        assert_eq!(
            states,
            [
                CaseState::Assigned,
                CaseState::InWork,
                CaseState::OnApproval,
                CaseState::WithCurator
            ]
        );
        for case in seen {
            let ctx = crate::domain::case::DecideContext {
                now: t(11, 0),
                calendar: &s.calendar,
                rules: s.rules,
            };
            let events = case.decide(&curator(), reject(), &ctx).expect("rejects");
            assert_eq!(events.len(), 1);
        }
        s.does(&curator(), t(11, 0), reject());
        assert_eq!(s.case().state, CaseState::Rejected);
    }

    #[test]
    fn p17_returned_case_can_be_rejected() {
        let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
        let ret = Command::Return {
            unit: HOUSING,
            reason: "Не наш".into(),
        };
        s.does(&housing_executor(), msk(2026, 11, 23, 9, 10), ret);
        assert_eq!(s.case().state, CaseState::Returned);
        s.does(&curator(), msk(2026, 11, 23, 9, 20), reject());
        assert_eq!(s.case().state, CaseState::Rejected);
    }

    #[test]
    fn p17_reject_after_publication_is_refused() {
        let at = [9, 10, 11, 12].map(|h| msk(2026, 11, 23, h, 0));
        let mut s = Story::approved(at, DraftKind::Intermediate);
        let publish = Command::Publish { url: None };
        s.does(&curator(), msk(2026, 11, 23, 13, 0), publish);
        let err = s.try_do(&curator(), msk(2026, 11, 23, 14, 0), reject());
        assert_eq!(
            err,
            Err(TransitionError::WrongState(CaseState::AnsweredIntermediate))
        );
        let mut s = Story::approved(at, DraftKind::Final);
        s.does(
            &curator(),
            msk(2026, 11, 23, 13, 0),
            Command::Publish { url: None },
        );
        let err = s.try_do(&curator(), msk(2026, 11, 23, 14, 0), reject());
        assert_eq!(err, Err(TransitionError::WrongState(CaseState::Answered)));
    }

    #[test]
    fn p17_only_the_curator_rejects() {
        let mut s = Story::registered(msk(2026, 11, 23, 9, 0), &[HOUSING]);
        for who in [housing_executor(), housing_deputy()] {
            let err = s.try_do(&who, msk(2026, 11, 23, 9, 10), reject());
            assert!(
                matches!(err, Err(TransitionError::RoleRequired(_))),
                "{err:?}"
            );
        }
    }
}
