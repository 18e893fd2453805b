use super::*;

fn choices() -> Choices {
    Choices {
        topics: vec!["ЖКХ".into(), "Дороги".into(), "Другое".into()],
        locations: vec!["г. Алатырь".into()],
        importance: vec!["Высокая".into(), "Низкая".into()],
        units: vec![
            UnitChoice {
                id: UnitId(1),
                name: "Отдел ЖКХ".into(),
                deputy: Some("Сидоров В.В.".into()),
            },
            UnitChoice {
                id: UnitId(2),
                name: "Отдел <дорог>".into(),
                deputy: None,
            },
        ],
        earlier: vec![(CaseId(9), 41)],
    }
}

fn fresh() -> Intake {
    let link = PostLink::parse("https://vk.com/wall-1_2").expect("a link");
    start(&link, vec!["threat".into()], vec![])
}

fn labels(kb: &Option<Keyboard>) -> Vec<Vec<String>> {
    kb.as_ref()
        .map(|k| {
            k.iter()
                .map(|r| r.iter().map(|b| b.text().to_owned()).collect())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_wizard_walks_through_every_step() {
    let c = choices();
    let mut i = fresh();
    assert_eq!(step(&i), Step::Topic);
    apply(&mut i, Action::Topic(1), &c).unwrap();
    assert_eq!(i.topic.as_deref(), Some("Дороги"));
    apply(&mut i, Action::Location(0), &c).unwrap();
    apply(&mut i, Action::Importance(0), &c).unwrap();
    assert_eq!(step(&i), Step::Units);
    apply(&mut i, Action::ToggleUnit(UnitId(2)), &c).unwrap();
    apply(&mut i, Action::ToggleUnit(UnitId(1)), &c).unwrap();
    apply(&mut i, Action::ToggleUnit(UnitId(2)), &c).unwrap();
    apply(&mut i, Action::ToggleUnit(UnitId(2)), &c).unwrap();
    assert_eq!(
        i.units,
        vec![UnitId(1), UnitId(2)],
        "toggling keeps the order of choice"
    );
    apply(&mut i, Action::UnitsDone, &c).unwrap();
    assert_eq!(step(&i), Step::Summary);
    apply(&mut i, Action::RepeatOf(CaseId(9)), &c).unwrap();
    assert_eq!(i.repeat_of, Some(CaseId(9)));
    apply(&mut i, Action::RepeatOf(CaseId(9)), &c).unwrap();
    assert_eq!(i.repeat_of, None, "a second press unmarks the repeat");
}

#[test]
fn stale_and_forged_presses_change_nothing() {
    let c = choices();
    let mut i = fresh();
    let before = i.clone();
    for a in [
        Action::Topic(3),
        Action::Topic(u16::MAX),
        Action::Location(0),
        Action::ToggleUnit(UnitId(1)),
        Action::UnitsDone,
        Action::RepeatOf(CaseId(9)),
    ] {
        assert_eq!(apply(&mut i, a, &c), Err(Refusal::Stale), "{a:?}");
    }
    assert_eq!(i, before);
    apply(&mut i, Action::Topic(0), &c).unwrap();
    apply(&mut i, Action::Location(0), &c).unwrap();
    apply(&mut i, Action::Importance(1), &c).unwrap();
    assert_eq!(
        apply(&mut i, Action::ToggleUnit(UnitId(77)), &c),
        Err(Refusal::Stale)
    );
    assert_eq!(apply(&mut i, Action::UnitsDone, &c), Err(Refusal::NoUnits));
    assert_eq!(
        apply(&mut i, Action::Topic(0), &c),
        Err(Refusal::Stale),
        "a double tap of an old step"
    );
}

#[test]
fn a_unit_gone_from_the_directory_does_not_count() {
    let mut c = choices();
    let mut i = fresh();
    i.topic = Some("ЖКХ".into());
    i.location = Some("г. Алатырь".into());
    i.importance = Some("Высокая".into());
    i.units = vec![UnitId(2)];
    c.units.truncate(1);
    assert_eq!(apply(&mut i, Action::UnitsDone, &c), Err(Refusal::NoUnits));
    assert!(i.units.is_empty());
}

#[test]
fn lists_are_laid_out_two_to_a_row() {
    let (text, kb) = render(&fresh(), &choices(), Lang::Ru);
    assert!(text.contains("https://vk.com/wall-1_2"), "{text}");
    assert!(text.contains("угроз"), "the п.17 warning is shown: {text}");
    let rows = labels(&kb);
    assert_eq!(rows[0], vec!["ЖКХ", "Дороги"]);
    assert_eq!(rows[1], vec!["Другое"]);
    assert_eq!(rows.len(), 3, "the last row cancels: {rows:?}");
    let data: Vec<_> = kb.unwrap().concat();
    assert!(data.iter().all(|b| b.data().is_some_and(|d| d.len() <= 64)));
}

#[test]
fn units_show_choice_and_missing_deputies() {
    let c = choices();
    let mut i = fresh();
    i.topic = Some("ЖКХ".into());
    i.location = Some("г. Алатырь".into());
    i.importance = Some("Высокая".into());
    let rows = labels(&render(&i, &c, Lang::Ru).1);
    assert_eq!(rows[0], vec!["Отдел ЖКХ"]);
    assert_eq!(rows[1], vec!["Отдел <дорог> ⚠"]);
    assert!(
        !rows.concat().iter().any(|l| l.contains("Далее")),
        "no «Далее» before a choice"
    );
    i.units = vec![UnitId(2), UnitId(1)];
    let (text, kb) = render(&i, &c, Lang::Ru);
    let rows = labels(&kb);
    assert_eq!(rows[0], vec!["✓ Отдел ЖКХ"]);
    assert!(rows[2][0].contains("Далее"));
    assert!(
        text.contains("Отдел &lt;дорог&gt;"),
        "names are escaped: {text}"
    );
}

#[test]
fn the_summary_offers_confirm_reject_and_repeats() {
    let c = choices();
    let mut i = fresh();
    i.topic = Some("ЖКХ".into());
    i.location = Some("г. Алатырь".into());
    i.importance = Some("Высокая".into());
    i.units = vec![UnitId(1)];
    i.units_done = true;
    i.repeat_of = Some(CaseId(9));
    let (text, kb) = render(&i, &c, Lang::Ru);
    assert!(text.contains("Сидоров В.В."), "{text}");
    assert!(text.contains("41"), "{text}");
    let rows = labels(&kb);
    assert!(rows[0][0].contains("Направить"), "{rows:?}");
    assert!(rows[1][0].contains("п.17"), "{rows:?}");
    assert!(rows[2][0].starts_with("✓ "), "{rows:?}");
}

#[test]
fn an_unknown_site_shows_its_host() {
    let link = PostLink::parse("https://example.org/post/1").expect("a link");
    let i = start(&link, vec![], vec![]);
    assert!(network_label(&i, Lang::Ru).contains("example.org"));
}

#[test]
fn empty_lists_leave_only_cancel() {
    let (text, kb) = render(&fresh(), &Choices::default(), Lang::En);
    assert!(!text.is_empty());
    assert_eq!(labels(&kb).len(), 1);
}

#[test]
fn p14_the_curator_orders_two_co_executors_or_more() {
    let mut c = choices();
    c.units.push(UnitChoice {
        id: UnitId(3),
        name: "Отдел благоустройства".into(),
        deputy: None,
    });
    let mut i = fresh();
    apply(&mut i, Action::Topic(0), &c).unwrap();
    apply(&mut i, Action::Location(0), &c).unwrap();
    apply(&mut i, Action::Importance(0), &c).unwrap();
    for u in [1, 3] {
        apply(&mut i, Action::ToggleUnit(UnitId(u)), &c).unwrap();
    }
    apply(&mut i, Action::UnitsDone, &c).unwrap();
    // One co-executor: there is no order to choose.
    assert_eq!(apply(&mut i, Action::ToggleOrder, &c), Err(Refusal::Stale));
    assert!(!labels(&render(&i, &c, Lang::Ru).1)
        .concat()
        .iter()
        .any(|l| l.contains("очереди")));

    i.units = vec![UnitId(1), UnitId(3), UnitId(2)];
    let (text, kb) = render(&i, &c, Lang::Ru);
    assert!(text.contains("одновременно"), "{text}");
    assert!(labels(&kb)
        .concat()
        .iter()
        .any(|l| l.contains("по очереди")));
    apply(&mut i, Action::ToggleOrder, &c).unwrap();
    assert!(i.sequential);
    let (text, _) = render(&i, &c, Lang::Ru);
    assert!(
        text.contains("по очереди (п.14): Отдел благоустройства → Отдел &lt;дорог&gt;"),
        "{text}"
    );
}
