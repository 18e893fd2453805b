//! A real teloxide `Dispatcher` long-polling the fake, end to end.

use teloxide::dispatching::{DefaultKey, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{alice, checked_server, WAIT};

fn handler() -> UpdateHandler<teloxide::RequestError> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(echo))
        .branch(Update::filter_callback_query().endpoint(pressed))
}

async fn echo(bot: Bot, msg: Message) -> ResponseResult<()> {
    let text = msg.text().or(msg.caption()).unwrap_or("<media>");
    let keyboard =
        InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("Ок", "ok")]]);
    bot.send_message(msg.chat.id, format!("echo: {text}"))
        .reply_markup(keyboard)
        .await?;
    Ok(())
}

async fn pressed(bot: Bot, query: CallbackQuery) -> ResponseResult<()> {
    bot.answer_callback_query(query.id.clone())
        .text("Принято")
        .await?;
    if let Some(message) = query.regular_message() {
        bot.edit_message_text(message.chat.id, message.id, "done")
            .await?;
    }
    Ok(())
}

fn start(
    bot: Bot,
) -> (
    teloxide::dispatching::ShutdownToken,
    tokio::task::JoinHandle<()>,
) {
    let mut dispatcher: Dispatcher<Bot, teloxide::RequestError, DefaultKey> =
        Dispatcher::builder(bot, handler()).build();
    let token = dispatcher.shutdown_token();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    (token, task)
}

#[tokio::test]
async fn dispatcher_round_trip() {
    let tg = checked_server().await;
    let (token, task) = start(tg.bot());
    let user = alice();

    let sent = tg.push_text(&user, "привет");
    let reply = tg
        .wait_for_new_message(user.id, sent, |m| m.text == "echo: привет", WAIT)
        .await
        .unwrap();
    let query = tg.press_button(&user, reply.message_id, "Ок");
    let answer = tg.wait_for_callback_answer(&query, WAIT).await.unwrap();
    assert_eq!(answer, (Some("Принято".to_owned()), false));
    tg.wait_for_edit(user.id, reply.message_id, |m| m.text == "done", WAIT)
        .await
        .unwrap();

    // The first update (id 1) delivered again reaches the handler again.
    tg.push_duplicate(1);
    tg.wait_for_messages(user.id, 2, WAIT).await.unwrap();
    assert_eq!(tg.messages(user.id)[1].text, "echo: привет");

    tg.settle(std::time::Duration::from_millis(100), WAIT)
        .await
        .unwrap();
    token.shutdown().expect("dispatcher is running").await;
    task.await.expect("dispatcher task");
    assert!(
        tg.requests_for("getWebhookInfo").len() == 1,
        "teloxide checks the webhook first"
    );
    tg.assert_spec_clean();
}

#[tokio::test]
async fn wait_timeout_dumps_the_chat() {
    let tg = checked_server().await;
    tg.bot()
        .send_message(ChatId(alice().id), "что-то другое")
        .await
        .expect("send");
    let short = std::time::Duration::from_millis(50);
    let err = tg
        .wait_for_message(alice().id, |m| m.text.contains("нет такого"), short)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("timed out") && text.contains("что-то другое"),
        "{text}"
    );
}
