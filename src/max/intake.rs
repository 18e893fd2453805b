//! Intake of posts in MAX (SPEC §5): a curator sends post links in the dialog with the bot
//! and steps through the same wizard as in Telegram, one message replaced at every press.
//! The wizard itself, its lists and texts come from `front::intake`; here it is sent and
//! kept under the person's MAX dialog key.

use super::client::{NewMessage, To, User};
use super::courier::keyboard;
use super::dialogs::key;
use super::handle::say;
use super::serve::MaxFront;
use crate::domain::Role;
use crate::front::dialog::{Dialog, Intake};
use crate::front::intake::{self as shared, wizard, Found};
use crate::front::who::Who;
use crate::t;

/// A message that is no command and no awaited reply: post links from one allowed to
/// register start the wizard; anything else gets a hint.
pub async fn on_text(front: &MaxFront, user: &User, who: &Who, text: &str) -> anyhow::Result<()> {
    if !who.actor.has(Role::Curator) {
        return say(front, user, &t!(who.lang, "max-not-yet")).await;
    }
    let found = shared::found_in_text(text);
    if found.links.is_empty() {
        return say(front, user, &t!(who.lang, "intake-hint-curator")).await;
    }
    begin(front, user, who, found).await
}

/// New links: queued behind a wizard already running, or started one by one.
async fn begin(front: &MaxFront, user: &User, who: &Who, found: Found) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let at = key(user.user_id);
    if let Some(Dialog::Intake(mut current)) = Dialog::load(&ctx.store, at).await? {
        let n = shared::enqueue(&mut current, &found.links);
        Dialog::Intake(current)
            .save(&ctx.store, at, ctx.now())
            .await?;
        return say(front, user, &t!(who.lang, "intake-queued", n = n)).await;
    }
    let links = found.links.iter().map(|l| l.as_str().to_owned()).collect();
    next(front, user, who, links, found.warnings).await
}

/// Takes the queued links in turn: a duplicate is reported and skipped; the first new one
/// gets a wizard message. With nothing left, the dialog is cleared.
pub async fn next(
    front: &MaxFront,
    user: &User,
    who: &Who,
    queue: Vec<String>,
    warnings: Vec<String>,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let step = shared::next(ctx, queue, warnings).await?;
    for (link, case, number) in step.duplicates {
        duplicate(front, user, who, link.as_str(), case, number).await?;
    }
    match step.fresh {
        Some(fresh) => show(front, user, who, fresh).await,
        None => Ok(Dialog::clear(&ctx.store, key(user.user_id)).await?),
    }
}

/// Sends a new wizard message and keeps the wizard with its message id.
pub async fn show(
    front: &MaxFront,
    user: &User,
    who: &Who,
    mut intake: Intake,
) -> anyhow::Result<()> {
    let ctx = &front.ctx;
    let choices = shared::load_choices(ctx, &intake).await?;
    let msg = screen(&intake, &choices, who);
    let sent = front.client.send(To::User(user.user_id), &msg).await?;
    intake.max_message = Some(sent.body.mid);
    Dialog::Intake(intake)
        .save(&ctx.store, key(user.user_id), ctx.now())
        .await?;
    Ok(())
}

/// The wizard's current step as a MAX message.
pub fn screen(intake: &Intake, choices: &wizard::Choices, who: &Who) -> NewMessage {
    let (text, kb) = wizard::render(intake, choices, who.lang);
    NewMessage::html(text).with_keyboard(keyboard(&kb.unwrap_or_default()))
}

/// «Это сообщение уже зарегистрировано: дело №N», with a button to open it.
pub async fn duplicate(
    front: &MaxFront,
    user: &User,
    who: &Who,
    link: &str,
    case: crate::domain::CaseId,
    number: i64,
) -> anyhow::Result<()> {
    let text = shared::duplicate_text(link, number, who.lang);
    let kb = shared::duplicate_keyboard(case, number, who.lang).unwrap_or_default();
    let msg = NewMessage::html(text).with_keyboard(keyboard(&kb));
    front.client.send(To::User(user.user_id), &msg).await?;
    Ok(())
}
