//! Starting the wizard for a message's links, one after another, and the lists it offers.

use teloxide::types::ChatId;

use super::source::Found;
use super::wizard::{self, Choices};
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{Dialog, Intake};
use crate::bot::reply::send;
use crate::bot::who::Who;
use crate::domain::intake::PostLink;
use crate::front::intake;
use crate::t;

/// New links from a message: queued behind a wizard already running in the chat, or
/// started one by one.
pub async fn begin(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    found: Found,
) -> anyhow::Result<()> {
    if let Some(Dialog::Intake(mut current)) = Dialog::load(&ctx.store, chat.0).await? {
        let n = intake::enqueue(&mut current, &found.links);
        Dialog::Intake(current)
            .save(&ctx.store, chat.0, ctx.now())
            .await?;
        send(bot, chat, &t!(who.lang, "intake-queued", n = n), None).await?;
        return Ok(());
    }
    let links = found.links.iter().map(|l| l.as_str().to_owned()).collect();
    next(bot, ctx, who, chat, links, found.warnings).await
}

/// Takes the queued links in turn: a duplicate is reported and skipped; the first new one
/// gets a wizard message. With nothing left, the chat's dialog is cleared.
pub async fn next(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    queue: Vec<String>,
    warnings: Vec<String>,
) -> anyhow::Result<()> {
    let step = intake::next(ctx, queue, warnings).await?;
    for (link, case, number) in step.duplicates {
        report_duplicate(bot, who, chat, &link, case, number).await?;
    }
    let Some(mut fresh) = step.fresh else {
        return Ok(Dialog::clear(&ctx.store, chat.0).await?);
    };
    let choices = load_choices(ctx, &fresh).await?;
    let (text, kb) = wizard::render(&fresh, &choices, who.lang);
    fresh.message_id = Some(send(bot, chat, &text, kb).await?.0);
    Dialog::Intake(fresh)
        .save(&ctx.store, chat.0, ctx.now())
        .await?;
    Ok(())
}

/// «Это сообщение уже зарегистрировано: дело №N», with a button to open it.
async fn report_duplicate(
    bot: &Tg,
    who: &Who,
    chat: ChatId,
    link: &PostLink,
    case: crate::domain::CaseId,
    number: i64,
) -> anyhow::Result<()> {
    let text = intake::duplicate_text(link.as_str(), number, who.lang);
    let kb = intake::duplicate_keyboard(case, number, who.lang);
    send(bot, chat, &text, kb).await?;
    Ok(())
}

/// The organization's lists now (see [`intake::load_choices`]).
pub async fn load_choices(ctx: &BotCtx, i: &Intake) -> anyhow::Result<Choices> {
    Ok(intake::load_choices(ctx, i).await?)
}
