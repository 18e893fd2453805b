//! `otklik invite`: a one-time invite from the command line, with its link into each
//! messenger whose token is set.

use anyhow::{bail, Context};

use super::{open, telegram_token, InviteOptions, Setup};
use crate::clock::{Clock, SystemClock};
use crate::i18n::cli_lang;
use crate::max::client::MaxClient;
use crate::ops::retry::Backoff;
use crate::t;

pub async fn invite(setup: &Setup, args: InviteOptions) -> anyhow::Result<()> {
    // The links must name these bots: their usernames come from the messengers, never a
    // default. A link is printed for each messenger whose token is set.
    let bots = bot_names().await?;
    let store = open(setup).await?;
    let ttl = chrono::Duration::hours(i64::from(args.ttl_hours));
    let token = crate::front::admin::create_invite_token(
        &store,
        args.role,
        args.unit.as_deref(),
        ttl,
        SystemClock.now(),
    )
    .await?;
    for (_, link) in crate::front::admin::links(&bots, &token) {
        println!("{link}");
    }
    Ok(())
}

/// The bots' usernames from Telegram (`getMe`) and MAX (`GET /me`), for the tokens set.
async fn bot_names() -> anyhow::Result<crate::front::ctx::BotNames> {
    let mut bots = crate::front::ctx::BotNames::default();
    if telegram_token().is_some() {
        let tg = crate::bot::connect::from_env();
        let name = crate::bot::connect::username(&tg, Backoff::ONCE).await?;
        bots.telegram = Some(name.context("stopped")?.into());
    }
    if let Some(client) = MaxClient::from_env().context("the MAX client cannot be set up")? {
        let me = client
            .me()
            .await
            .context("MAX refused the token or is unreachable")?;
        bots.max = me.username.map(Into::into);
    }
    if bots.telegram.is_none() && bots.max.is_none() {
        bail!(t!(cli_lang(), "cli-no-token"));
    }
    Ok(bots)
}
