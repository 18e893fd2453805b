//! Refused files: syntax, unknown keys, bad values of the organization's sections.

use super::{issues, only_issue};
use crate::config::{Config, ConfigError, Position};

#[test]
fn a_syntax_error_names_the_place() {
    let issue = only_issue("[organization]\nname = \"x\"\n[schedule\n", 3, "");
    assert!(issue.message.contains("invalid table header"), "{issue:?}");
    assert!(!issue.message.contains('\n'));
}

#[test]
fn an_unknown_key_is_refused_with_the_known_ones() {
    let issue = only_issue(
        "[deadlines]\nanswer = \"8h\"\nanwser = \"4h\"\n",
        3,
        "deadlines.anwser",
    );
    assert!(
        issue.message.starts_with("unknown key `anwser`"),
        "{issue:?}"
    );
    assert!(issue.message.contains("`answer`") && issue.message.contains("`remind_before`"));
}

#[test]
fn an_unknown_section_is_refused() {
    let issue = only_issue("[organisation]\nname = \"x\"\n", 1, "organisation");
    assert!(issue.message.contains("`organization`"), "{issue:?}");
}

#[test]
fn an_unknown_key_inside_an_array_of_tables_has_its_index() {
    let text = "[[people]]\nname = \"А\"\nroles = [\"admin\"]\n[[people]]\nname = \"Б\"\nrole = \"admin\"\n";
    let issue = only_issue(text, 6, "people[1].role");
    assert!(issue.message.contains("`roles`"), "{issue:?}");
}

#[test]
fn a_wrong_type_names_the_key() {
    let text = "[[people]]\nname = \"А\"\ntelegram_id = \"@ivanova\"\nroles = [\"admin\"]\n";
    let issue = only_issue(text, 3, "people[0].telegram_id");
    assert!(issue.message.contains("expected i64"), "{issue:?}");
}

#[test]
fn a_bad_duration_says_what_was_expected() {
    let issue = only_issue("[deadlines]\nanswer = \"8 hours\"\n", 2, "deadlines.answer");
    assert_eq!(
        issue.message,
        "expected a working duration like \"30m\", \"8h\", \"1h30m\" or \"7d\", got \"8 hours\""
    );
    assert_eq!(
        issue.position,
        Some(Position {
            line: 2,
            column: 10
        })
    );
}

#[test]
fn a_bad_override_names_its_level() {
    let text = "[deadlines.importance.\"Высокая\"]\npublish = \"soon\"\n";
    only_issue(text, 2, "deadlines.importance.\"Высокая\".publish");
}

#[test]
fn an_override_for_an_unlisted_level_is_refused() {
    let text = "[directory]\nimportance = [\"Высокая\", \"Низкая\"]\n\n\
                [deadlines.importance.\"Срочная\"]\nanswer = \"2h\"\n";
    let issue = only_issue(text, 4, "deadlines.importance.\"Срочная\"");
    assert!(
        issue.message.contains("\"Высокая\", \"Низкая\""),
        "{issue:?}"
    );
}

#[test]
fn the_draft_term_must_be_shorter_than_the_answer_term() {
    let text =
        "[deadlines]\nanswer = \"8h\"\n[deadlines.importance.\"Высокая\"]\nanswer = \"3h\"\n";
    let issue = only_issue(text, 4, "deadlines.importance.\"Высокая\"");
    assert!(
        issue.message.contains("draft_before_answer (3h)"),
        "{issue:?}"
    );
    only_issue(
        "[deadlines]\ndraft_before_answer = \"8h\"\n",
        2,
        "deadlines",
    );
}

#[test]
fn bad_times_are_refused() {
    let issue = only_issue("[report]\nsend_at = \"25:00\"\n", 2, "report.send_at");
    assert!(issue.message.contains("got \"25:00\""), "{issue:?}");
    only_issue("[report]\nsend_at = 9\n", 2, "report.send_at");
    only_issue("[schedule]\nhours = \"08:00-24:30\"\n", 2, "schedule.hours");
}

