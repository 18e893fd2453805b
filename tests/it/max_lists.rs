//! What a person can look at from MAX: `/my`, `/case N` and `/overdue`, with the same
//! content and the same refusals as in Telegram.

use crate::fake_max::{FakeMax, MaxUser};
use crate::helpers::app::*;
use crate::max_flow::{config_in_max, has, press, EXECUTOR_MAX, ROADS_EXECUTOR_MAX};

const COORDINATOR_MAX: i64 = 5007;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p10_my_and_case_in_max_follow_the_persons_unit() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let roads = MaxUser::new(ROADS_EXECUTOR_MAX, "Дмитрий");
    app.register("https://vk.com/wall-2_200", &["Отдел ЖКХ"])
        .await;
    max.wait_for(EXECUTOR_MAX, has("Принять")).await;

    max.push_text(&executor, "/my");
    let list = max
        .wait_for(EXECUTOR_MAX, |m| m.text.contains("У вас 1 открытая задача"))
        .await;
    assert!(list.text.contains("№1"), "{}", list.text);
    // «Open» under the list shows the full card with the buttons the person may press.
    press(&max, &executor, &list, "Открыть №1");
    let card = max
        .wait_for(EXECUTOR_MAX, |m| m.text.contains("История"))
        .await;
    assert!(card.text.contains("направлено: Отдел ЖКХ"), "{}", card.text);
    assert!(card.payload_of("Принять").is_some(), "{card:#?}");
    max.push_text(&executor, "/case №1");
    let cards = || {
        max.sent_to(EXECUTOR_MAX)
            .iter()
            .filter(|m| m.text.contains("История"))
            .count()
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while cards() < 2 {
        assert!(tokio::time::Instant::now() < deadline, "no second card");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // Another unit's executor sees neither the task nor the card, not even with a copied
    // «open» button.
    max.push_text(&roads, "/my");
    max.wait_for(ROADS_EXECUTOR_MAX, |m| {
        m.text.contains("Открытых задач нет")
    })
    .await;
    max.push_text(&roads, "/case 1");
    max.wait_for(ROADS_EXECUTOR_MAX, |m| m.text.contains("недоступно вам"))
        .await;
    let open = list.payload_of("Открыть №1").expect("open");
    max.press(&roads, &list.mid, &open);
    max.push_text(&roads, "/case первое");
    max.wait_for(ROADS_EXECUTOR_MAX, |m| {
        m.text.contains("Укажите номер дела")
    })
    .await;
    let refusals = max
        .sent_to(ROADS_EXECUTOR_MAX)
        .iter()
        .filter(|m| m.text.contains("недоступно вам"))
        .count();
    assert_eq!(refusals, 2);
    assert!(max
        .sent_to(ROADS_EXECUTOR_MAX)
        .iter()
        .all(|m| !m.text.contains("История") && !m.text.contains("Отдел ЖКХ")));
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p10_overdue_in_max_lists_late_cases_for_overseers_only() {
    let max = FakeMax::start().await;
    // The coordinator, an overseer, works in MAX.
    let config = config_in_max(false).replace("telegram_id = 1007", "max_id = 5007");
    let app = TestApp::start_with_max(&config, &max).await;
    let coordinator = MaxUser::new(COORDINATOR_MAX, "Ольга");
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    app.register("https://vk.com/wall-2_100", &["Отдел ЖКХ"])
        .await;
    max.wait_for(EXECUTOR_MAX, has("Принять")).await;

    max.push_text(&coordinator, "/overdue");
    max.wait_for(COORDINATOR_MAX, |m| m.text.contains("Просроченных дел нет"))
        .await;
    // Past Tuesday 09:00, eight working hours after registration.
    app.delivered().await;
    app.clock.set(msk(2026, 11, 24, 10, 0));
    max.push_text(&coordinator, "/overdue");
    let list = max
        .wait_for(COORDINATOR_MAX, |m| m.text.contains("Просрочено 1 дело"))
        .await;
    assert!(
        list.text.contains("№1") && list.text.contains("просрочено на 1 час"),
        "{}",
        list.text
    );
    assert!(list.payload_of("Открыть №1").is_some(), "{list:#?}");

    max.push_text(&executor, "/overdue");
    max.wait_for(EXECUTOR_MAX, |m| {
        m.text.contains("Список просроченных доступен")
    })
    .await;
    max.assert_spec_clean();
    app.stop().await;
}
