//! MAX end to end: the real Telegram and MAX front ends, scheduler and delivery in one
//! process against both fakes. Cards reach MAX people through the MAX courier, their
//! presses and replies run the same workflow, stale and forged presses are refused, and
//! every request to MAX is checked against the reference types.

use otklik::domain::case::CaseState;
use serde_json::json;

use crate::fake_max::{Failure, FakeMax, MaxUser, Sent};
use crate::helpers::app::*;
use crate::helpers::look::*;

pub const CURATOR_MAX: i64 = 5001;
pub const EXECUTOR_MAX: i64 = 5002;
pub const DEPUTY_MAX: i64 = 5003;
pub const ROADS_EXECUTOR_MAX: i64 = 5004;

/// The test organization with these people moved from Telegram to MAX.
pub fn config_in_max(curator: bool) -> String {
    let mut c = CONFIG
        .replace("telegram_id = 1002", "max_id = 5002")
        .replace("telegram_id = 1003", "max_id = 5003")
        .replace("telegram_id = 1004", "max_id = 5004");
    if curator {
        c = c.replace("telegram_id = 1001", "max_id = 5001");
    }
    c
}

pub fn has(label: &'static str) -> impl Fn(&Sent) -> bool {
    move |m: &Sent| m.payload_of(label).is_some()
}

/// Presses the button labelled `label` on message `m`.
pub fn press(max: &FakeMax, who: &MaxUser, m: &Sent, label: &str) -> String {
    let payload = m
        .payload_of(label)
        .unwrap_or_else(|| panic!("no button {label:?} on {m:#?}"));
    max.press(who, &m.mid, &payload)
}

/// Waits until message `mid` shows `needle` (a card replaced after a press).
async fn edited(max: &FakeMax, user: i64, mid: &str, needle: &str) -> Sent {
    let mid = mid.to_owned();
    let needle = needle.to_owned();
    max.wait_for(user, move |m| m.mid == mid && m.text.contains(&needle))
        .await
}

/// The executor accepts the case from its card and asks to write the answer; returns once
/// the bot asks for the text.
pub async fn ask_to_write(max: &FakeMax, executor: &MaxUser, card: &Sent) {
    press(max, executor, card, "Принять");
    let card = edited(max, EXECUTOR_MAX, &card.mid, "В работе").await;
    press(max, executor, &card, "Подготовить ответ");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("пришлите текст ответа"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p9_p12_main_path_with_every_role_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(true), &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let deputy = MaxUser::new(DEPUTY_MAX, "Виктор");
    // The curator registers the post (as the wizard would) and the card goes to MAX.
    let view = register_in_max(&app, "https://max.ru/citynews/AZ100").await;

    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    assert!(
        card.text.contains("Дело №1") && card.text.contains("MAX"),
        "{}",
        card.text
    );
    assert!(
        card.text.contains("Срок ответа: 24.11.2026 09:00"),
        "{}",
        card.text
    );
    max.wait_for(DEPUTY_MAX, |m| m.text.contains("Дело №1"))
        .await;

    ask_to_write(&max, &executor, &card).await;
    max.push_text(
        &executor,
        "Уважаемый житель! Ремонт крыши выполнят до 1 декабря.",
    );
    max.wait_for(EXECUTOR_MAX, |m| {
        m.text.contains("Принято.") && m.text.contains("На согласовании")
    })
    .await;

    let approval = max
        .wait_for(DEPUTY_MAX, |m| {
            m.text.contains("Проект ответа на согласование")
        })
        .await;
    assert!(approval.text.contains("Ремонт крыши"), "{}", approval.text);
    press(&max, &deputy, &approval, "Согласовать");
    edited(&max, DEPUTY_MAX, &approval.mid, "У куратора").await;

    let publish = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("Согласованный проект"))
        .await;
    press(&max, &curator, &publish, "Опубликовано");
    max.wait_for(CURATOR_MAX, |m| {
        m.text.contains("ссылку на опубликованный ответ")
    })
    .await;
    max.push_text(&curator, "https://max.ru/citynews/AZ100?reply=7");
    max.wait_for(CURATOR_MAX, |m| m.text.contains("Принято."))
        .await;
    max.wait_for(EXECUTOR_MAX, |m| {
        m.text.contains("Ответ по делу №1 опубликован")
    })
    .await;

    let stored = app.case(view.case.id).await;
    assert_eq!(stored.case.state, CaseState::Answered);
    assert_eq!(
        tags(&stored),
        [
            "registered",
            "assigned",
            "accepted",
            "draft_submitted",
            "draft_approved",
            "published"
        ]
    );
    max.assert_spec_clean();
    app.stop().await;
}

