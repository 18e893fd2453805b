//! A teloxide `Bot` calling the fake: responses deserialize, the chat model
//! follows sends, edits and deletions, and real requests pass the spec.

use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, CallbackQueryId, ChatId, FileId, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile, InputMedia, InputMediaPhoto, MenuButton, MessageId, ParseMode, ReplyParameters,
};
use teloxide::{ApiError, RequestError};

use super::{alice, checked_server};
use crate::fake_telegram::MediaKind;

fn card_keyboard() -> InlineKeyboardMarkup {
    let open = "https://example.com/case/1".parse().expect("valid url");
    InlineKeyboardMarkup::new(vec![
        vec![InlineKeyboardButton::callback("Принять", "case:1:accept")],
        vec![InlineKeyboardButton::url("Открыть", open)],
    ])
}

#[tokio::test]
async fn send_edit_and_answer_callback() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let chat = ChatId(alice().id);

    let sent = bot
        .send_message(chat, "<b>Дело №1</b> &amp; срок")
        .parse_mode(ParseMode::Html)
        .reply_markup(card_keyboard())
        .await
        .expect("sendMessage");
    assert_eq!(sent.chat.id, chat);
    let card = tg.last_message(chat.0).expect("stored");
    assert_eq!(card.text, "Дело №1 & срок");
    assert_eq!(card.raw_text, "<b>Дело №1</b> &amp; срок");
    assert_eq!(
        card.keyboard[0][0],
        ("Принять".to_owned(), "case:1:accept".to_owned())
    );
    assert_eq!(card.keyboard[1][0].1, "https://example.com/case/1");

    let edited = bot
        .edit_message_text(chat, sent.id, "Принято")
        .await
        .expect("editMessageText");
    assert_eq!(edited.text(), Some("Принято"));
    let card = tg.message(chat.0, sent.id.0).expect("still there");
    assert_eq!((card.edits, card.text.as_str()), (1, "Принято"));
    assert!(
        card.keyboard.is_empty(),
        "an edit without reply_markup removes the keyboard"
    );

    bot.edit_message_reply_markup(chat, sent.id)
        .reply_markup(card_keyboard())
        .await
        .expect("markup");
    assert_eq!(tg.message(chat.0, sent.id.0).expect("kept").edits, 2);

    let query = CallbackQueryId("cb-42".to_owned());
    bot.answer_callback_query(query)
        .text("Готово")
        .show_alert(true)
        .await
        .expect("answer");
    assert_eq!(
        tg.callback_answers(),
        vec![("cb-42".to_owned(), Some("Готово".to_owned()), true)]
    );
    assert_eq!(tg.sent_count(), 1);
    tg.assert_spec_clean();
    assert!(!tg.spec_enabled() || tg.checked_requests() == 4);
}

#[tokio::test]
async fn editing_to_the_same_content_is_not_modified() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let chat = ChatId(alice().id);
    let sent = bot.send_message(chat, "same").await.expect("send");
    let err = bot
        .edit_message_text(chat, sent.id, "same")
        .await
        .expect_err("not modified");
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageNotModified)),
        "{err:?}"
    );
    let err = bot
        .edit_message_text(chat, MessageId(9999), "x")
        .await
        .expect_err("no such message");
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );
    assert_eq!(tg.api_errors().len(), 2);
    tg.assert_spec_clean();
}

