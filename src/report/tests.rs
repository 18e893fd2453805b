//! п.20: the summary as people get it — message, chart, workbook — for the hand-computed
//! November 2026 of `domain::report::fixture`.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use super::*;
use crate::domain::report::fixture::*;
use crate::domain::report::{
    CaseRow, MonthFigures, MonthReport, ReportContext, Tally, UnitFigures,
};
use crate::domain::UnitId;
use crate::i18n::Lang;

fn november() -> (MonthFigures, Vec<CaseRow>) {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    let mut report = MonthReport::new(NOVEMBER, ctx).with_case_rows();
    for case in cases() {
        report.add(&case);
    }
    report.finish()
}

fn empty_month() -> MonthFigures {
    let (cal, pol, names) = (calendar(), policy(), unit_names());
    let ctx = ReportContext {
        calendar: &cal,
        policy: &pol,
        unit_names: &names,
    };
    crate::domain::report::month_figures(NOVEMBER, ctx, Vec::new())
}

#[test]
fn p20_message_for_november() {
    let (f, _) = november();
    // Share 5 / 8 = 62.5% → 63%; median 300 min = 5 h, p90 660 min = 11 h. Attention,
    // worst share first: housing 2/4, roads 2/3, schools 1/1 (final answer overdue), each
    // with its quality as computed in domain::report::tests (medians 420, 240, 180 min).
    let expected = "\
<b>Сводка за месяц: Ноябрь 2026</b>

Сообщений в работе: 10 (зарегистрировано за месяц 9, за прошлый 2)
Ответ в срок: 63% (5 из 8)
С опозданием: 2
Просрочено без ответа: 1
Не закрыто на конец месяца: 3
Просрочен окончательный ответ (п.13): 1
Время до ответа: медиана 5 ч, 90% — не дольше 11 ч
Возвраты (п.9): 1, переназначено с задержкой: 1
На доработку: заместителем 1, куратором 1
Одобрено с первого раза: 75% ответов (6 из 8) · с фото/видео (п.16): 1 · уведомлений о нарушениях (п.19): 8
Промежуточных ответов: 2 · повторных (п.15): 1 · отклонено (п.17): 1

<b>Требуют внимания</b>
• Отдел ЖКХ: в срок 50%, с опозданием 2, задержка переназначения 1
   с первого раза 75% · доработки: зам. 1, кур. 0 · фото/видео 1 из 4 · возвраты 1 · п.19: 5 · медиана 7 ч
• Отдел дорог: в срок 67%, просрочено 1
   с первого раза 67% · доработки: зам. 0, кур. 1 · фото/видео 0 из 3 · возвраты 0 · п.19: 2 · медиана 4 ч
• Отдел образования: в срок 100%, просрочен окончательный ответ 1
   с первого раза 100% · доработки: зам. 0, кур. 0 · фото/видео 0 из 1 · возвраты 0 · п.19: 1 · медиана 3 ч

<b>Темы: за месяц / за прошлый</b>
• Дороги: 3 / 1
• ЖКХ: 3 / 1
• Благоустройство: 1 / 0
• Другое: 1 / 0
• Образование: 1 / 0

Подробности — в таблице и на графике.";
    assert_eq!(render_message(&f, Lang::Ru), expected);
    let plain = render_text(&f, Lang::Ru);
    assert!(plain.starts_with("Сводка за месяц: Ноябрь 2026\n\n") && !plain.contains("<b>"));
    let en = render_message(&f, Lang::En);
    assert!(
        en.starts_with("<b>Monthly summary: November 2026</b>"),
        "{en}"
    );
    assert!(en.contains("Answered on time: 63% (5 of 8)"), "{en}");
}

#[test]
fn p20_an_empty_month_says_so() {
    let f = empty_month();
    assert_eq!(
        render_message(&f, Lang::Ru),
        "<b>Сводка за месяц: Ноябрь 2026</b>\nВ ноябре 2026 сообщений не было."
    );
    assert_eq!(
        render_message(&f, Lang::En),
        "<b>Monthly summary: November 2026</b>\nThere were no posts in November 2026."
    );
}

fn late_unit(id: i64, name: String, late: u32) -> UnitFigures {
    let tally = Tally {
        cases: late + 1,
        on_time: 1,
        late,
        ..Tally::default()
    };
    UnitFigures {
        unit: Some(UnitId(id)),
        name: Some(name),
        tally,
    }
}

#[test]
fn p20_user_text_is_escaped_for_telegram_html() {
    let mut f = empty_month();
    f.units = vec![late_unit(1, "Отдел <ЖКХ> & \"Дороги\"".into(), 1)];
    f.totals = f.units[0].tally.clone();
    let msg = render_message(&f, Lang::Ru);
    assert!(
        msg.contains("• Отдел &lt;ЖКХ&gt; &amp; \"Дороги\": в срок 50%"),
        "{msg}"
    );
    assert!(!msg.contains("<ЖКХ>"));
}

