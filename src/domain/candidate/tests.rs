use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn signals() -> Signals {
    Signals::new(
        &strings(&["яма", "не работает", "отключили", "администрац"]),
        &strings(&["@alatyr_adm"]),
    )
    .unwrap()
}

#[test]
fn p8_stems_match_the_start_of_a_word_in_any_case() {
    let s = signals();
    assert_eq!(
        s.first_match("Опять ЯМЫ на Ленина"),
        None,
        "«ямы» is not «яма…»"
    );
    assert_eq!(s.first_match("Яма на Ленина!"), Some("яма".into()));
    assert_eq!(s.first_match("огромная ямища"), None);
    assert_eq!(
        s.first_match("в ямах вода"),
        Some("яма".into()),
        "«ямах» starts with «яма»"
    );
    assert_eq!(
        s.first_match("Куда смотрит Администрация?"),
        Some("администрац".into())
    );
    assert_eq!(
        s.first_match("у нас ОТКЛЮЧИЛИ свет"),
        Some("отключили".into())
    );
    assert_eq!(s.first_match("приятного аппетита"), None);
    assert_eq!(
        s.first_match("панорама"),
        None,
        "a stem inside a word is no match"
    );
}

#[test]
fn p8_a_several_word_stem_needs_its_words_in_a_row() {
    let s = signals();
    assert_eq!(
        s.first_match("Лифт не  работает, третий день"),
        Some("не работает".into())
    );
    assert_eq!(s.first_match("не, всё работает"), None);
    assert_eq!(s.first_match("нет работает"), None);
}

#[test]
fn p8_a_mention_matches_the_whole_account_only() {
    let s = signals();
    assert_eq!(
        s.first_match("@Alatyr_adm ответьте"),
        Some("@alatyr_adm".into())
    );
    assert_eq!(s.first_match("@alatyr_admin ответьте"), None);
    assert_eq!(s.first_match("alatyr_adm"), None);
}

#[test]
fn e_and_yo_are_the_same_letter() {
    let s = Signals::new(&strings(&["ёлка"]), &[]).unwrap();
    assert!(s.first_match("Упала елка").is_some());
    let s = Signals::new(&strings(&["елка"]), &[]).unwrap();
    assert!(s.first_match("Упала ёлка").is_some());
}

#[test]
fn bad_signals_are_refused() {
    assert!(matches!(
        Signals::new(&strings(&["  !! "]), &[]),
        Err(SignalsError::Empty(_))
    ));
    assert!(matches!(
        Signals::new(&[], &strings(&["@ад министрация"])),
        Err(SignalsError::BadMention(_))
    ));
}

fn rule(words: &[&str]) -> SuggestRule {
    SuggestRule::new(&strings(words)).unwrap()
}

fn suggester() -> Suggester {
    let mut urgent = rule(&["авария", "пожар", "без воды"]);
    urgent.importance = Some("Высокая".into());
    let mut water = rule(&["вод", "канализац"]);
    water.topic = Some("ЖКХ".into());
    water.unit = Some("Отдел ЖКХ".into());
    let mut roads = rule(&["яма", "дорог"]);
    roads.topic = Some("Дороги".into());
    let mut village = rule(&["кувакин"]);
    village.location = Some("с. Кувакино".into());
    Suggester {
        rules: vec![urgent, water, roads, village],
    }
}

#[test]
fn p8_dictionaries_suggest_topic_location_importance_and_unit() {
    let s = suggester().suggest("В Кувакино авария, сидим без воды второй день");
    assert_eq!(s.importance.as_deref(), Some("Высокая"));
    assert_eq!(s.topic.as_deref(), Some("ЖКХ"));
    assert_eq!(s.unit.as_deref(), Some("Отдел ЖКХ"));
    assert_eq!(s.location.as_deref(), Some("с. Кувакино"));
}

#[test]
fn the_first_matching_rule_wins_a_field() {
    let s = suggester().suggest("яма на дороге у водокачки");
    assert_eq!(
        s.topic.as_deref(),
        Some("ЖКХ"),
        "water comes first in the file"
    );
    let s = suggester().suggest("яма на дороге");
    assert_eq!(s.topic.as_deref(), Some("Дороги"));
    assert_eq!(s.importance, None);
    assert!(suggester().suggest("хорошая погода").is_empty());
}

#[test]
fn a_suggested_unit_is_found_by_name() {
    let s = suggester().suggest("нет воды");
    let units = vec![
        (crate::domain::UnitId(3), "Отдел дорог".to_owned()),
        (crate::domain::UnitId(7), "отдел жкх".to_owned()),
    ];
    assert_eq!(unit_id(&s, &units), Some(crate::domain::UnitId(7)));
    assert_eq!(unit_id(&Suggestion::default(), &units), None);
}

