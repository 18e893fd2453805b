//! п.17 screening with the shipped lexicon.

use super::*;

fn screen(text: &str) -> ScreeningResult {
    Screening::builtin().screen(text)
}

fn flagged(text: &str) -> Vec<(Category, String)> {
    screen(text)
        .findings
        .into_iter()
        .map(|f| (f.category, f.matched))
        .collect()
}

#[test]
fn p17_builtin_lexicon_parses_with_every_category() {
    let builtin = Screening::builtin();
    assert_eq!(Screening::parse(BUILTIN_LEXICON).as_ref(), Ok(builtin));
    for category in [Category::Threat, Category::Obscenity, Category::Insult] {
        assert!(builtin.entries(category) >= 30, "{category}");
    }
}

#[test]
fn p17_threat_is_flagged() {
    for text in [
        "Я тебя убью",
        "Убьём всех чиновников",
        "Таких надо убить",
        "взорву вашу администрацию",
        "Сожгу твою машину",
        "прибью при встрече",
        "зарежу",
        "Пристрелю, если не починят",
        "я вам угрожаю",
        "Знаю, где ты живёшь",
    ] {
        let result = screen(text);
        assert!(result.has(Category::Threat), "{text}: {result:?}");
    }
    assert_eq!(
        flagged("Мэр, тебе конец!"),
        [(Category::Threat, "тебе конец".to_owned())]
    );
}

#[test]
fn p17_obscenity_is_flagged() {
    for text in [
        "да пошли вы нахуй",
        "Какая-то хуйня с дорогой",
        "опять всё проебали",
        "ебаный стыд",
        "Блядь, сколько можно",
        "это пиздец",
        "распиздяи в администрации",
        "Заебали уже",
        "мудаки",
        "отъебитесь",
    ] {
        let result = screen(text);
        assert!(result.has(Category::Obscenity), "{text}: {result:?}");
    }
}

#[test]
fn p17_obscenity_is_flagged_even_obfuscated() {
    for text in [
        "х*й вам",
        "х.у.й",
        "х у й",
        "б**дь",
        "бл*ть",
        "п-и-з-д-е-ц",
        "xyйня",
        "cyка",
        "ПИЗДЕЦ",
        "сууууука",
        "6лядь",
        "е6ать",
        "пи\u{200B}здец",
    ] {
        let result = screen(text);
        if text == "х у й" {
            // Letters spaced out are separate words; too ambiguous to join.
            assert!(result.is_clean(), "{text}: {result:?}");
            continue;
        }
        assert!(result.has(Category::Obscenity), "{text}: {result:?}");
    }
}

#[test]
fn p17_insult_is_flagged() {
    for text in [
        "Глава района — идиот",
        "дебилы из ЖКХ",
        "урод",
        "ты тварь",
        "мрази",
        "Чиновники козлы",
        "Ты козёл!",
        "сволочи",
    ] {
        let result = screen(text);
        assert!(result.has(Category::Insult), "{text}: {result:?}");
    }
}

#[test]
fn p17_ordinary_complaint_is_clean() {
    for text in [
        "Когда починят дорогу на улице Ленина?",
        "Убедительно просим убрать мусор во дворе дома 5.",
        "Нельзя употреблять воду из-под крана",
        "Застрахуй машину, говорят, а дороги кто починит?",
        "Сукно, хлебушек, тебя, психология",
        "Жалоба на оскорбление в комментариях",
        "Плохую, глухую, сухую, тихую дорогу",
        "Он страхует, она психует, штрихует разметку",
        "Оскорблять нельзя, потребляет, корабля, рубля, сабля",
        "Мандат депутата, мандарины, мудрый совет",
        "Херсонская улица, поддон, бляшка на двери, сучок",
        "Урожай уродился, уродливый забор",
        "Жидкость на дороге, хачапури в столовой, чурбачок",
        "Учёба, небо, ребёнок, колебания, гребень, требуем, себестоимость",
        "т.е. ул.Ленина, г.Москва, д.5, кв.12",
        "Убили собаку, сгорел дом, взорвался газ, угрожает обрушением",
        "Скотный двор и козы",
        "Мария Олеговна, дерево в угрожающем состоянии, сосед грохнулся на льду",
        "Вздёрнутый нос, уродуют фасад, изуродовали сквер, урожай уродится",
        "Подскажите, пожалуйста, график вывоза мусора",
        "https://vk.com/wall-123_456",
    ] {
        let result = screen(text);
        assert!(result.is_clean(), "{text}: {result:?}");
    }
}

#[test]
fn p17_findings_keep_the_word_as_written_once() {
    let result = screen("ИДИОТЫ! идиоты, ИДИОТЫ, дебил");
    let matched: Vec<&str> = result.findings.iter().map(|f| f.matched.as_str()).collect();
    assert_eq!(matched, ["ИДИОТЫ", "идиоты", "дебил"]);
    assert!(result
        .findings
        .iter()
        .all(|f| f.category == Category::Insult));
}

#[test]
fn p17_custom_lexicon_syntax() {
    let lexicon =
        "# test\n[insult]\n=гад\nподл\n[threat]\n~убив\n=ты =труп\n[exceptions]\nподлинн\n";
    let screening = Screening::parse(lexicon).unwrap();
    assert!(screening.screen("Подлинный документ, гадость").is_clean());
    assert!(screening.screen("гад").has(Category::Insult));
    assert!(screening.screen("поубивать").has(Category::Threat));
    assert!(screening.screen("ты, труп").has(Category::Threat));
}

#[test]
fn p17_bad_lexicon_is_reported_with_its_line() {
    assert_eq!(
        Screening::parse("[threat]\nубью\n[oops]\n"),
        Err(LexiconError::UnknownSection {
            line: 3,
            name: "oops".into()
        })
    );
    assert_eq!(
        Screening::parse("убью\n"),
        Err(LexiconError::NoSection { line: 1 })
    );
    assert!(matches!(
        Screening::parse("[insult]\n=а\n"),
        Err(LexiconError::BadPattern { line: 2, .. })
    ));
    assert_eq!(
        Screening::parse("[exceptions]\nодин два\n"),
        Err(LexiconError::PhraseException { line: 2 })
    );
}

/// Dev aid: `P17_WORDLIST=/path cargo test --lib p17_wordlist -- --ignored --nocapture`
/// prints every word of a dictionary the lexicon flags, to review false positives.
#[test]
#[ignore]
fn p17_wordlist_sweep() {
    let Ok(path) = std::env::var("P17_WORDLIST") else {
        return;
    };
    let words = std::fs::read_to_string(path).unwrap_or_default();
    for word in words.lines() {
        for f in screen(word).findings {
            println!("{}\t{}", f.category, word);
        }
    }
}
