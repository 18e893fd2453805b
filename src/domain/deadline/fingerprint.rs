//! What the timing of open cases depends on, as one short string: when it is unchanged at
//! start, nothing needs re-timing (issue 15: re-timing 100,000 open cases took minutes, and
//! nobody was answered meanwhile).

use chrono::{Datelike, Days, NaiveDate};
use sha2::{Digest, Sha256};

use super::DeadlinePolicy;
use crate::domain::calendar::WorkCalendar;

/// Bumped whenever the derivation rules in code change, so a new release re-times too.
const RULES: &str = "deadline-rules-1";

/// The fingerprint of the terms and of every day's kind from two years before `today` to
/// two years after it (a corrected production calendar changes some day; a new release of
/// the holiday tables too, which the settings alone would miss).
pub fn fingerprint(calendar: &WorkCalendar, policy: &DeadlinePolicy, today: NaiveDate) -> String {
    let mut h = Sha256::new();
    h.update(RULES);
    h.update(format!("{policy:?}"));
    h.update(format!("{:?}", calendar.settings()));
    let from = NaiveDate::from_ymd_opt(today.year() - 2, 1, 1).unwrap_or(today);
    let to = NaiveDate::from_ymd_opt(today.year() + 2, 12, 31).unwrap_or(today);
    let mut day = from;
    while day <= to {
        h.update(format!("{:?}", calendar.day_kind(day)));
        day = day + Days::new(1);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::CalendarSettings;
    use crate::domain::duration::WorkDuration;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
    }

    #[test]
    fn unchanged_terms_and_calendar_give_the_same_fingerprint() {
        let cal = WorkCalendar::default();
        let policy = DeadlinePolicy::default();
        assert_eq!(
            fingerprint(&cal, &policy, today()),
            fingerprint(&cal, &policy, today())
        );
    }

    #[test]
    fn p9_p13_changed_terms_change_the_fingerprint() {
        let cal = WorkCalendar::default();
        let base = DeadlinePolicy::default();
        let mut shorter = base.clone();
        shorter.base.answer = WorkDuration::hours(4);
        assert_ne!(
            fingerprint(&cal, &base, today()),
            fingerprint(&cal, &shorter, today())
        );
    }

    #[test]
    fn a_corrected_calendar_changes_the_fingerprint() {
        let policy = DeadlinePolicy::default();
        let base = WorkCalendar::default();
        let mut settings: CalendarSettings = base.settings().clone();
        settings.region =
            Some(crate::domain::calendar::Region::parse("chuvashia").expect("region"));
        let regional = WorkCalendar::new(settings);
        assert_ne!(
            fingerprint(&base, &policy, today()),
            fingerprint(&regional, &policy, today())
        );
    }
}
