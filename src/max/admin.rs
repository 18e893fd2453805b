//! Admin commands in MAX: the same language, checks and texts as in Telegram
//! (`front::admin`). Only dialogs with the bot reach here, so every one is private; MAX has
//! one command menu for the whole bot, so a change of roles leaves nothing to redraw.

use super::client::User;
use super::handle::say;
use super::serve::MaxFront;
use crate::front::admin::AdminCmd;
use crate::front::who::Who;

/// `/people`, `/units`, `/lists`, `/set …` or `/invite …` (`command` with its slash).
pub async fn run(
    front: &MaxFront,
    user: &User,
    who: &Who,
    command: &str,
    arg: &str,
) -> anyhow::Result<()> {
    let cmd = match command {
        "/people" => AdminCmd::People,
        "/units" => AdminCmd::Units,
        "/lists" => AdminCmd::Lists,
        "/set" => AdminCmd::Set(arg.to_owned()),
        _ => AdminCmd::Invite(arg.to_owned()),
    };
    let answer = crate::front::admin::run(&front.ctx, who, true, cmd).await?;
    say(front, user, &answer.text).await
}
