//! `[candidates]` (issue 13): chats, signals, dictionaries, VK communities, pace.

use chrono::Duration;

use super::{issues, only_issue, parse_ok};
use crate::domain::candidate::{ChatMode, ChatRef};

const DIRECTORY: &str = "[directory]\n\
    topics = [\"ЖКХ\", \"Дороги\"]\n\
    locations = [\"г. Алатырь\", \"с. Кувакино\"]\n\
    importance = [\"Высокая\", \"Средняя\"]\n";

#[test]
fn without_the_section_the_bot_reads_no_chat() {
    let c = parse_ok(DIRECTORY);
    assert!(!c.candidates.is_enabled());
}

#[test]
fn a_full_section_is_read() {
    let text = format!(
        "{DIRECTORY}\n[candidates]\n\
         interval = \"90s\"\n\
         signals = [\"яма\", \"не работает\"]\n\
         mentions = [\"@alatyr_adm\"]\n\
         vk = [\"alatyr_news\", \"club123\"]\n\
         [[candidates.chats]]\nchat = -1001234567890\n\
         [[candidates.chats]]\nchat = \"@Alatyr_Chat\"\nmode = \"watched\"\n\
         [[candidates.suggest]]\nwords = [\"авария\", \"без воды\"]\nimportance = \"Высокая\"\n\
         [[candidates.suggest]]\nwords = [\"кувакин\"]\nlocation = \"с. Кувакино\"\n"
    );
    let r = parse_ok(&text).candidates;
    assert_eq!(r.pace.interval, Duration::seconds(90));
    assert_eq!(
        r.pace.urgent.as_deref(),
        Some("Высокая"),
        "the first level by default"
    );
    assert_eq!(r.chats.len(), 2);
    assert_eq!(r.chats[0].chat, ChatRef::Id(-1001234567890));
    assert_eq!(r.chats[0].mode, ChatMode::Filtered, "filtered by default");
    assert_eq!(r.chats[1].chat, ChatRef::Username("alatyr_chat".into()));
    assert_eq!(r.chats[1].mode, ChatMode::Watched);
    assert_eq!(r.vk_communities, vec!["alatyr_news", "club123"]);
    assert_eq!(
        r.signals.first_match("лифт не работает").as_deref(),
        Some("не работает")
    );
    assert_eq!(
        r.signals.first_match("@alatyr_adm ау").as_deref(),
        Some("@alatyr_adm")
    );
    let s = r.suggester.suggest("Авария в Кувакино");
    assert_eq!(s.importance.as_deref(), Some("Высокая"));
    assert_eq!(s.location.as_deref(), Some("с. Кувакино"));
}

#[test]
fn a_bad_chat_is_refused_with_its_place() {
    let text = "[candidates]\nsignals = [\"яма\"]\n[[candidates.chats]]\nchat = \"a b\"\n";
    let issue = only_issue(text, 4, "candidates.chats[0].chat");
    assert!(issue.message.contains("@alatyr_chat"), "{issue:?}");
    let text =
        "[candidates]\nsignals = [\"яма\"]\n[[candidates.chats]]\nchat = 5\nmode = \"all\"\n";
    let issue = only_issue(text, 5, "candidates.chats[0].mode");
    assert!(issue.message.contains("\"watched\""), "{issue:?}");
}

#[test]
fn a_chat_listed_twice_is_refused() {
    let text = "[candidates]\nsignals = [\"яма\"]\n\
                [[candidates.chats]]\nchat = -100\n[[candidates.chats]]\nchat = -100\n";
    only_issue(text, 6, "candidates.chats[1].chat");
}

#[test]
fn filtered_chats_need_signals() {
    let text = "[candidates]\n[[candidates.chats]]\nchat = -100\n";
    let all = issues(text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].path, "candidates.signals");
    assert!(all[0].message.contains("не работает"), "{:?}", all[0]);
    // A watched chat alone needs none.
    parse_ok("[candidates]\n[[candidates.chats]]\nchat = -100\nmode = \"watched\"\n");
}

#[test]
fn an_empty_signal_or_a_bad_mention_is_refused() {
    let text = "[candidates]\nsignals = [\"яма\", \" - \"]\n";
    only_issue(text, 2, "candidates.signals[1]");
    let text = "[candidates]\nsignals = [\"яма\"]\nmentions = [\"@адм инистрация\"]\n";
    let issue = only_issue(text, 3, "candidates.mentions[0]");
    assert!(issue.message.contains("@account"), "{issue:?}");
}

#[test]
fn a_suggestion_must_name_listed_values() {
    let text = format!(
        "{DIRECTORY}[candidates]\n[[candidates.suggest]]\nwords = [\"пожар\"]\nimportance = \"Срочная\"\n"
    );
    let issue = only_issue(&text, 8, "candidates.suggest[0].importance");
    assert!(
        issue.message.contains("\"Высокая\", \"Средняя\""),
        "{issue:?}"
    );
    let text = format!("{DIRECTORY}[candidates]\n[[candidates.suggest]]\nwords = [\"пожар\"]\n");
    let all = issues(&text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].path, "candidates.suggest[0]");
    assert!(all[0].message.contains("`importance`"), "{:?}", all[0]);
    let text =
        format!("{DIRECTORY}[candidates]\n[[candidates.suggest]]\nwords = []\ntopic = \"ЖКХ\"\n");
    only_issue(&text, 7, "candidates.suggest[0].words");
}

#[test]
fn a_bad_interval_or_community_is_refused() {
    let issue = only_issue(
        "[candidates]\ninterval = \"soon\"\n",
        2,
        "candidates.interval",
    );
    assert!(issue.message.contains("\"10m\""), "{issue:?}");
    only_issue(
        "[candidates]\ninterval = \"2d\"\n",
        2,
        "candidates.interval",
    );
    let text = "[candidates]\nsignals = [\"яма\"]\nvk = [\"vk.com/x y\"]\n";
    only_issue(text, 3, "candidates.vk[0]");
}

#[test]
fn an_unknown_key_in_the_section_is_refused() {
    let issue = only_issue("[candidates]\nsignal = [\"яма\"]\n", 2, "candidates.signal");
    assert!(issue.message.contains("`signals`"), "{issue:?}");
}