#[test]
fn p20_a_long_unit_list_is_cut_to_fit_one_message() {
    let mut f = empty_month();
    // 500 units with 300-character names, each a little later than the last.
    f.units = (0..500)
        .map(|i| late_unit(i, format!("{i:03} {}", "Отдел".repeat(60)), 1 + i as u32))
        .collect();
    for u in &f.units {
        f.totals.add(&u.tally);
    }
    let msg = render_message(&f, Lang::Ru);
    assert!(
        msg.encode_utf16().count() <= MAX_MESSAGE_CHARS,
        "{} chars",
        msg.chars().count()
    );
    let shown = msg
        .lines()
        .filter(|l| l.starts_with("• ") && l.contains("с опозданием"))
        .count();
    assert!((1..=10).contains(&shown), "{shown} units shown");
    assert!(msg.contains(&format!("…и ещё {}", 500 - shown)), "{msg}");
    // Worst share first: the unit with 500 late answers of 501.
    assert!(msg.contains("• 499 Отдел"), "{msg}");
}

#[test]
fn p20_chart_is_a_1200_wide_png_with_the_bars() {
    let (f, _) = november();
    let png = render_chart_png(&f, Lang::Ru).expect("chart renders");
    if let Ok(path) = std::env::var("OTKLIK_DUMP_CHART") {
        std::fs::write(path, &png).ok();
    }
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgb8();
    let l = chart_layout(&f, Lang::Ru);
    assert_eq!(img.dimensions(), (CHART_WIDTH, l.height as u32));
    assert_eq!(CHART_WIDTH, 1200);
    let count = |rgb: [u8; 3]| img.pixels().filter(|p| p.0 == rgb).count();
    // On-time, late and overdue segments, and this month's topic bars, are all drawn.
    for color in [[67, 160, 71], [251, 140, 0], [229, 57, 53], [30, 136, 229]] {
        assert!(count(color) > 200, "{color:?}: {} pixels", count(color));
    }
    // The title (Cyrillic, from the shipped font) puts dark pixels in the top band.
    let dark_in_title = (0..CHART_WIDTH)
        .flat_map(|x| (0..40).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 100)
        .count();
    assert!(dark_in_title > 500, "{dark_in_title}");
}

