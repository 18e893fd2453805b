//! The test acting as users: messages, button presses, raw and duplicate
//! updates, queued for the bot's `getUpdates`.

use serde_json::{json, Value};

use super::methods::render;
use super::state::{unix_now, Media, MediaKind, Queued, State, User};
use super::updates;
use super::FakeTelegram;

/// A user message being composed; `push()` queues it.
#[must_use = "call .push() to deliver the message"]
pub struct UserMessage<'a> {
    tg: &'a FakeTelegram,
    from: User,
    text: String,
    reply_to: Option<i32>,
    media: Option<Media>,
    media_group: Option<String>,
    forward_origin: Option<Value>,
}

impl UserMessage<'_> {
    /// Text, or the caption when the message carries media.
    pub fn text(mut self, text: &str) -> Self {
        self.text = text.to_owned();
        self
    }

    pub fn reply_to(mut self, message_id: i32) -> Self {
        self.reply_to = Some(message_id);
        self
    }

    pub fn photo(self, file_id: &str) -> Self {
        self.media(MediaKind::Photo, file_id, None)
    }

    pub fn video(self, file_id: &str) -> Self {
        self.media(MediaKind::Video, file_id, None)
    }

    pub fn document(self, file_id: &str, file_name: &str) -> Self {
        self.media(MediaKind::Document, file_id, Some(file_name))
    }

    fn media(mut self, kind: MediaKind, file_id: &str, file_name: Option<&str>) -> Self {
        let file_name = file_name.map(str::to_owned);
        self.media = Some(Media {
            kind,
            file_id: file_id.to_owned(),
            file_name,
        });
        self
    }

    /// Marks the message as part of an album (same id for each item).
    pub fn media_group(mut self, group_id: &str) -> Self {
        self.media_group = Some(group_id.to_owned());
        self
    }

    /// Makes it a forward of a channel post.
    pub fn forwarded_from_channel(mut self, title: &str, username: &str, post_id: i32) -> Self {
        let channel = json!({
            "id": updates::channel_id(username), "type": "channel",
            "title": title, "username": username,
        });
        let date = unix_now() - 3600;
        self.forward_origin = Some(
            json!({ "type": "channel", "chat": channel, "message_id": post_id, "date": date }),
        );
        self
    }

    /// Queues the message; returns its message id.
    pub fn push(self) -> i32 {
        let tg = self.tg;
        let id = {
            let mut state = tg.inner.lock();
            let (id, message) = self.build(&mut state);
            state
                .raw_messages
                .insert((self.from.id, id), message.clone());
            let update_id = state.take_update_id();
            state.enqueue(updates::update(update_id, "message", message));
            id
        };
        tg.inner.notify.notify_waiters();
        id
    }

    fn build(&self, state: &mut State) -> (i32, Value) {
        state.users.insert(self.from.id, self.from.clone());
        let id = state.take_message_id();
        let mut message = updates::user_message(&self.from, id, unix_now());
        updates::put_content(&mut message, &self.text, self.media.as_ref());
        let entities = updates::detect_entities(&self.text);
        if !entities.is_empty() {
            let key = if self.media.is_some() {
                "caption_entities"
            } else {
                "entities"
            };
            message[key] = json!(entities);
        }
        let reply = self
            .reply_to
            .and_then(|r| state.raw_messages.get(&(self.from.id, r)));
        if let Some(reply) = reply {
            message["reply_to_message"] = updates::without_reply(reply);
        }
        if let Some(group) = &self.media_group {
            message["media_group_id"] = json!(group);
        }
        if let Some(origin) = &self.forward_origin {
            message["forward_origin"] = origin.clone();
        }
        (id, message)
    }
}

