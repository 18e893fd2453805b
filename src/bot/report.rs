//! The monthly summary (п.20) in chat: `/report ГГГГ-ММ` builds it through the report use
//! case (the scheduled one is rendered by `front::report`).

use teloxide::prelude::*;
use teloxide::types::InputFile;

use super::ctx::{BotCtx, Tg};
use super::reply::send;
use super::who::Who;
use crate::domain::report::YearMonth;
use crate::service::report::ArtifactKind;
use crate::t;

/// `/report [ГГГГ-ММ]`: the previous month by default, with the figures as they are now.
pub async fn on_demand(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    // The overseeing roles: the coordinator, curator, controller and admin.
    if !who.actor.sees_everything() {
        tracing::warn!(person = %who.person.id, "/report refused: role");
        send(&bot, msg.chat.id, &t!(who.lang, "report-refused"), None).await?;
        return Ok(());
    }
    let tz = ctx.calendar.timezone();
    let month = match arg.trim() {
        "" => YearMonth::containing(ctx.now(), tz).previous(),
        s => match YearMonth::parse(s) {
            Ok(m) => m,
            Err(_) => {
                send(&bot, msg.chat.id, &t!(who.lang, "report-usage"), None).await?;
                return Ok(());
            }
        },
    };
    let summary = ctx.reports.build(month, who.lang).await?;
    send(&bot, msg.chat.id, &summary.message, None).await?;
    for kind in ArtifactKind::SENT {
        let file =
            InputFile::memory(summary.content(kind).to_vec()).file_name(summary.file_name(kind));
        bot.send_document(msg.chat.id, file).await?;
    }
    Ok(())
}
