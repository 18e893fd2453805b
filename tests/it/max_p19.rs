//! п.19 by hand from MAX (issue 12): the same `/notice` flow as in Telegram — unit
//! buttons, the typed text, recorded and queued in one transaction — reaching the
//! controller in whichever messenger they use.

use crate::bot_p19::recorded;
use crate::fake_max::{FakeMax, MaxUser};
use crate::helpers::app::*;
use crate::max_flow::{config_in_max, press, CURATOR_MAX, EXECUTOR_MAX};

const COORDINATOR_MAX: i64 = 5007;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p19_curator_sends_a_deficiency_notice_from_max() {
    let max = FakeMax::start().await;
    // The curator works in MAX (and in Telegram, where the test registers the case).
    let config = CONFIG.replace("telegram_id = 1001", "telegram_id = 1001\nmax_id = 5001");
    let app = TestApp::start_with_max(&config, &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    app.register("https://vk.com/wall-1_1911", &["Отдел ЖКХ"])
        .await;
    max.push_text(&curator, "/notice 1");
    let ask = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("пришлите текст"))
        .await;
    assert!(ask.text.contains("«Отдел ЖКХ» по делу №1"), "{}", ask.text);
    max.push_text(
        &curator,
        "Карточка не принята в работу без объяснения <причин>.",
    );
    max.wait_for(CURATOR_MAX, |m| {
        m.text.contains("отправлено управляющему делами")
    })
    .await;

    // The controller works in Telegram.
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
    assert_eq!(recorded(&app).await, [("Отдел ЖКХ".to_owned(), 1)]);
    // The dialog is over: the next text is not a second notice (a curator's text without
    // a link is taken for a post to register, and gets the hint).
    max.push_text(&curator, "Ещё одно замечание");
    max.wait_for(CURATOR_MAX, |m| m.text.contains("В сообщении нет ссылки"))
        .await;
    assert_eq!(recorded(&app).await, [("Отдел ЖКХ".to_owned(), 1)]);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p19_coordinator_picks_the_unit_for_a_notice_in_max() {
    let max = FakeMax::start().await;
    let config = config_in_max(false).replace("telegram_id = 1007", "max_id = 5007");
    let app = TestApp::start_with_max(&config, &max).await;
    let coordinator = MaxUser::new(COORDINATOR_MAX, "Нина");
    max.push_text(&coordinator, "/notice");
    let list = max
        .wait_for(COORDINATOR_MAX, |m| m.text.contains("какого отдела"))
        .await;
    press(&max, &coordinator, &list, "Отдел дорожного хозяйства");
    max.wait_for(COORDINATOR_MAX, |m| m.text.contains("пришлите текст"))
        .await;
    max.push_text(&coordinator, "   ");
    max.wait_for(COORDINATOR_MAX, |m| {
        m.text.contains("текст") && !m.text.contains("пришлите")
    })
    .await;
    max.push_text(&coordinator, "Ямы на объездной не внесены в план.");
    max.wait_for(COORDINATOR_MAX, |m| {
        m.text.contains("отправлено управляющему делами")
    })
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
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p19_executor_cannot_send_a_deficiency_notice_from_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    app.register("https://vk.com/wall-1_1912", &["Отдел ЖКХ"])
        .await;
    let card = max
        .wait_for(EXECUTOR_MAX, |m| m.payload_of("Принять").is_some())
        .await;
    max.push_text(&executor, "/notice 1");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("только роли «куратор»"))
        .await;
    // A forged unit button is refused the same way and opens no dialog.
    let unit = app.store.units().await.expect("units")[0].id;
    max.press(&executor, &card.mid, &format!("2|nu:{unit}"));
    let refusals = || {
        max.sent_to(EXECUTOR_MAX)
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
    max.push_text(&executor, "Замечание к отделу");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("В MAX работают"))
        .await;
    app.delivered().await;
    assert!(recorded(&app).await.is_empty());
    assert!(!app
        .tg
        .messages(CONTROLLER as i64)
        .iter()
        .any(|m| m.text.contains("(п.19)")));
    max.assert_spec_clean();
    app.stop().await;
}
