//! What a person sees stays the same while each action reads less (issue 15): cards take
//! names from a cache the directory's changes invalidate, lists read one page.

use crate::helpers::app::*;
use crate::helpers::look::exec;

#[tokio::test]
async fn a_renamed_unit_shows_on_the_next_card_not_the_cached_name() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    app.register("https://vk.com/wall-2_400", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg.push_text(&executor, "/case 1");
    let card = app.expect_message(EXECUTOR, "История").await;
    assert!(card.text.contains("направлено: Отдел ЖКХ"), "{}", card.text);

    exec(
        &app,
        "UPDATE units SET name = 'Отдел ЖКХ и благоустройства' WHERE name = 'Отдел ЖКХ'",
    )
    .await;
    app.tg.push_text(&executor, "/case 1");
    let card = app
        .expect_message(EXECUTOR, "направлено: Отдел ЖКХ и благоустройства")
        .await;
    assert!(card.text.contains("История"), "{}", card.text);
    app.stop().await;
}

#[tokio::test]
async fn my_shows_the_first_page_in_due_order_and_counts_the_rest() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    for n in 1..=23 {
        app.register(&format!("https://vk.com/wall-2_5{n:02}"), &["Отдел ЖКХ"])
            .await;
    }
    app.tg.push_text(&executor, "/my");
    let list = app
        .expect_message(EXECUTOR, "У вас 23 открытые задачи")
        .await;
    let opens: Vec<String> = list
        .buttons()
        .into_iter()
        .map(|(label, _)| label)
        .filter(|l| l.starts_with("Открыть"))
        .collect();
    let expected: Vec<String> = (1..=20).map(|n| format!("Открыть №{n}")).collect();
    assert_eq!(opens, expected);
    assert!(list.text.contains("…и ещё 3."), "{}", list.text);
    assert!(!list.text.contains("№21"), "{}", list.text);
    app.stop().await;
}
