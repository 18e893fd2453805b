//! SPEC §6: Telegram's flood limits (~30 messages/s overall, ~1/s per private chat with short
//! bursts) are respected.
//! A burst of registrations is delivered completely without a single 429 from a fake that
//! enforces the limits.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::helpers::app::*;

use super::world::{headline, mentions_case};

const CASES: i64 = 40;
/// 20 cards per chat at 1 message/s, with room for a loaded machine.
const DELIVERED: Duration = Duration::from_secs(90);

#[tokio::test]
async fn a_burst_of_80_notices_arrives_whole_without_a_single_429() {
    // Tuesday 1 December, before the monthly summary's 09:00: the burst is cards only (the
    // summary is several messages in one outbox row, spaced by the courier alone).
    let app = TestApp::start_at(msk(2026, 12, 1, 8, 0)).await;
    app.tg.enforce_rate_limits(true);
    for n in 1..=CASES {
        let unit = if n % 2 == 1 {
            "Отдел ЖКХ"
        } else {
            "Отдел дорожного хозяйства"
        };
        app.register(&format!("https://vk.com/wall-5_{n}"), &[unit])
            .await;
    }
    let chats = [EXECUTOR, DEPUTY, ROADS_EXECUTOR, ROADS_DEPUTY];
    for chat in chats {
        app.tg
            .wait_for_messages(chat as i64, (CASES / 2) as usize, DELIVERED)
            .await
            .expect("every card arrives");
    }
    app.tg
        .settle(Duration::from_secs(1), DELIVERED)
        .await
        .expect("quiet");
    assert_eq!(
        app.tg.too_many_requests_count(),
        0,
        "{:?}",
        app.tg.api_errors()
    );
    for chat in chats {
        let odd = chat == EXECUTOR || chat == DEPUTY;
        let cards: Vec<i64> = app
            .tg
            .messages(chat as i64)
            .iter()
            .filter(|m| headline(&m.raw_text).is_some())
            .filter_map(|m| (1..=CASES).find(|n| mentions_case(&m.text, *n)))
            .collect();
        let unique: BTreeSet<i64> = cards.iter().copied().collect();
        let expected: BTreeSet<i64> = (1..=CASES).filter(|n| (n % 2 == 1) == odd).collect();
        assert_eq!(
            cards.len(),
            unique.len(),
            "chat {chat}: a card twice: {cards:?}"
        );
        assert_eq!(unique, expected, "chat {chat}");
    }
    app.stop().await;
}
