//! The monthly summary (п.20) in Telegram: `/report ГГГГ-ММ` (what to build, and who may,
//! is decided in `front::report`).

use teloxide::prelude::*;
use teloxide::types::InputFile;

use super::ctx::{BotCtx, Tg};
use super::reply::send;
use super::who::Who;
use crate::front::report::OnDemand;
use crate::service::report::ArtifactKind;

/// `/report [ГГГГ-ММ]`: the message, then the chart and the workbook as documents.
pub async fn on_demand(
    bot: Tg,
    ctx: BotCtx,
    who: Who,
    msg: Message,
    arg: String,
) -> anyhow::Result<()> {
    let summary = match crate::front::report::on_demand(&ctx, &who, &arg).await? {
        OnDemand::Ready(summary) => summary,
        OnDemand::Refused(text) => {
            send(&bot, msg.chat.id, &text, None).await?;
            return Ok(());
        }
    };
    send(&bot, msg.chat.id, &summary.message, None).await?;
    for kind in ArtifactKind::SENT {
        let file =
            InputFile::memory(summary.content(kind).to_vec()).file_name(summary.file_name(kind));
        bot.send_document(msg.chat.id, file).await?;
    }
    Ok(())
}