/// The curator in MAX registers `link` for «Отдел ЖКХ», as the wizard would.
pub async fn register_in_max(app: &TestApp, link: &str) -> otklik::storage::CaseView {
    use otklik::clock::Clock;
    use otklik::domain::case::Registration;
    let curator = app
        .store
        .person_by_max(CURATOR_MAX)
        .await
        .expect("reads")
        .expect("known");
    let unit = app
        .store
        .unit_by_name("Отдел ЖКХ")
        .await
        .expect("reads")
        .expect("unit")
        .id;
    let reg = Registration {
        network: "max".into(),
        ..registration(link, vec![unit])
    };
    let meta = otklik::storage::CommandMeta::at(app.clock.now());
    let view = otklik::service::cases::register(&app.store, &reg, curator, meta, &app.store_ctx())
        .await
        .expect("registered");
    app.ctx.wake();
    view
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p9_p12_mixed_case_curator_in_telegram_executor_and_deputy_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let curator = app.user(CURATOR);
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let deputy = MaxUser::new(DEPUTY_MAX, "Виктор");
    let view = app
        .register("https://vk.com/wall-1_100", &["Отдел ЖКХ"])
        .await;

    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    ask_to_write(&max, &executor, &card).await;
    max.push_text(
        &executor,
        "Уважаемый житель! Яму на ул. Ленина засыплют завтра.",
    );

    let approval = max
        .wait_for(DEPUTY_MAX, |m| {
            m.text.contains("Проект ответа на согласование")
        })
        .await;
    press(&max, &deputy, &approval, "Согласовать");
    edited(&max, DEPUTY_MAX, &approval.mid, "У куратора").await;

    // The curator, in Telegram, gets the approved draft written in MAX and publishes it.
    let publish = app.expect_message(CURATOR, "Согласованный проект").await;
    assert!(
        publish.text.contains("Яму на ул. Ленина"),
        "{}",
        publish.text
    );
    app.tg
        .press_button(&curator, publish.message_id, "Опубликовано");
    app.expect_message(CURATOR, "ссылку на опубликованный ответ")
        .await;
    app.tg
        .push_text(&curator, "https://vk.com/wall-1_100?reply=7");
    app.expect_message(CURATOR, "Ответ опубликован").await;
    max.wait_for(EXECUTOR_MAX, |m| {
        m.text.contains("Ответ по делу №1 опубликован")
    })
    .await;

    assert_eq!(app.case(view.case.id).await.case.state, CaseState::Answered);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_and_forged_presses_are_refused_in_max() {
    let max = FakeMax::start().await;
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    let roads = MaxUser::new(ROADS_EXECUTOR_MAX, "Дмитрий");
    let stranger = MaxUser::new(9999, "Незнакомец");
    let view = app
        .register("https://vk.com/wall-1_500", &["Отдел ЖКХ"])
        .await;
    let card = max.wait_for(EXECUTOR_MAX, has("Принять")).await;
    let accept = card.payload_of("Принять").expect("accept");
    max.press(&executor, &card.mid, &accept);
    edited(&max, EXECUTOR_MAX, &card.mid, "В работе").await;

    // The same old button again (another device): out of date, nothing changes.
    max.press(&executor, &card.mid, &accept);
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("устарела"))
        .await;
    // Another unit's executor with a copied payload: not their unit, and no card shown.
    max.press(&roads, &card.mid, &accept);
    max.wait_for(ROADS_EXECUTOR_MAX, |m| m.text.contains("не вашему отделу"))
        .await;
    assert!(max
        .sent_to(ROADS_EXECUTOR_MAX)
        .iter()
        .all(|m| !m.text.contains("Дело №1")));
    // A forged payload and a case that does not exist.
    max.press(&executor, &card.mid, "garbage:!!");
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("больше не действует"))
        .await;
    let unit = accept
        .rsplit(':')
        .nth(1)
        .expect("the payload names the unit");
    let forged = format!("2|a:999:{unit}:1");
    max.press(&executor, &card.mid, &forged);
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("устарела"))
        .await;
    // Someone not in the directory.
    max.press(&stranger, &card.mid, &accept);
    max.wait_for(9999, |m| !m.text.is_empty()).await;
    assert!(max.sent_to(9999).iter().all(|m| !m.text.contains("Дело")));

    assert_eq!(
        tags(&app.case(view.case.id).await),
        ["registered", "assigned", "accepted"]
    );
    // Every press was answered.
    let deadline = tokio::time::Instant::now() + WAIT;
    while max.answers().len() < 6 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(max.answers().len(), 6);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p19_a_max_user_who_blocked_the_bot_is_reported_to_the_curator_in_telegram() {
    let max = FakeMax::start().await;
    max.fail_send(
        EXECUTOR_MAX,
        Failure {
            status: 403,
            body: json!({"code": "chat.denied", "message": "dialog.suspended"}),
            retry_after: None,
        },
    );
    let app = TestApp::start_with_max(&config_in_max(false), &max).await;
    app.register("https://vk.com/wall-1_700", &["Отдел ЖКХ"])
        .await;
    app.expect_message(CURATOR, "недоступен для бота").await;
    let person = app
        .store
        .person_by_max(EXECUTOR_MAX)
        .await
        .expect("reads")
        .expect("known");
    let settings = app
        .store
        .person_settings(person)
        .await
        .expect("reads")
        .expect("known");
    assert!(settings.unreachable);
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_follow_the_messenger_chosen_in_settings() {
    let max = FakeMax::start().await;
    // The executor has both accounts.
    let config = CONFIG.replace("telegram_id = 1002", "telegram_id = 1002\nmax_id = 5002");
    let app = TestApp::start_with_max(&config, &max).await;
    let executor = MaxUser::new(EXECUTOR_MAX, "Пётр");
    // Nothing known yet: Telegram, the older front end.
    app.register("https://vk.com/wall-1_801", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №1").await;
    // Writing from MAX makes MAX the last used.
    max.push_text(&executor, "/settings");
    let menu = max.wait_for(EXECUTOR_MAX, has("В MAX")).await;
    app.register("https://vk.com/wall-1_802", &["Отдел ЖКХ"])
        .await;
    max.wait_for(EXECUTOR_MAX, |m| m.text.contains("Дело №2"))
        .await;
    // Choosing Telegram sends the next one there, whatever was used last.
    press(&max, &executor, &menu, "В Telegram");
    edited(
        &max,
        EXECUTOR_MAX,
        &menu.mid,
        "Уведомления будут приходить в Telegram",
    )
    .await;
    app.register("https://vk.com/wall-1_803", &["Отдел ЖКХ"])
        .await;
    app.expect_message(EXECUTOR, "Дело №3").await;
    assert!(max
        .sent_to(EXECUTOR_MAX)
        .iter()
        .all(|m| !m.text.contains("Дело №3")));
    max.assert_spec_clean();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p20_the_monthly_summary_reaches_max_as_text_chart_and_workbook() {
    use otklik::clock::Clock;
    use otklik::domain::notice::{Audience, NoticeKind};
    let max = FakeMax::start().await;
    // The coordinator works in MAX only.
    let config = CONFIG.replace("telegram_id = 1007", "max_id = 5007");
    let app = TestApp::start_with_max(&config, &max).await;
    app.register("https://vk.com/wall-1_900", &["Отдел ЖКХ"])
        .await;
    let coordinator = app
        .store
        .person_by_max(5007)
        .await
        .expect("reads")
        .expect("known");
    let payload = serde_json::to_value(NoticeKind::MonthlyReport {
        month: "2026-11".into(),
    })
    .expect("serializes");
    let audience = Audience::Person { id: coordinator };
    app.store
        .enqueue_extra(audience, None, &payload, "test-report", app.clock.now())
        .await
        .expect("queued");
    app.ctx.wake();
    max.wait_for(5007, |m| m.text.contains("2026")).await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while max
        .sent_to(5007)
        .iter()
        .filter(|m| !m.files.is_empty())
        .count()
        < 2
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "files: {:#?}",
            max.sent_to(5007)
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let uploads = max.uploads();
    assert!(
        uploads.iter().any(|(t, _)| t.contains("image")),
        "{uploads:?}"
    );
    assert!(
        uploads.iter().any(|(t, _)| t.contains("file")),
        "{uploads:?}"
    );
    max.assert_spec_clean();
    app.stop().await;
}

/// MAX publishes from the bot to VK only: a MAX curator's card of a post in a Telegram chat
/// (which the Telegram bot could reach) offers no «Опубликовать от бота», and a forged press
/// of it is refused and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p12_max_cards_offer_publish_from_bot_only_where_max_can_post() {
    use crate::bot_publish::setup;
    use otklik::domain::messenger::Messenger;
    let max = FakeMax::start().await;
    // The curator has both accounts and chose MAX for notices.
    let config = setup::config().replace("telegram_id = 1001", "telegram_id = 1001\nmax_id = 5001");
    let app = TestApp::start_with_max(&config, &max).await;
    let curator = MaxUser::new(CURATOR_MAX, "Анна");
    let person = app.person(CURATOR).await;
    let to_max = app.store.choose_messenger(person, Some(Messenger::Max));
    to_max.await.expect("chosen");
    // A post in a Telegram chat: the Telegram bot could reply there, the MAX front end
    // cannot (VK posts are published from MAX: max_intake::p12_publish_from_bot_in_max_...).
    let view = setup::approved(&app, "https://t.me/c/1500000002/521").await;
    let rules = &app.ctx.config.candidates;
    let target = otklik::service::candidates::target_for(&app.store, rules, &view, false).await;
    assert!(target.expect("reads").is_some(), "the bot reads that chat");

    let card = max
        .wait_for(CURATOR_MAX, |m| m.text.contains("Согласованный проект"))
        .await;
    assert!(card.payload_of("Опубликовано").is_some(), "{card:#?}");
    assert!(card.payload_of("от бота").is_none(), "{card:#?}");
    let forged = format!("2|pf:{}:{}", view.case.id.0, view.case.version);
    max.press(&curator, &card.mid, &forged);
    max.wait_for(CURATOR_MAX, |m| {
        m.text.contains("Бот не может ответить там")
    })
    .await;
    assert_eq!(
        app.case(view.case.id).await.case.state,
        CaseState::WithCurator
    );
    assert!(app.tg.messages(setup::PRIVATE_CHAT).is_empty());
    max.assert_spec_clean();
    app.stop().await;
}
