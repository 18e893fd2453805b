//! Issue 9, п.19 by hand: the curator or a coordinator sends the управляющий делами
//! (controller) a deficiency notice about a unit, with a text and optionally a case. It is
//! recorded, delivered and counted in the monthly summary beside the automatic notices.

use crate::helpers::app::*;

/// Notices recorded in November 2026, by unit name.
pub async fn recorded(app: &TestApp) -> Vec<(String, u32)> {
    let units = app.store.units().await.expect("units");
    let counts = app
        .store
        .deficiency_notices_by_unit(msk(2026, 11, 1, 0, 0), msk(2026, 12, 1, 0, 0))
        .await
        .expect("counts");
    counts
        .into_iter()
        .map(|(id, n)| {
            let name = units
                .iter()
                .find(|u| u.id == id)
                .expect("a unit")
                .name
                .clone();
            (name, n)
        })
        .collect()
}

#[tokio::test]
async fn p19_curator_sends_a_deficiency_notice_by_hand() {
    let app = TestApp::start().await;
    let curator = app.user(CURATOR);
    app.register("https://vk.com/wall-1_1901", &["Отдел ЖКХ"])
        .await;
    app.tg.push_text(&curator, "/notice 1");
    let ask = app.expect_message(CURATOR, "пришлите текст").await;
    assert!(ask.text.contains("«Отдел ЖКХ» по делу №1"), "{}", ask.text);
    app.tg.push_text(
        &curator,
        "Карточка не принята в работу без объяснения <причин>.",
    );
    app.expect_message(CURATOR, "отправлено управляющему делами")
        .await;

    let notice = app
        .expect_message(CONTROLLER, "Уведомление о недостатках в работе (п.19)")
        .await;
    for part in [
        "Отдел: Отдел ЖКХ",
        "От: Иванова А.С.\nДело №1\n",
        "без объяснения <причин>.",
    ] {
        assert!(notice.text.contains(part), "{part}: {}", notice.text);
    }
    assert!(notice.buttons().is_empty());
    assert_eq!(recorded(&app).await, [("Отдел ЖКХ".to_owned(), 1)]);
    app.stop().await;
}

#[tokio::test]
async fn p19_coordinator_picks_the_unit_for_a_notice() {
    let app = TestApp::start().await;
    let coordinator = app.user(COORDINATOR);
    app.tg.push_text(&coordinator, "/notice");
    let list = app.expect_message(COORDINATOR, "какого отдела").await;
    app.tg
        .press_button(&coordinator, list.message_id, "Отдел дорожного хозяйства");
    app.expect_message(COORDINATOR, "пришлите текст").await;
    app.tg.push_text(&coordinator, "   ");
    app.expect_message(COORDINATOR, "текст").await;
    app.tg
        .push_text(&coordinator, "Ямы на объездной не внесены в план.");
    app.expect_message(COORDINATOR, "отправлено управляющему делами")
        .await;
    let notice = app.expect_message(CONTROLLER, "Ямы на объездной").await;
    assert!(
        notice.text.contains("Отдел дорожного хозяйства") && !notice.text.contains("Дело №"),
        "{}",
        notice.text
    );
    assert_eq!(
        recorded(&app).await,
        [("Отдел дорожного хозяйства".to_owned(), 1)]
    );
    app.stop().await;
}

#[tokio::test]
async fn p19_executor_cannot_send_a_deficiency_notice() {
    let app = TestApp::start().await;
    let executor = app.user(EXECUTOR);
    app.register("https://vk.com/wall-1_1902", &["Отдел ЖКХ"])
        .await;
    app.tg.push_text(&executor, "/notice 1");
    app.expect_message(EXECUTOR, "только роли «куратор»").await;
    // A forged unit button is refused the same way and opens no dialog.
    let last = app
        .tg
        .messages(EXECUTOR as i64)
        .last()
        .expect("a message")
        .message_id;
    let unit = app.store.units().await.expect("units")[0].id;
    app.tg
        .press_unchecked(&executor, last, &format!("2|nu:{unit}"));
    let refusals = || {
        app.tg
            .messages(EXECUTOR as i64)
            .iter()
            .filter(|m| m.text.contains("только роли «куратор»"))
            .count()
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while refusals() < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the press was not refused"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.tg.push_text(&executor, "Замечание к отделу");
    app.expect_message(EXECUTOR, "команды").await;
    app.delivered().await;
    assert!(recorded(&app).await.is_empty());
    assert!(!app
        .tg
        .messages(CONTROLLER as i64)
        .iter()
        .any(|m| m.text.contains("(п.19)")));
    app.stop().await;
}

#[tokio::test]
async fn p19_manual_notices_are_counted_in_the_summary() {
    let app = TestApp::start_at(msk(2026, 11, 23, 9, 0)).await;
    let (curator, coordinator) = (app.user(CURATOR), app.user(COORDINATOR));
    app.register("https://vk.com/wall-1_1903", &["Отдел ЖКХ"])
        .await;
    for text in ["Первое замечание.", "Второе замечание."] {
        app.tg.push_text(&curator, "/notice 1");
        app.expect_message(CURATOR, "пришлите текст").await;
        app.tg.push_text(&curator, text);
        app.expect_message(CONTROLLER, text).await;
    }
    app.delivered().await;
    app.clock.set(msk(2026, 12, 2, 10, 0));
    app.tg.push_text(&coordinator, "/report 2026-11");
    let summary = app.expect_message(COORDINATOR, "Ноябрь 2026").await;
    assert!(
        summary.text.contains("направленных вручную (п.19): 2"),
        "{}",
        summary.text
    );
    app.stop().await;
}
