//! Files that must be accepted, and what they mean.

use std::path::Path;

use chrono::{NaiveTime, Weekday};

use super::parse_ok;
use crate::config::{Config, PersonEntry};
use crate::domain::calendar::{Region, Schedule};
use crate::domain::deadline::DeadlineRules;
use crate::domain::{Role, WorkDuration};

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The example of SPEC §10, verbatim.
const SPEC_EXAMPLE: &str = r#"
[organization]
name = "Администрация Алатырского муниципального округа"
timezone = "Europe/Moscow"
region = "chuvashia"                    # adds regional holidays; omit for federal only

[schedule]                               # optional; these are the defaults
days = ["mon", "tue", "wed", "thu", "fri"]
hours = "08:00-17:00"
lunch = "12:00-13:00"
preholiday_shortening = "1h"

[deadlines]                              # optional; working time; these are the defaults
return_window = "30m"
reassign = "15m"
answer = "8h"
draft_before_answer = "3h"
publish = "1h"
final_after_intermediate = "7d"
contribution = "2h"
remind_before = "1h"

[deadlines.importance."Высокая"]         # optional overrides for one importance level
answer = "4h"

[report]
send_at = "09:00"                        # first working day of the month

[directory]
topics = ["ЖКХ", "Дороги", "Благоустройство", "Образование", "Здравоохранение", "Транспорт", "Другое"]
locations = ["г. Алатырь", "с. Алтышево", "с. Кувакино", "с. Чуварлеи", "Другое"]
importance = ["Высокая", "Средняя", "Низкая"]

[[people]]
name = "Иванова А.С."
telegram_id = 1001                       # optional: people without it join by invite link
roles = ["curator", "admin"]

[[people]]
name = "Сидоров В.В."
telegram_id = 1003
roles = ["deputy"]

[[people]]
name = "Петров П.П."
telegram_id = 1002
roles = ["executor"]
unit = "Отдел ЖКХ"

[[units]]
name = "Отдел ЖКХ"
deputy = "Сидоров В.В."
"#;

#[test]
fn defaults_are_those_of_the_spec() {
    let c = Config::default();
    let s = &c.calendar.schedule;
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    assert_eq!(s.days, weekdays);
    assert_eq!((s.start, s.end), (t(8, 0), t(17, 0)));
    assert_eq!(s.lunch, Some((t(12, 0), t(13, 0))));
    assert_eq!(s.preholiday_shortening_minutes, 60);
    assert_eq!(c.organization.timezone, chrono_tz::Europe::Moscow);
    assert_eq!(c.calendar.timezone, chrono_tz::Europe::Moscow);
    assert_eq!(c.calendar.region, None);
    assert_eq!(c.deadlines.base.answer, WorkDuration::hours(8));
    assert_eq!(c.deadlines.base.return_window, WorkDuration::minutes(30));
    assert_eq!(
        c.deadlines.base.final_after_intermediate,
        WorkDuration::days(7)
    );
    assert!(c.deadlines.by_importance.is_empty());
    assert_eq!(c.report.send_at, t(9, 0));
    assert!(c.directory.topics.is_empty() && c.people.is_empty() && c.units.is_empty());
}

#[test]
fn an_empty_file_means_the_defaults() {
    assert_eq!(parse_ok(""), Config::default());
    assert_eq!(
        parse_ok("# only a comment\n\n[schedule]\n[deadlines]\n"),
        Config::default()
    );
}

#[test]
fn the_spec_example_parses() {
    let c = parse_ok(SPEC_EXAMPLE);
    assert_eq!(
        c.organization.name,
        "Администрация Алатырского муниципального округа"
    );
    assert_eq!(c.organization.region, Some(Region::Chuvashia));
    assert_eq!(c.calendar.region, Some(Region::Chuvashia));
    assert_eq!(c.calendar.schedule, Schedule::default());
    assert_eq!(c.deadlines.base, DeadlineRules::default());
    assert_eq!(c.directory.topics.len(), 7);
    assert_eq!(c.directory.locations[0], "г. Алатырь");
    assert_eq!(c.directory.importance, ["Высокая", "Средняя", "Низкая"]);
    let executor = PersonEntry {
        name: "Петров П.П.".into(),
        telegram_id: Some(1002),
        max_id: None,
        roles: vec![Role::Executor],
        unit: Some("Отдел ЖКХ".into()),
    };
    assert_eq!(c.people[2], executor);
    assert_eq!(c.people[0].roles, [Role::Curator, Role::Admin]);
    assert_eq!(c.units.len(), 1);
    assert_eq!(c.units[0].deputy, "Сидоров В.В.");
}