#[test]
fn watched_chats_take_every_message_filtered_ones_only_signals() {
    let rules = CandidateRules {
        chats: vec![
            WatchedChat {
                chat: ChatRef::Id(-1001),
                mode: ChatMode::Watched,
            },
            WatchedChat {
                chat: ChatRef::Username("alatyr_chat".into()),
                mode: ChatMode::Filtered,
            },
        ],
        signals: signals(),
        ..CandidateRules::default()
    };
    assert_eq!(rules.mode_of(-1001, None), Some(ChatMode::Watched));
    assert_eq!(
        rules.mode_of(-1002, Some("Alatyr_Chat")),
        Some(ChatMode::Filtered)
    );
    assert_eq!(rules.mode_of(-1003, Some("other")), None);
    assert_eq!(
        rules.screen(ChatMode::Watched, "привет"),
        Some(Reason::Watched)
    );
    assert_eq!(rules.screen(ChatMode::Watched, "  "), None);
    assert_eq!(rules.screen(ChatMode::Filtered, "привет"), None);
    assert_eq!(
        rules.screen(ChatMode::Filtered, "яма у школы"),
        Some(Reason::Signal("яма".into()))
    );
}

#[test]
fn an_excerpt_is_cut_at_a_word() {
    assert_eq!(excerpt("  две   строки\nтекста ", 100), "две строки текста");
    assert_eq!(excerpt("раз два три", 8), "раз два…");
    assert_eq!(excerpt("оченьдлинноеслово", 5), "очен…");
    assert_eq!(excerpt("", 5), "");
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

/// Working hours 08:00–17:00 UTC on the test day; outside them, 08:00 next day.
fn working(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Timelike;
    if t.hour() < 8 {
        t.date_naive().and_hms_opt(8, 0, 0).unwrap().and_utc()
    } else if t.hour() >= 17 {
        (t.date_naive() + Duration::days(1))
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_utc()
    } else {
        t
    }
}

const TEN: Duration = Duration::minutes(10);

#[test]
fn the_first_candidate_gets_a_card_at_once_in_working_hours() {
    let p = plan(at(10, 0), false, Scheduled::default(), TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Card,
            at: at(10, 0)
        }
    );
}

#[test]
fn within_the_interval_candidates_gather_in_one_digest() {
    let before = Scheduled {
        last: Some(at(10, 0)),
        open_digest: None,
    };
    let p = plan(at(10, 3), false, before, TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Digest,
            at: at(10, 10)
        }
    );
    let before = Scheduled {
        last: Some(at(10, 10)),
        open_digest: Some(at(10, 10)),
    };
    let p = plan(at(10, 5), false, before, TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Digest,
            at: at(10, 10)
        }
    );
}

#[test]
fn after_the_interval_a_card_again() {
    let before = Scheduled {
        last: Some(at(10, 10)),
        open_digest: None,
    };
    let p = plan(at(10, 20), false, before, TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Card,
            at: at(10, 20)
        }
    );
}

#[test]
fn outside_working_hours_candidates_wait_for_the_morning() {
    let night = at(22, 0);
    let morning = working(night);
    let p = plan(night, false, Scheduled::default(), TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Card,
            at: morning
        }
    );
    let before = Scheduled {
        last: Some(morning),
        open_digest: None,
    };
    let p = plan(night + Duration::minutes(5), false, before, TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Digest,
            at: morning + TEN
        }
    );
}

#[test]
fn a_digest_due_after_hours_waits_for_the_morning_too() {
    let before = Scheduled {
        last: Some(at(16, 55)),
        open_digest: None,
    };
    let p = plan(at(16, 58), false, before, TEN, working);
    assert_eq!(p.slot, Slot::Digest);
    assert_eq!(p.at, working(at(17, 5)));
}

#[test]
fn an_urgent_candidate_goes_at_once_even_at_night() {
    let before = Scheduled {
        last: Some(at(21, 59)),
        open_digest: Some(at(23, 0)),
    };
    let p = plan(at(22, 0), true, before, TEN, working);
    assert_eq!(
        p,
        Plan {
            slot: Slot::Urgent,
            at: at(22, 0)
        }
    );
}

#[test]
fn a_zero_interval_never_batches() {
    let before = Scheduled {
        last: Some(at(10, 0)),
        open_digest: None,
    };
    let p = plan(at(10, 0), false, before, Duration::zero(), working);
    assert_eq!(p.slot, Slot::Card);
}
