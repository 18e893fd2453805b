//! The Telegram front end: the handler tree, commands, buttons and cards. Endpoints are
//! thin: parse the update, call storage (which runs the domain), render the answer.

pub mod actions;
pub mod admin;
pub mod background;
pub mod callback;
pub mod candidates;
pub mod cards;
pub mod commands;
pub mod courier;
pub mod ctx;
pub mod dialog;
pub mod format;
pub mod guard;
pub mod intake;
pub mod keyboards;
pub mod lease;
pub mod lists;
pub mod menu;
pub mod notices;
pub mod refusal;
pub mod replies;
pub mod reply;
pub mod report;
pub mod serve;
pub mod start;
pub mod trace;
pub mod views;
pub mod webhook;
pub mod who;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;

pub use ctx::{BotCtx, Tg};
pub use serve::{serve, ServeOptions};

use commands::Cmd;

/// The whole handler tree: known people first, then strangers (who may only join by invite).
/// A lookup that fails takes neither route: the update fails and the person is told.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let awaited = dptree::filter_map_async(replies::awaited)
        .branch(dptree::filter_map(replies::Awaited::reply).endpoint(replies::on_reply))
        .branch(dptree::filter_map(replies::Awaited::failure).endpoint(guard::fail));
    let messages = Update::filter_message()
        .branch(teloxide::filter_command::<Cmd, _>().endpoint(route_command))
        .branch(awaited)
        .branch(dptree::endpoint(intake::on_message));
    let known = dptree::filter_map(who::Sender::known)
        .branch(messages)
        .branch(Update::filter_callback_query().endpoint(actions::on_press));
    let sender = dptree::filter_map_async(who::identify)
        .branch(known)
        .branch(dptree::filter_map(who::Sender::failure).endpoint(guard::fail));
    guard::guarded(
        dptree::entry()
            .branch(candidates::schema())
            .branch(sender)
            .branch(Update::filter_message().endpoint(start::stranger))
            .branch(Update::filter_callback_query().endpoint(start::stranger_press)),
    )
}

async fn route_command(
    bot: Tg,
    ctx: BotCtx,
    who: who::Who,
    msg: Message,
    cmd: Cmd,
    update: Update,
) -> anyhow::Result<()> {
    match cmd {
        Cmd::Start(arg) => start::known(bot, ctx, who, msg, arg).await,
        Cmd::New(arg) => intake::on_new(bot, ctx, who, msg, arg, update).await,
        Cmd::My => lists::my(bot, ctx, who, msg).await,
        Cmd::Case(arg) => lists::case(bot, ctx, who, msg, arg).await,
        Cmd::Overdue => lists::overdue(bot, ctx, who, msg).await,
        Cmd::Report(arg) => lists::report(bot, ctx, who, msg, arg).await,
        Cmd::Help => lists::help(bot, ctx, who, msg).await,
        Cmd::Cancel => replies::cancel(bot, ctx, who, msg).await,
        Cmd::Invite(arg) => admin::invite(bot, ctx, who, msg, arg).await,
        Cmd::People => admin::people(bot, ctx, who, msg).await,
        Cmd::Units => admin::units(bot, ctx, who, msg).await,
        Cmd::Lists => admin::lists(bot, ctx, who, msg).await,
        Cmd::Set(arg) => admin::set(bot, ctx, who, msg, arg).await,
    }
}
