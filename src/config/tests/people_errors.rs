//! Refused files: people, units and how they refer to each other.

use super::{issues, only_issue, parse_ok};

/// A valid pair of a unit and its deputy, to which each test adds one mistake.
const BASE: &str = "\
[[people]]
name = \"Сидоров В.В.\"
telegram_id = 1003
roles = [\"deputy\"]

[[units]]
name = \"Отдел ЖКХ\"
deputy = \"Сидоров В.В.\"
";

fn with(extra: &str) -> String {
    format!("{BASE}\n{extra}")
}

#[test]
fn the_base_is_valid() {
    let c = parse_ok(BASE);
    assert_eq!(c.units[0].name, "Отдел ЖКХ");
}

#[test]
fn an_unknown_role_names_its_index_and_the_known_roles() {
    let text = with("[[people]]\nname = \"Петров\"\nroles = [\"boss\", \"admin\"]\n");
    let issue = only_issue(&text, 12, "people[1].roles[0]");
    assert!(issue.message.contains("unknown role \"boss\""), "{issue:?}");
    assert!(issue.message.contains("\"executor\""), "{issue:?}");
}

#[test]
fn a_person_needs_a_role() {
    only_issue(
        &with("[[people]]\nname = \"Петров\"\n"),
        10,
        "people[1].roles",
    );
    only_issue(
        &with("[[people]]\nname = \"Петров\"\nroles = []\n"),
        12,
        "people[1].roles",
    );
    let text = with("[[people]]\nname = \"Петров\"\nroles = [\"admin\", \"admin\"]\n");
    only_issue(&text, 12, "people[1].roles[1]");
}

#[test]
fn an_executor_needs_an_existing_unit() {
    let text = with("[[people]]\nname = \"Петров\"\nroles = [\"executor\"]\n");
    let issue = only_issue(&text, 10, "people[1]");
    assert!(issue.message.contains("unit"), "{issue:?}");

    let text =
        with("[[people]]\nname = \"Петров\"\nroles = [\"executor\"]\nunit = \"Отдел ЖЖХ\"\n");
    let issue = only_issue(&text, 13, "people[1].unit");
    assert!(issue.message.contains("\"Отдел ЖКХ\""), "{issue:?}");
}

#[test]
fn names_and_telegram_ids_are_unique() {
    let text = with("[[people]]\nname = \"сидоров в.в.\"\nroles = [\"admin\"]\n");
    let issue = only_issue(&text, 11, "people[1].name");
    assert!(issue.message.contains("first on line 2"), "{issue:?}");

    let text = with("[[people]]\nname = \"Петров\"\ntelegram_id = 1003\nroles = [\"admin\"]\n");
    let issue = only_issue(&text, 12, "people[1].telegram_id");
    assert!(issue.message.contains("line 3"), "{issue:?}");

    let text = with("[[people]]\nname = \"Петров\"\ntelegram_id = -5\nroles = [\"admin\"]\n");
    only_issue(&text, 12, "people[1].telegram_id");

    let text = with("[[units]]\nname = \"Отдел ЖКХ\"\ndeputy = \"Сидоров В.В.\"\n");
    only_issue(&text, 11, "units[1].name");
}

#[test]
fn a_unit_needs_a_deputy_who_is_a_deputy() {
    let issue = only_issue(
        &with("[[units]]\nname = \"Отдел культуры\"\n"),
        10,
        "units[1].deputy",
    );
    assert!(
        issue.message.contains("exactly one supervising deputy"),
        "{issue:?}"
    );

    let text = with("[[units]]\nname = \"Отдел культуры\"\ndeputy = \"Никто\"\n");
    let issue = only_issue(&text, 12, "units[1].deputy");
    assert!(issue.message.contains("not among [[people]]"), "{issue:?}");

    let text = with(
        "[[people]]\nname = \"Петров\"\nroles = [\"admin\"]\n\n\
         [[units]]\nname = \"Отдел культуры\"\ndeputy = \"Петров\"\n",
    );
    let issue = only_issue(&text, 16, "units[1].deputy");
    assert!(
        issue.message.contains("lacks the \"deputy\" role"),
        "{issue:?}"
    );
}

#[test]
fn a_person_without_a_name_is_refused_by_the_parser() {
    let issue = only_issue(&with("[[people]]\nroles = [\"admin\"]\n"), 10, "people[1]");
    assert_eq!(issue.message, "missing key `name`");
}

#[test]
fn all_people_mistakes_come_together() {
    let text = with(
        "[[people]]\nname = \"Петров\"\nroles = [\"boss\"]\n\n\
         [[people]]\nname = \"Кузнецов\"\nroles = [\"executor\"]\nunit = \"Нет такого\"\n",
    );
    let paths: Vec<String> = issues(&text).into_iter().map(|i| i.path).collect();
    assert_eq!(paths, ["people[1].roles[0]", "people[2].unit"]);
}

#[test]
fn a_misspelt_deputy_role_is_reported_once_not_once_per_unit() {
    let text = "\
[[people]]
name = \"Сидоров\"
roles = [\"deputi\"]

[[units]]
name = \"Отдел ЖКХ\"
deputy = \"Сидоров\"

[[units]]
name = \"Отдел культуры\"
deputy = \"Сидоров\"
";
    only_issue(text, 3, "people[0].roles[0]");
}

#[test]
fn a_person_may_have_a_max_id_beside_or_instead_of_telegram() {
    let text = with(
        "[[people]]\nname = \"Петров\"\nmax_id = 5001\nroles = [\"admin\"]\n\n\
         [[people]]\nname = \"Иванова\"\ntelegram_id = 1004\nmax_id = 5002\nroles = [\"curator\"]\n",
    );
    let c = parse_ok(&text);
    assert_eq!(
        (c.people[1].telegram_id, c.people[1].max_id),
        (None, Some(5001))
    );
    assert_eq!(
        (c.people[2].telegram_id, c.people[2].max_id),
        (Some(1004), Some(5002))
    );
}

#[test]
fn max_ids_are_positive_and_unique() {
    let text = with(
        "[[people]]\nname = \"Петров\"\nmax_id = 5001\nroles = [\"admin\"]\n\n\
         [[people]]\nname = \"Иванова\"\nmax_id = 5001\nroles = [\"curator\"]\n",
    );
    let issue = only_issue(&text, 17, "people[2].max_id");
    assert!(
        issue.message.contains("max_id 5001 is already given"),
        "{issue:?}"
    );
    let text = with("[[people]]\nname = \"Петров\"\nmax_id = 0\nroles = [\"admin\"]\n");
    let issue = only_issue(&text, 12, "people[1].max_id");
    assert!(issue.message.contains("positive MAX user id"), "{issue:?}");
    // The same number may be someone's Telegram id and someone else's MAX id: separate spaces.
    let text = with("[[people]]\nname = \"Петров\"\nmax_id = 1003\nroles = [\"admin\"]\n");
    parse_ok(&text);
}