#[tokio::test]
async fn uploads_file_ids_and_media_groups() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let chat = ChatId(alice().id);

    let photo = InputFile::memory(&b"\x89PNG fake"[..]).file_name("chart.png");
    let sent = bot
        .send_photo(chat, photo)
        .caption("<i>График</i>")
        .parse_mode(ParseMode::Html)
        .await;
    let sent = sent.expect("sendPhoto upload");
    let stored = tg.message(chat.0, sent.id.0).expect("stored");
    let media = stored.media.clone().expect("has media");
    assert_eq!(
        (media.kind, stored.text.as_str()),
        (MediaKind::Photo, "График")
    );
    assert_eq!(
        tg.uploaded(&media.file_id).as_deref(),
        Some(&b"\x89PNG fake"[..])
    );

    let doc = InputFile::file_id(FileId("user-doc-1".to_owned()));
    bot.send_document(chat, doc)
        .await
        .expect("sendDocument by file id");
    assert_eq!(
        tg.last_message(chat.0)
            .and_then(|m| m.media)
            .map(|m| m.file_id)
            .as_deref(),
        Some("user-doc-1")
    );

    let items = vec![
        InputMedia::Photo(
            InputMediaPhoto::new(InputFile::memory(&b"one"[..]).file_name("1.jpg"))
                .caption("альбом"),
        ),
        InputMedia::Photo(InputMediaPhoto::new(InputFile::file_id(FileId(
            "p2".to_owned(),
        )))),
    ];
    let group = bot
        .send_media_group(chat, items)
        .await
        .expect("sendMediaGroup");
    assert_eq!(group.len(), 2);
    let messages = tg.messages(chat.0);
    assert_eq!(messages.len(), 4);
    assert!(
        messages[2].media_group_id.is_some()
            && messages[2].media_group_id == messages[3].media_group_id
    );
    assert_eq!(messages[2].text, "альбом");
    tg.assert_spec_clean();
}

#[tokio::test]
async fn copy_forward_delete_and_reply() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let user = alice();
    let draft = tg.push_photo(&user, "user-photo-7", Some("черновик"));
    let deputy = ChatId(2002);

    let copied = bot
        .copy_message(deputy, ChatId(user.id), MessageId(draft))
        .await
        .expect("copyMessage");
    let copy = tg.message(deputy.0, copied.0).expect("copy stored");
    assert_eq!(
        copy.media.map(|m| m.file_id).as_deref(),
        Some("user-photo-7")
    );
    assert_eq!(copy.text, "черновик");

    let fwd = bot
        .forward_message(deputy, ChatId(user.id), MessageId(draft))
        .await
        .expect("forward");
    assert!(fwd.forward_origin().is_some());

    let reply = bot
        .send_message(ChatId(user.id), "Принят")
        .reply_parameters(ReplyParameters::new(MessageId(draft)))
        .await
        .expect("reply");
    assert_eq!(reply.reply_to_message().map(|m| m.id.0), Some(draft));

    bot.delete_message(deputy, copied)
        .await
        .expect("deleteMessage");
    assert_eq!(tg.messages(deputy.0).len(), 1);
    assert_eq!(tg.deleted(), vec![(deputy.0, copied.0)]);
    let err = bot
        .delete_message(deputy, copied)
        .await
        .expect_err("already gone");
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{err:?}"
    );
    tg.assert_spec_clean();
}

#[tokio::test]
async fn settings_and_lookups() {
    let tg = checked_server().await;
    let bot = tg.bot();
    let me = bot.get_me().await.expect("getMe");
    assert_eq!(me.username(), crate::fake_telegram::BOT_USERNAME);

    let commands = vec![
        BotCommand::new("start", "Начать"),
        BotCommand::new("my", "Мои дела"),
    ];
    bot.set_my_commands(commands.clone())
        .language_code("ru")
        .await
        .expect("setMyCommands");
    assert_eq!(
        bot.get_my_commands()
            .language_code("ru")
            .await
            .expect("get"),
        commands
    );
    assert_eq!(
        tg.commands(None, "ru")[1],
        ("my".to_owned(), "Мои дела".to_owned())
    );
    bot.delete_my_commands()
        .language_code("ru")
        .await
        .expect("deleteMyCommands");
    assert!(tg.commands(None, "ru").is_empty());
    bot.set_chat_menu_button()
        .menu_button(MenuButton::Commands)
        .await
        .expect("menu");

    bot.delete_webhook().await.expect("deleteWebhook");
    let info = bot.get_webhook_info().await.expect("getWebhookInfo");
    assert!(info.url.is_none());

    let chat = bot.get_chat(ChatId(alice().id)).await.expect("getChat");
    assert!(chat.is_private());
    let file = bot
        .get_file(FileId("some-file".to_owned()))
        .await
        .expect("getFile");
    assert_eq!(file.path, "files/some-file");
    tg.assert_spec_clean();
}
