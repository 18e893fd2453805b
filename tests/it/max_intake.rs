//! Intake in MAX (SPEC §5): a curator's link through the same wizard as in Telegram, one
//! message replaced at every press; the units hear of the case in whichever messenger they
//! use; duplicates, queues, stale and forged presses; publishing from the bot to VK.

use otklik::domain::case::CaseState;
use otklik::domain::intake::PostLink;
use otklik::domain::messenger::Messenger;
use otklik::storage::CaseView;
use otklik::vk::VkClient;

use crate::fake_max::{FakeMax, MaxUser, Sent};
use crate::fake_vk::{FakeVk, GROUP_TOKEN};
use crate::helpers::app::*;
use crate::max_flow::{config_in_max, has, press, CURATOR_MAX, EXECUTOR_MAX};

async fn stored(app: &TestApp, link: &str) -> Option<CaseView> {
    let link = PostLink::parse(link).expect("a link");
    app.store
        .find_by_link(link.as_str(), &app.store_ctx())
        .await
        .expect("read")
}

/// Waits until message `mid` shows `needle` (the wizard replaced after a press).
async fn shows(max: &FakeMax, mid: &str, needle: &str) -> Sent {
    let (mid, needle) = (mid.to_owned(), needle.to_owned());
    max.wait_for(CURATOR_MAX, move |m| {
        m.mid == mid && m.text.contains(&needle)
    })
    .await
}

/// The curator's wizard message for `link`, at its first step.
async fn wizard_for(max: &FakeMax, link: &str) -> Sent {
    let link = link.to_owned();
    max.wait_for(CURATOR_MAX, move |m| {
        m.text.contains("Выберите тему") && m.text.contains(&link)
    })
    .await
}