#[test]
fn p20_chart_of_an_empty_month_still_renders() {
    let png = render_chart_png(&empty_month(), Lang::En).expect("chart renders");
    let img = image::load_from_memory(&png).expect("a valid PNG");
    assert_eq!(img.width(), 1200);
    // The title, the «no posts» line and the twelve months' dynamics.
    let l = chart_layout(&empty_month(), Lang::En);
    assert_eq!(img.height(), l.height as u32);
    assert!(l.labels.iter().any(|t| t.text == "No posts"));
    assert!(l.units.is_empty() && l.topics.is_empty() && l.lines.len() == 1);
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::DateTime(dt) => dt.as_f64(),
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn p20_workbook_reads_back_with_the_totals() {
    let (f, rows) = november();
    let bytes = render_xlsx(&f, &rows, Lang::Ru).expect("workbook renders");
    // For a person (or LibreOffice) to open.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-samples");
    std::fs::create_dir_all(&dir).expect("samples directory");
    std::fs::write(dir.join("otklik-report-2026-11.xlsx"), &bytes).expect("sample written");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(
        wb.sheet_names(),
        ["Сводка", "Подразделения", "Динамика", "Сообщения"]
    );

    let summary = wb.worksheet_range("Сводка").expect("summary sheet");
    assert_eq!(cell(&summary, 0, 1), Data::String("Ноябрь 2026".into()));
    // Label and value, row by row, as computed by hand in domain::report::tests.
    let expected: [(&str, f64); 25] = [
        ("Сообщений в работе", 10.0),
        ("Ответ в срок (п.10)", 5.0),
        ("Ответ с опозданием", 2.0),
        ("Просрочено без ответа", 1.0),
        ("Без ответа, срок не истёк", 1.0),
        ("Не закрыто на конец месяца", 3.0),
        ("Просрочен окончательный ответ (п.13)", 1.0),
        ("Доля ответов в срок", 0.625),
        ("Медиана времени до ответа, раб. мин", 300.0),
        ("90% ответов не дольше, раб. мин", 660.0),
        ("Возвраты (п.9)", 1.0),
        ("Переназначение с задержкой (п.9)", 1.0),
        ("На доработку заместителем", 1.0),
        ("На доработку куратором", 1.0),
        ("Промежуточные ответы (п.13)", 2.0),
        ("Повторные сообщения (п.15)", 1.0),
        ("Отклонено по п.17", 1.0),
        ("Ответов опубликовано", 8.0),
        ("Одобрено с первого раза", 6.0),
        ("Доля одобренных с первого раза", 0.75),
        ("Ответы с фото/видео (п.16)", 1.0),
        ("Уведомления о нарушениях (п.19)", 8.0),
        ("Уведомления о недостатках вручную (п.19)", 0.0),
        ("Зарегистрировано за месяц", 9.0),
        ("Зарегистрировано за прошлый месяц", 2.0),
    ];
    for (i, (label, value)) in expected.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(
            cell(&summary, row, 0),
            Data::String((*label).into()),
            "row {row}"
        );
        assert_eq!(number(&cell(&summary, row, 1)), *value, "{label}");
    }

    let units = wb.worksheet_range("Подразделения").expect("units sheet");
    // Four directory units, «no unit», then the total: row 6.
    assert_eq!(cell(&units, 6, 0), Data::String("Итого".into()));
    let totals_row: Vec<f64> = (1..=23).map(|c| number(&cell(&units, 6, c))).collect();
    let expected_row = [
        10.0, 5.0, 2.0, 1.0, 1.0, 3.0, 1.0, 0.625, 300.0, 660.0, 1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0,
        8.0, 6.0, 0.75, 1.0, 8.0, 0.0,
    ];
    assert_eq!(totals_row, expected_row);
    assert_eq!(cell(&units, 1, 0), Data::String("Отдел ЖКХ".into()));
    assert_eq!(number(&cell(&units, 1, 8)), 0.5);
    // A unit with nothing to rate has an empty share, not 0%.
    assert_eq!(cell(&units, 3, 0), Data::String("Отдел культуры".into()));
    assert_eq!(cell(&units, 3, 8), Data::Empty);

    // Housing's quality: 4 answers, 3 at the first attempt, 1 with a photo, 5 notices.
    let housing: Vec<f64> = (18..=22).map(|c| number(&cell(&units, 1, c))).collect();
    assert_eq!(housing, [4.0, 3.0, 0.75, 1.0, 5.0]);

    // Twelve months, December 2025 to November 2026: only October and November known.
    let dynamics = wb.worksheet_range("Динамика").expect("dynamics sheet");
    assert_eq!(cell(&dynamics, 0, 0), Data::String("По месяцам".into()));
    assert_eq!(cell(&dynamics, 2, 0), Data::String("Декабрь 2025".into()));
    assert_eq!(cell(&dynamics, 2, 1), Data::Empty);
    assert_eq!(cell(&dynamics, 12, 0), Data::String("Октябрь 2026".into()));
    assert_eq!(number(&cell(&dynamics, 12, 1)), 2.0);
    assert_eq!(cell(&dynamics, 12, 5), Data::Empty);
    assert_eq!(cell(&dynamics, 13, 0), Data::String("Ноябрь 2026".into()));
    let november: Vec<f64> = (1..=5).map(|c| number(&cell(&dynamics, 13, c))).collect();
    assert_eq!(november, [9.0, 5.0, 2.0, 1.0, 0.625]);
    assert_eq!(cell(&dynamics, 16, 0), Data::String("Тема".into()));

    let list = wb.worksheet_range("Сообщения").expect("cases sheet");
    assert_eq!(list.height(), 11);
    // Case 2 on row 2: registered 03.11.2026 10:00 Moscow as a real date.
    assert_eq!(number(&cell(&list, 2, 0)), 2.0);
    assert!(matches!(cell(&list, 2, 8), Data::DateTime(_)));
    assert_eq!(
        number(&cell(&list, 2, 8)),
        excel_date(msk(2026, 11, 3, 10, 0), chrono_tz::Europe::Moscow)
    );
    assert_eq!(cell(&list, 2, 2), Data::String("Одноклассники".into()));
    assert_eq!(cell(&list, 2, 6), Data::String("Отдел ЖКХ".into()));
    assert_eq!(cell(&list, 2, 7), Data::String("Ответ дан".into()));
    assert_eq!(cell(&list, 2, 11), Data::String("нет".into()));
    assert_eq!(number(&cell(&list, 2, 12)), 360.0);
}

#[test]
fn p20_excel_dates_are_moscow_wall_clock() {
    // 1.1.2026 is serial 46023; 3.11 is 306 days later; 10:00 is 10/24 of a day.
    let serial = excel_date(msk(2026, 11, 3, 10, 0), chrono_tz::Europe::Moscow);
    assert!((serial - (46_329.0 + 10.0 / 24.0)).abs() < 1e-9, "{serial}");
}

#[test]
fn p20_report_files_are_written() {
    let (f, rows) = november();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let paths = write_report_files(&out, &f, &rows, Lang::Ru).expect("files written");
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "otklik-report-2026-11.txt",
            "otklik-report-2026-11.png",
            "otklik-report-2026-11.xlsx"
        ]
    );
    let text = std::fs::read_to_string(&paths[0]).expect("text file");
    assert_eq!(text, render_text(&f, Lang::Ru));
    assert!(std::fs::metadata(&paths[1]).unwrap().len() > 1000);
    assert!(std::fs::metadata(&paths[2]).unwrap().len() > 1000);
}

#[test]
fn p20_an_answer_within_the_minute_reads_less_than_a_minute() {
    let (mut f, _) = november();
    f.totals.answer_time.median_minutes = Some(0);
    let msg = render_message(&f, Lang::Ru);
    assert!(
        msg.contains("Время до ответа: медиана менее минуты, 90% — не дольше 11 ч"),
        "{msg}"
    );
    assert!(!msg.contains("0 мин"), "{msg}");
    let en = render_message(&f, Lang::En);
    assert!(en.contains("median under a minute"), "{en}");
}