impl FakeTelegram {
    /// Starts composing a message from `from` to the bot.
    pub fn message_from(&self, from: &User) -> UserMessage<'_> {
        UserMessage {
            tg: self,
            from: from.clone(),
            text: String::new(),
            reply_to: None,
            media: None,
            media_group: None,
            forward_origin: None,
        }
    }

    pub fn push_text(&self, from: &User, text: &str) -> i32 {
        self.message_from(from).text(text).push()
    }

    pub fn push_reply(&self, from: &User, text: &str, reply_to_message_id: i32) -> i32 {
        self.message_from(from)
            .text(text)
            .reply_to(reply_to_message_id)
            .push()
    }

    pub fn push_photo(&self, from: &User, file_id: &str, caption: Option<&str>) -> i32 {
        self.message_from(from)
            .photo(file_id)
            .text(caption.unwrap_or_default())
            .push()
    }

    pub fn push_video(&self, from: &User, file_id: &str, caption: Option<&str>) -> i32 {
        self.message_from(from)
            .video(file_id)
            .text(caption.unwrap_or_default())
            .push()
    }

    pub fn push_document(
        &self,
        from: &User,
        file_id: &str,
        file_name: &str,
        caption: Option<&str>,
    ) -> i32 {
        let message = self.message_from(from).document(file_id, file_name);
        message.text(caption.unwrap_or_default()).push()
    }

    pub fn push_forwarded_channel_post(
        &self,
        from: &User,
        channel_title: &str,
        channel_username: &str,
        channel_msg_id: i32,
        text: &str,
    ) -> i32 {
        let message = self.message_from(from).text(text);
        message
            .forwarded_from_channel(channel_title, channel_username, channel_msg_id)
            .push()
    }

    /// Presses the inline button with `callback_data` on a bot message in
    /// the user's chat; returns the callback query id. Panics (with a dump
    /// of the chat) if the message or the button is not there.
    pub fn press(&self, from: &User, message_id: i32, callback_data: &str) -> String {
        self.press_inner(from, message_id, callback_data, true)
    }

    /// Presses the first button whose label contains `label`.
    pub fn press_button(&self, from: &User, message_id: i32, label: &str) -> String {
        let message = self.message(from.id, message_id);
        let button = message.as_ref().and_then(|m| m.button(label));
        let Some((_, data)) = button else {
            panic!(
                "no button {label:?} on message {message_id}\n{}",
                self.dump_chat(from.id)
            );
        };
        self.press(from, message_id, &data)
    }

    /// Like [`Self::press`] without checking the button exists (a client
    /// with a stale or forged keyboard).
    pub fn press_unchecked(&self, from: &User, message_id: i32, callback_data: &str) -> String {
        self.press_inner(from, message_id, callback_data, false)
    }

    fn press_inner(&self, from: &User, message_id: i32, data: &str, check: bool) -> String {
        let result = {
            let mut state = self.inner.lock();
            callback_update(&mut state, from, message_id, data, check)
        };
        match result {
            Ok(id) => {
                self.inner.notify.notify_waiters();
                id
            }
            Err(problem) => panic!("{problem}\n{}", self.dump_chat(from.id)),
        }
    }

    /// Queues an arbitrary update; `update_id` is assigned when missing.
    pub fn push_raw(&self, mut update: Value) -> i64 {
        let id = {
            let mut state = self.inner.lock();
            match update["update_id"].as_i64() {
                Some(id) => state.next_update_id = state.next_update_id.max(id + 1),
                None => update["update_id"] = json!(state.take_update_id()),
            }
            remember_message(&mut state, &update);
            state.enqueue(update)
        };
        self.inner.notify.notify_waiters();
        id
    }

    /// Delivers an earlier update again with the same `update_id`, even if
    /// the bot has confirmed it (as after a crash before the offset moved).
    pub fn push_duplicate(&self, update_id: i64) {
        {
            let mut state = self.inner.lock();
            let Some(update) = state.pushed.get(&update_id).cloned() else {
                drop(state);
                panic!("push_duplicate: no update {update_id} was pushed");
            };
            state.queue.push_back(Queued {
                id: update_id,
                update,
                duplicate: true,
                exempt: false,
            });
        }
        self.inner.notify.notify_waiters();
    }

    /// Updates queued and not yet confirmed by the bot.
    pub fn pending_updates(&self) -> usize {
        self.inner.lock().queue.len()
    }
}

fn callback_update(
    state: &mut State,
    from: &User,
    message_id: i32,
    data: &str,
    check: bool,
) -> Result<String, String> {
    state.users.insert(from.id, from.clone());
    let message = state.find_sent(from.id, message_id).cloned();
    let message =
        message.ok_or_else(|| format!("press: no bot message {message_id} in chat {}", from.id))?;
    if check && !message.buttons().iter().any(|(_, d)| d == data) {
        return Err(format!(
            "press: message {message_id} has no button with data {data:?}"
        ));
    }
    state.next_callback_id += 1;
    let id = format!("cb-{}", state.next_callback_id);
    let query = json!({
        "id": id,
        "from": updates::user(from),
        "message": render(state, &message),
        "chat_instance": format!("ci-{}", from.id),
        "data": data,
    });
    let update_id = state.take_update_id();
    state.enqueue(updates::update(update_id, "callback_query", query));
    Ok(id)
}

/// Raw messages become reply and copy targets like any other.
fn remember_message(state: &mut State, update: &Value) {
    let message = &update["message"];
    let chat = message["chat"]["id"].as_i64();
    let id = message["message_id"].as_i64();
    if let Some((chat, id)) = chat.zip(id) {
        state
            .raw_messages
            .insert((chat, id as i32), message.clone());
        state.next_message_id = state.next_message_id.max(id as i32 + 1);
    }
}
