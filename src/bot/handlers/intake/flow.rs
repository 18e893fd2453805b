//! Starting the wizard for a message's links, one after another, and the lists it offers.

use std::collections::HashMap;

use chrono::Duration;
use teloxide::types::ChatId;

use super::source::Found;
use super::wizard::{self, Choices, UnitChoice};
use crate::bot::callback::Action;
use crate::bot::ctx::{BotCtx, Tg};
use crate::bot::dialog::{Dialog, Intake};
use crate::bot::reply::{button, keyboard, send};
use crate::bot::who::Who;
use crate::domain::intake::PostLink;
use crate::t;

/// How far back earlier cases are offered as the ones a post repeats (п.15).
const REPEAT_LOOKBACK_DAYS: i64 = 180;
/// How many earlier cases are offered.
const REPEAT_OFFERS: usize = 3;

/// New links from a message: queued behind a wizard already running in the chat, or
/// started one by one.
pub async fn begin(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    found: Found,
) -> anyhow::Result<()> {
    let links: Vec<String> = found.links.iter().map(|l| l.as_str().to_owned()).collect();
    if let Some(Dialog::Intake(mut current)) = Dialog::load(&ctx.store, chat.0).await? {
        for link in links {
            if link != current.link && !current.queue.contains(&link) {
                current.queue.push(link);
            }
        }
        let n = current.queue.len();
        Dialog::Intake(current)
            .save(&ctx.store, chat.0, ctx.now())
            .await?;
        send(bot, chat, &t!(who.lang, "intake-queued", n = n), None).await?;
        return Ok(());
    }
    next(bot, ctx, who, chat, links, found.warnings).await
}

/// Takes the queued links in turn: a duplicate is reported and skipped; the first new one
/// gets a wizard message. With nothing left, the chat's dialog is cleared.
/// п.17 warnings belong to the first link: the text came with it.
pub async fn next(
    bot: &Tg,
    ctx: &BotCtx,
    who: &Who,
    chat: ChatId,
    queue: Vec<String>,
    warnings: Vec<String>,
) -> anyhow::Result<()> {
    let mut warnings = Some(warnings);
    let mut queue = queue.into_iter();
    while let Some(raw) = queue.next() {
        let warnings = warnings.take().unwrap_or_default();
        // Queued links are already normalized, so this parse succeeds; skip it if not.
        let Ok(link) = PostLink::parse(&raw) else {
            continue;
        };
        if let Some(view) = ctx
            .store
            .find_by_link(link.as_str(), &ctx.store_ctx())
            .await?
        {
            report_duplicate(bot, who, chat, &link, view.case.id, view.case.number).await?;
            continue;
        }
        let mut intake = wizard::start(&link, warnings, queue.collect());
        let choices = load_choices(ctx, &intake).await?;
        let (text, kb) = wizard::render(&intake, &choices, who.lang);
        intake.message_id = Some(send(bot, chat, &text, kb).await?.0);
        Dialog::Intake(intake)
            .save(&ctx.store, chat.0, ctx.now())
            .await?;
        return Ok(());
    }
    Dialog::clear(&ctx.store, chat.0).await?;
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
    let text = format!(
        "{}\n{}",
        t!(who.lang, "intake-duplicate", number = number),
        t!(
            who.lang,
            "intake-link",
            link = crate::bot::format::esc(link.as_str())
        )
    );
    send(bot, chat, &text, duplicate_keyboard(who, case, number)).await?;
    Ok(())
}

pub fn duplicate_keyboard(
    who: &Who,
    case: crate::domain::CaseId,
    number: i64,
) -> Option<crate::front::buttons::Keyboard> {
    keyboard(vec![vec![button(
        t!(who.lang, "intake-btn-open", number = number),
        Action::Open(case),
    )]])
}

/// The organization's lists now; at the summary, also the earlier cases of the same topic
/// and location.
pub async fn load_choices(ctx: &BotCtx, intake: &Intake) -> anyhow::Result<Choices> {
    let store = &ctx.store;
    let people: HashMap<_, _> = store
        .people()
        .await?
        .into_iter()
        .filter(|p| p.active)
        .map(|p| (p.id, p.name))
        .collect();
    let units = store
        .active_units()
        .await?
        .into_iter()
        .map(|u| UnitChoice {
            id: u.id,
            deputy: u.deputy.and_then(|d| people.get(&d).cloned()),
            name: u.name,
        })
        .collect();
    let mut choices = Choices {
        topics: store.topics().await?,
        locations: store.locations().await?,
        importance: store.importance_levels().await?,
        units,
        earlier: Vec::new(),
    };
    if wizard::step(intake) == wizard::Step::Summary {
        choices.earlier = earlier_cases(ctx, intake).await?;
    }
    Ok(choices)
}

/// Recent cases about the same topic in the same place, newest first.
async fn earlier_cases(
    ctx: &BotCtx,
    intake: &Intake,
) -> anyhow::Result<Vec<(crate::domain::CaseId, i64)>> {
    let (Some(topic), Some(location)) = (&intake.topic, &intake.location) else {
        return Ok(Vec::new());
    };
    let now = ctx.now();
    let from = now - Duration::days(REPEAT_LOOKBACK_DAYS);
    // The period's end is exclusive and kept in whole seconds: a minute ahead takes in a
    // case registered this very second.
    let to = now + Duration::minutes(1);
    let mut found: Vec<_> = ctx
        .store
        .cases_for_period(from, to, &ctx.store_ctx())
        .await?
        .into_iter()
        .map(|v| v.case)
        .filter(|c| &c.topic == topic && &c.location == location && c.link != intake.link)
        .map(|c| (c.id, c.number))
        .collect();
    found.sort_by_key(|&(_, number)| std::cmp::Reverse(number));
    found.truncate(REPEAT_OFFERS);
    Ok(found)
}
