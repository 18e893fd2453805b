//! Benchmark of the candidate filter (issue 13): 100,000 chat messages of realistic length
//! through the configured signals and suggestion dictionaries, as the bot screens each
//! message of a filtered chat. Prints messages per second; the target is ≥ 50,000/s.
//!
//! ```text
//! cargo run --release --example candidate_bench -- [--messages N] [--rounds R]
//! ```

use std::hint::black_box;
use std::time::Instant;

use otklik::config::Config;
use otklik::domain::candidate::{ChatMode, Normalized};

/// The signals and dictionaries of a district, about the size a real one would have.
const CONFIG: &str = r#"
[directory]
topics = ["ЖКХ", "Дороги", "Благоустройство", "Транспорт", "Образование", "Здравоохранение"]
locations = ["г. Алатырь", "с. Алтышево", "с. Кувакино", "с. Чуварлеи", "с. Атрать"]
importance = ["Высокая", "Средняя", "Низкая"]

[candidates]
interval = "10m"
signals = ["яма", "ямы", "не работает", "не горит", "отключили", "отключение", "нет воды",
           "без воды", "без света", "администрац", "глава", "мусор", "свалк", "авария",
           "пожар", "прорыв", "затопил", "течет", "протекает", "снег не убира", "гололед",
           "автобус", "остановк", "фонар", "освещени", "канализац", "отоплени", "батаре",
           "жалоб", "безобрази"]
mentions = ["@alatyr_adm", "@alatyr_glava"]

[[candidates.chats]]
chat = -1001000000001

[[candidates.suggest]]
words = ["авария", "пожар", "прорыв", "без воды", "без света", "затопил"]
importance = "Высокая"

[[candidates.suggest]]
words = ["вод", "канализац", "отоплени", "батаре", "течет", "протекает"]
topic = "ЖКХ"

[[candidates.suggest]]
words = ["яма", "ямы", "дорог", "асфальт", "гололед", "снег"]
topic = "Дороги"

[[candidates.suggest]]
words = ["мусор", "свалк", "фонар", "освещени", "двор", "площадк"]
topic = "Благоустройство"

[[candidates.suggest]]
words = ["автобус", "остановк", "маршрут"]
topic = "Транспорт"

[[candidates.suggest]]
words = ["алтышев"]
location = "с. Алтышево"

[[candidates.suggest]]
words = ["кувакин"]
location = "с. Кувакино"

[[candidates.suggest]]
words = ["чуварле"]
location = "с. Чуварлеи"

[[candidates.suggest]]
words = ["атрат"]
location = "с. Атрать"

[[candidates.suggest]]
words = ["алатыр", "город"]
location = "г. Алатырь"
"#;

const CHATTER: &[&str] = &[
    "Доброе утро, соседи! Кто-нибудь знает, работает ли сегодня аптека на Московской?",
    "Продам детскую коляску в хорошем состоянии, недорого, пишите в личку.",
    "Спасибо всем, кто помог найти собаку, она уже дома 🐶",
    "Подскажите хорошего мастера по ремонту холодильников, желательно с выездом.",
    "Сегодня в парке концерт духового оркестра в 17:00, приходите всей семьёй.",
    "Кто едет завтра в Чебоксары утром? Возьмите попутчика, оплачу бензин.",
    "Отличная погода для прогулки, на набережной очень красиво.",
    "В субботу ярмарка на площади, будут мёд, овощи и саженцы.",
];

const COMPLAINTS: &[&str] = &[
    "На улице Ленина огромная яма уже месяц, машины бьют колёса, куда смотрит администрация?",
    "В Кувакино опять нет воды с утра, когда дадут? Дети не помыты.",
    "Авария на теплотрассе у школы №3, пар идёт из-под земли, срочно!",
    "Фонари во дворе дома 12 не горит ни один уже неделю, страшно ходить вечером.",
    "Автобус №5 не пришёл на остановку, ждали час на морозе @alatyr_adm",
    "Мусор не вывозят с понедельника, контейнеры переполнены, свалка у подъезда.",
];

struct Args {
    messages: usize,
    rounds: usize,
}

fn args() -> Args {
    let mut a = Args {
        messages: 100_000,
        rounds: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().and_then(|v| v.parse().ok());
        match (k.as_str(), v) {
            ("--messages", Some(n)) => a.messages = n,
            ("--rounds", Some(n)) => a.rounds = n,
            _ => eprintln!("ignored argument {k}"),
        }
    }
    a
}

/// Messages of 60–600 characters, one in five a complaint, deterministically mixed.
fn messages(n: usize) -> Vec<String> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|_| {
            let parts = 1 + (next() % 4) as usize;
            let mut m = String::new();
            for _ in 0..parts {
                let r = next();
                let pool = if r % 5 == 0 { COMPLAINTS } else { CHATTER };
                m.push_str(pool[(r >> 8) as usize % pool.len()]);
                m.push(' ');
            }
            m
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let args = args();
    let config = Config::parse(CONFIG, "candidate_bench.toml")?;
    let rules = config.candidates;
    let msgs = messages(args.messages);
    let bytes: usize = msgs.iter().map(String::len).sum();
    println!(
        "{} messages, {:.0} characters on average, {} signals, {} dictionary rules",
        msgs.len(),
        msgs.iter().map(|m| m.chars().count()).sum::<usize>() as f64 / msgs.len() as f64,
        30 + 2,
        rules.suggester.rules.len()
    );
    println!("| round | candidates | seconds | messages/s | MB/s |");
    println!("|---|---|---|---|---|");
    let mut best = 0.0_f64;
    for round in 1..=args.rounds {
        let start = Instant::now();
        let mut found = 0usize;
        for m in &msgs {
            // What the bot does per message of a filtered chat: screen, and suggest for
            // a candidate.
            let text = Normalized::new(m);
            if rules.signals.first_in(&text).is_some() {
                found += 1;
                black_box(rules.suggester.suggest_in(&text));
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let rate = msgs.len() as f64 / secs;
        best = best.max(rate);
        println!(
            "| {round} | {found} | {secs:.3} | {rate:.0} | {:.1} |",
            bytes as f64 / secs / 1e6
        );
    }
    // The same through the public one-call path, to show it costs the same.
    let start = Instant::now();
    let n = msgs
        .iter()
        .filter(|m| rules.screen(ChatMode::Filtered, m).is_some())
        .count();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "screen() alone: {n} candidates, {:.0} messages/s",
        msgs.len() as f64 / secs
    );
    println!("best: {best:.0} messages/s (target ≥ 50,000/s)");
    Ok(())
}