#[test]
fn an_importance_override_changes_only_its_level_and_keys() {
    let c = parse_ok(SPEC_EXAMPLE);
    let high = c.deadlines.rules_for("Высокая");
    assert_eq!(high.answer, WorkDuration::hours(4));
    assert_eq!(high.publish, WorkDuration::hours(1));
    assert_eq!(
        c.deadlines.rules_for("Низкая").answer,
        WorkDuration::hours(8)
    );
}

#[test]
fn overrides_stack_on_a_changed_base() {
    let c = parse_ok(
        "[deadlines]\nanswer = \"9h\"\npublish = \"30m\"\n\
         [deadlines.importance.\"Высокая\"]\nanswer = \"4h\"\ncontribution = \"1h30m\"\n",
    );
    let high = c.deadlines.rules_for("Высокая");
    assert_eq!(high.answer, WorkDuration::hours(4));
    assert_eq!(high.contribution, WorkDuration::minutes(90));
    assert_eq!(high.publish, WorkDuration::minutes(30));
    assert_eq!(
        c.deadlines.rules_for("Средняя").answer,
        WorkDuration::hours(9)
    );
}

#[test]
fn schedule_variants() {
    let c = parse_ok(
        "[schedule]\ndays = [\"mon\", \"sat\"]\nlunch = \"none\"\npreholiday_shortening = \"0m\"\n",
    );
    let s = &c.calendar.schedule;
    assert_eq!(s.days, [Weekday::Mon, Weekday::Sat]);
    assert_eq!(s.lunch, None);
    assert_eq!(s.preholiday_shortening_minutes, 0);

    // Hours that leave out the default lunch simply have none; hours that contain it keep it.
    let short = parse_ok("[schedule]\nhours = \"08:00-12:00\"\n");
    assert_eq!(short.calendar.schedule.lunch, None);
    let long = parse_ok("[schedule]\nhours = \"09:00-18:00\"\n");
    assert_eq!(long.calendar.schedule.lunch, Some((t(12, 0), t(13, 0))));
    assert_eq!(long.calendar.schedule.start, t(9, 0));
}

#[test]
fn organization_keys_reach_the_calendar() {
    let c = parse_ok(
        "[organization]\ntimezone = \"Asia/Yekaterinburg\"\n[report]\nsend_at = \"10:30\"\n",
    );
    assert_eq!(c.calendar.timezone, chrono_tz::Asia::Yekaterinburg);
    assert_eq!(c.organization.name, Config::default().organization.name);
    assert_eq!(c.report.send_at, t(10, 30));
}

#[test]
fn the_example_file_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("otklik.example.toml");
    let c = Config::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.units.len() >= 8, "{} units", c.units.len());
    assert!(
        c.directory.topics.len() >= 10,
        "{} topics",
        c.directory.topics.len()
    );
    assert!(c.directory.locations.iter().any(|l| l == "Другое"));
    assert_eq!(c.organization.region, Some(Region::Chuvashia));
    assert!(c.deadlines.by_importance.contains_key("Высокая"));
    let has = |r: Role| c.people.iter().any(|p| p.roles.contains(&r));
    assert!(
        Role::ALL.into_iter().all(has),
        "every role is held by someone"
    );
    assert!(c.people.iter().any(|p| p.telegram_id.is_none()));
    assert!(c.people.iter().any(|p| p.telegram_id.is_some()));
    // Some deputy supervises several units.
    let deputies: std::collections::HashSet<_> = c.units.iter().map(|u| &u.deputy).collect();
    assert!(deputies.len() < c.units.len());
}