/// Steps the wizard message `w` from the topic to the summary.
async fn classify(max: &FakeMax, curator: &MaxUser, w: &Sent) -> Sent {
    press(max, curator, w, "ЖКХ");
    let w = shows(max, &w.mid, "Выберите локацию").await;
    press(max, curator, &w, "г. Алатырь");
    let w = shows(max, &w.mid, "Выберите важность").await;
    press(max, curator, &w, "Высокая");
    let w = shows(max, &w.mid, "Выберите отделы").await;
    press(max, curator, &w, "Отдел ЖКХ");
    let w = shows(max, &w.mid, "Отдел ЖКХ (ответственный").await;
    press(max, curator, &w, "Далее");
    shows(max, &w.mid, "Проверьте").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p8_curator_registers_a_post_in_max_and_the_unit_is_told() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    max.push_text(&curator, "Жалоба на крышу: https://max.ru/citynews/AZ100");
    let w = wizard_for(&max, "https://max.ru/citynews/AZ100").await;
    assert!(w.payload_of("Благоустройство").is_some() && w.payload_of("Отмена").is_some());
    let summary = classify(&max, &curator, &w).await;
    for part in [
        "Тема: ЖКХ",
        "г. Алатырь",
        "Высокая",
        "Отдел ЖКХ (ответственный",
    ] {
        assert!(summary.text.contains(part), "{part:?} in {}", summary.text);
    }
    press(&max, &curator, &summary, "Направить");
    let done = shows(&max, &w.mid, "Дело №1 зарегистрировано и направлено").await;
    assert!(done.payload_of("Открыть дело №1").is_some(), "{done:#?}");

    let view = stored(&app, "https://max.ru/citynews/AZ100")
        .await
        .expect("registered");
    assert_eq!(view.case.network, "max");
    assert_eq!(view.case.topic, "ЖКХ");
    // The executor uses MAX: the card goes there through the outbox.
    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    assert!(card.text.contains("Дело №1"), "{}", card.text);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p8_p9_registered_in_max_and_accepted_in_telegram() {
    let max = FakeMax::start().await;
    // Only the curator moved to MAX; the executor stays in Telegram.
    let config = CONFIG.replace("telegram_id = 1001", "max_id = 5001");
    let app = TestApp::start_with_max(&config, &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    max.push_text(&curator, "https://vk.com/wall-1_300");
    let w = wizard_for(&max, "https://vk.com/wall-1_300").await;
    let summary = classify(&max, &curator, &w).await;
    press(&max, &curator, &summary, "Направить");
    shows(&max, &w.mid, "зарегистрировано и направлено").await;

    let card = app.expect_message(EXECUTOR, "Дело №1").await;
    app.tg
        .press_button(&app.user(EXECUTOR), card.message_id, "Принять");
    app.expect_edit(EXECUTOR, card.message_id, "В работе").await;
    let view = stored(&app, "https://vk.com/wall-1_300")
        .await
        .expect("case");
    assert_eq!(view.case.state, CaseState::InWork);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p6_stale_and_forged_wizard_presses_are_refused_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    // Two links: the second waits behind the first.
    max.push_text(
        &curator,
        "https://vk.com/wall-1_401 https://vk.com/wall-1_402",
    );
    let first = wizard_for(&max, "https://vk.com/wall-1_401").await;
    assert!(first.text.contains("В очереди"), "{}", first.text);

    // Not a curator: refused, the wizard untouched.
    let topic = first.payload_of("ЖКХ").expect("a topic button");
    max.press(&executor, &first.mid, &topic);
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("может только куратор"))
        .await;
    // A forged index: the wizard stays at the topic.
    max.press(&curator, &first.mid, "2|t:99");
    max.press(&curator, &first.mid, "2|ok");
    let stale = |m: &Sent| m.text.contains("Эта кнопка устарела");
    let stales = || max.sent_to(CURATOR_MAX).iter().filter(|m| stale(m)).count();
    max.wait_for(CURATOR_MAX, |_| stales() == 2).await;

    // Cancel: the second link's wizard comes in a new message.
    press(&max, &curator, &first, "Отмена");
    shows(&max, &first.mid, "Регистрация отменена").await;
    let second = wizard_for(&max, "https://vk.com/wall-1_402").await;
    assert_ne!(second.mid, first.mid);
    // The old wizard's buttons no longer work.
    max.press(&curator, &first.mid, &topic);
    max.wait_for(CURATOR_MAX, |_| stales() == 3).await;
    assert!(max
        .message(&second.mid)
        .expect("sent")
        .text
        .contains("Выберите тему"));
    assert!(stored(&app, "https://vk.com/wall-1_401").await.is_none());
    assert!(stored(&app, "https://vk.com/wall-1_402").await.is_none());
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p15_a_duplicate_link_is_not_registered_again_in_max() {
    let max = FakeMax::start().await;
    // The curator has both accounts: the case is registered as from Telegram.
    let config = CONFIG.replace("telegram_id = 1001", "telegram_id = 1001\nmax_id = 5001");
    let app = TestApp::start_with_max(&config, &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    app.register("https://vk.com/wall-1_200", &["Отдел ЖКХ"])
        .await;
    max.push_text(&curator, "https://m.vk.com/wall-1_200#comments");
    let dup = max
        .wait_for(CURATOR_MAX, |m| {
            m.text
                .contains("Это сообщение уже зарегистрировано: дело №1")
        })
        .await;
    press(&max, &curator, &dup, "Открыть дело №1");
    max.wait_for(CURATOR_MAX, |m| m.text.contains("Тема: ЖКХ"))
        .await;
    let second = app.store.case_by_number(2, &app.store_ctx()).await;
    assert!(second.expect("read").is_none(), "no second case");
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p12_publish_from_bot_in_max_posts_a_vk_comment() {
    use crate::bot_publish::setup;
    let vk = FakeVk::start().await;
    let client = VkClient::new(&vk.base(), GROUP_TOKEN).expect("client");
    let max = FakeMax::start().await;
    // The curator has both accounts and chose MAX for notices.
    let config = setup::config().replace("telegram_id = 1001", "telegram_id = 1001\nmax_id = 5001");
    let app = TestApp::start_with_max_and_vk(&config, &max, client).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    let person = app.person(CURATOR).await;
    let to_max = app.store.choose_messenger(person, Some(Messenger::Max));
    to_max.await.expect("chosen");
    let view = setup::approved(&app, "https://vk.com/wall-555_7001").await;

    let card = max
        .wait_for(CURATOR_MAX, |m| {
            m.text.contains("Согласованный проект") && m.payload_of("от бота").is_some()
        })
        .await;
    press(&max, &curator, &card, "от бота");
    let done = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("опубликован от бота"))
        .await;
    let calls = vk.calls_of("wall.createComment");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].params["owner_id"], "-555");
    assert_eq!(calls[0].params["post_id"], "7001");
    assert_eq!(calls[0].params["message"], setup::ANSWER);
    let after = app.case(view.case.id).await;
    assert_eq!(after.case.state, CaseState::Answered);
    let url = setup::published_url(&after).expect("a link");
    assert!(done.text.contains(&url), "{}", done.text);
    // The photo is Telegram's: MAX names it for the curator to add by hand.
    assert!(done.text.contains("Не удалось приложить"), "{}", done.text);
    assert!(done.payload_of("от бота").is_none(), "{done:#?}");
    assert!(app.tg.messages(setup::PRIVATE_CHAT).is_empty());

    // The «Опубликовано» prompt offers it too, beside «Без ссылки».
    setup::approved(&app, "https://vk.com/wall-555_7002").await;
    let card = max
        .wait_for(CURATOR_MAX, |m| {
            m.text.contains("Дело №2") && m.payload_of("Опубликовано").is_some()
        })
        .await;
    press(&max, &curator, &card, "Опубликовано");
    let prompt = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("Дело №2: пришлите ссылку"))
        .await;
    assert!(prompt.payload_of("Без ссылки").is_some(), "{prompt:#?}");
    press(&max, &curator, &prompt, "от бота");
    shows(&max, &prompt.mid, "Ответ по делу №2 опубликован от бота").await;
    let calls = vk.calls_of("wall.createComment");
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[1].params["post_id"], "7002");
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p8_a_candidate_card_in_max_becomes_a_case_in_two_taps() {
    use crate::bot_candidates::{config, group_message};
    use otklik::storage::candidates::CandidateStatus;
    let max = FakeMax::start().await;
    let config = config().replace("telegram_id = 1001", "max_id = 5001");
    let app = TestApp::start_with_max(&config, &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    group_message(
        &app,
        501,
        "На улице Ленина яма на дороге, машины бьют колёса. Куда смотрит администрация?",
    );
    let card = max.wait_for(CURATOR_MAX, has("Зарегистрировать")).await;
    assert!(card.text.contains("Возможное обращение"), "{}", card.text);
    assert!(card.payload_of("Пропустить").is_some(), "{card:#?}");
    // Tap 1: the wizard opens at its summary, everything filled in.
    press(&max, &curator, &card, "Зарегистрировать");
    let w = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("Проверьте"))
        .await;
    for part in [
        "Тема: Дороги",
        "г. Алатырь",
        "Средняя",
        "Отдел дорожного хозяйства",
    ] {
        assert!(w.text.contains(part), "{part:?} in {}", w.text);
    }
    // Tap 2: the case; the unit's executor hears of it in Telegram.
    press(&max, &curator, &w, "Направить");
    shows(&max, &w.mid, "Дело №1 зарегистрировано").await;
    app.expect_message(ROADS_EXECUTOR, "№1").await;
    let link = "https://t.me/alatyr_chat/501";
    let view = stored(&app, link).await.expect("a case");
    let candidate = app.store.candidate_by_link(link).await.expect("read");
    let candidate = candidate.expect("the candidate");
    assert_eq!(candidate.status, CandidateStatus::Registered);
    assert_eq!(candidate.case_id, Some(view.case.id));
    // A second press on the old card changes nothing.
    press(&max, &curator, &card, "Зарегистрировать");
    max.wait_for(CURATOR_MAX, |m| m.text.contains("уже разобрано"))
        .await;
    assert!(app
        .store
        .case_by_number(2, &app.store_ctx())
        .await
        .expect("read")
        .is_none());
    max.assert_spec_clean();
    app.stop().await;
}