#[test]
fn hours_must_end_after_they_start() {
    let issue = only_issue("[schedule]\nhours = \"17:00-08:00\"\n", 2, "schedule.hours");
    assert!(
        issue.message.contains("end must come after the start"),
        "{issue:?}"
    );
}

#[test]
fn lunch_must_lie_inside_the_hours() {
    let text = "[schedule]\nhours = \"08:00-17:00\"\nlunch = \"16:30-17:30\"\n";
    let issue = only_issue(text, 3, "schedule.lunch");
    assert!(
        issue
            .message
            .contains("inside the working hours 08:00-17:00"),
        "{issue:?}"
    );
    only_issue("[schedule]\nlunch = \"\"\n", 2, "schedule.lunch");
}

#[test]
fn schedule_days_and_shortening_are_checked() {
    only_issue(
        "[schedule]\ndays = [\"mon\", \"пн\"]\n",
        2,
        "schedule.days[1]",
    );
    only_issue("[schedule]\ndays = []\n", 2, "schedule.days");
    only_issue(
        "[schedule]\ndays = [\"mon\", \"mon\"]\n",
        2,
        "schedule.days[1]",
    );
    only_issue(
        "[schedule]\npreholiday_shortening = \"1d\"\n",
        2,
        "schedule.preholiday_shortening",
    );
    let text = "[schedule]\nhours = \"08:00-10:00\"\npreholiday_shortening = \"2h\"\n";
    only_issue(text, 3, "schedule.preholiday_shortening");
}

#[test]
fn unknown_timezone_and_region_are_refused() {
    let issue = only_issue(
        "[organization]\ntimezone = \"Europe/Alatyr\"\n",
        2,
        "organization.timezone",
    );
    assert!(issue.message.contains("Europe/Alatyr"), "{issue:?}");
    let issue = only_issue(
        "[organization]\nregion = \"tatarstan\"\n",
        2,
        "organization.region",
    );
    assert!(issue.message.contains("\"chuvashia\""), "{issue:?}");
    only_issue("[organization]\nname = \"  \"\n", 2, "organization.name");
}

#[test]
fn duplicate_directory_entries_point_at_the_first() {
    let text = "[directory]\ntopics = [\n  \"ЖКХ\",\n  \"Дороги\",\n  \"жкх\",\n]\n";
    let issue = only_issue(text, 5, "directory.topics[2]");
    assert!(issue.message.contains("first on line 3"), "{issue:?}");
}

#[test]
fn several_issues_are_reported_at_once_in_file_order() {
    let text = "[report]\nsend_at = \"9am\"\n[organization]\nregion = \"x\"\n[deadlines]\nanswer = \"8\"\n";
    let lines: Vec<usize> = issues(text)
        .iter()
        .filter_map(|i| i.position.map(|p| p.line))
        .collect();
    assert_eq!(lines, [2, 4, 6]);
}

#[test]
fn the_display_is_one_line_per_issue_with_file_line_and_path() {
    let text = "[report]\nsend_at = \"9am\"\n[deadlines]\nanswer = \"8\"\n";
    let err = Config::parse(text, "/etc/otklik.toml").unwrap_err();
    let shown = err.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 2, "{shown}");
    assert!(
        lines[0].starts_with("/etc/otklik.toml:2:11: report.send_at: expected a time"),
        "{shown}"
    );
    assert!(
        lines[1].starts_with("/etc/otklik.toml:4:10: deadlines.answer: "),
        "{shown}"
    );
}

#[test]
fn load_names_a_missing_file_and_a_non_utf8_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let err = Config::load(&missing).unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }));
    assert!(err.to_string().contains("nope.toml"), "{err}");

    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[organization]\nname = \"Adminstra\xe7\xe3o\"\n").unwrap();
    let err = Config::load(&latin1).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("{}:2:", latin1.display())),
        "{shown}"
    );
    assert!(shown.contains("UTF-8"), "{shown}");
}
