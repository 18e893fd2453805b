//! `/report [ГГГГ-ММ]` in MAX: the summary's message, then the chart and the workbook
//! uploaded as files (who may ask, and for which month, is decided in `front::report`).

use super::client::{To, User};
use super::courier::{send_html, send_named_file};
use super::serve::MaxFront;
use crate::front::report::OnDemand;
use crate::front::who::Who;
use crate::service::report::ArtifactKind;

pub async fn on_demand(front: &MaxFront, user: &User, who: &Who, arg: &str) -> anyhow::Result<()> {
    let to = To::User(user.user_id);
    let summary = match crate::front::report::on_demand(&front.ctx, who, arg).await? {
        OnDemand::Ready(summary) => summary,
        OnDemand::Refused(text) => return Ok(send_html(&front.client, to, &text, &[]).await?),
    };
    send_html(&front.client, to, &summary.message, &[]).await?;
    for kind in ArtifactKind::SENT {
        let bytes = summary.content(kind).to_vec();
        send_named_file(&front.client, to, &summary.file_name(kind), bytes).await?;
    }
    Ok(())
}
