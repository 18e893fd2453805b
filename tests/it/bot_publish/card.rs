//! The button on the curator's case card (issue 13): offered where the bot can reach the
//! post, and only to the curator; a press publishes and redraws the card as closed.

use otklik::domain::case::CaseState;

use super::setup::*;
use crate::helpers::app::*;

#[tokio::test]
async fn p12_the_curators_card_offers_publish_from_bot() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    let view = approved(&app, "https://t.me/c/1500000002/511").await;
    let number = view.case.number;
    let card = curators_card(&app, number).await;
    assert!(card.has_button(BOT_BUTTON), "{}", card.describe());
    // `/case N` draws the same card with the same button.
    let curator = app.user(CURATOR);
    app.tg.push_text(&curator, &format!("/case {number}"));
    let shown = app
        .tg
        .wait_for_message(
            CURATOR as i64,
            |m| m.message_id > card.message_id && m.text.contains(&format!("№{number}")),
            WAIT,
        )
        .await
        .expect("the card of /case");
    assert!(shown.has_button(BOT_BUTTON), "{}", shown.describe());

    app.tg.press_button(&curator, card.message_id, BOT_BUTTON);
    let done = app
        .expect_edit(CURATOR, card.message_id, "опубликован от бота")
        .await;

    // The answer and its photo, as replies to the citizen's post.
    let posts = bot_posts(&app, PRIVATE_CHAT);
    assert_eq!(posts.len(), 2, "{}", app.tg.dump_chat(PRIVATE_CHAT));
    assert_eq!(posts[0].text, ANSWER);
    assert_eq!(posts[0].reply_to, Some(511));
    assert_eq!(posts[1].method, "sendPhoto");
    assert_eq!(posts[1].reply_to, Some(posts[0].message_id));
    let link = format!("https://t.me/c/1500000002/{}", posts[0].message_id);
    assert!(done.text.contains(&link), "{}", done.text);
    // The pressed card now shows the closed case, with nothing left to press.
    assert!(done.text.contains(&format!("№{number}")), "{}", done.text);
    assert!(done.keyboard.is_empty(), "{}", done.describe());

    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Answered);
    assert_eq!(published_url(&after), Some(link));
    app.stop().await;
}

#[tokio::test]
async fn p12_a_card_whose_post_the_bot_cannot_reach_offers_no_publish_from_bot() {
    let app = TestApp::start_with(&config(), msk(2026, 11, 23, 9, 0)).await;
    // A chat the bot does not read; VK without a community token.
    for link in ["https://t.me/other_town/5", "https://vk.com/wall-555_7000"] {
        let view = approved(&app, link).await;
        let card = curators_card(&app, view.case.number).await;
        assert!(!card.has_button(BOT_BUTTON), "{}", card.describe());
    }
    app.stop().await;
}
