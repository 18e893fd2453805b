//! The Telegram adapter: `handlers/` (parse an update, call a use case, render the answer),
//! `render/` (menus, sending, Telegram markup; cards, keyboards and notices come from the
//! neutral `crate::front`), `runtime/` (serve, the polling lease, the courier, the loops
//! beside the dispatcher) and the handler tree below. No teloxide type leaves this module.

pub mod candidates;
pub mod handlers;
pub mod render;
pub mod report;
pub mod runtime;

// The modules under their short names, so handlers, renderers and the runtime name each
// other as `crate::bot::x` wherever they sit.
pub use handlers::{
    actions, admin, album, commands, deficiency, dialog, group, intake, lists, publish, replies,
    start, who,
};
pub use render::{
    callback, cards, coexec, format, keyboards, left_behind, markup, media, menu, notices, refusal,
    reply, tracked, views, wording,
};
pub use runtime::{
    background, connect, courier, ctx, guard, lease, listen, retry, serve, trace, webhook,
};

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;

pub use ctx::{BotCtx, Tg};
pub use serve::{serve, ServeOptions};

use crate::front::admin::AdminCmd;
use commands::Cmd;

/// The handler tree behind [`catch_panics`].
pub fn handler() -> UpdateHandler<anyhow::Error> {
    catch_panics(schema())
}

/// `tree` behind a guard: a handler that panics is logged and its update skipped, instead
/// of killing its chat's worker (and with it the dispatcher, on the next update there).
pub fn catch_panics(tree: UpdateHandler<anyhow::Error>) -> UpdateHandler<anyhow::Error> {
    use dptree::{HandlerDescription, HandlerSignature};
    use futures::FutureExt;
    use std::ops::ControlFlow;

    let guard = dptree::from_fn_with_description(
        teloxide::dispatching::DpHandlerDescription::entry(),
        |deps: dptree::di::DependencyMap, cont| async move {
            let id = deps.try_get::<Update>().map(|u| u.id.0);
            match std::panic::AssertUnwindSafe(cont(deps))
                .catch_unwind()
                .await
            {
                Ok(flow) => flow,
                Err(_) => {
                    tracing::error!(update_id = id, "an update handler panicked; update skipped");
                    ControlFlow::Break(Ok(()))
                }
            }
        },
        HandlerSignature::Entry,
    );
    guard.chain(tree)
}

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
    // Work content goes only to private chats: a group gets a pointer there, nothing else.
    let group = dptree::filter(group::outside_private)
        .branch(Update::filter_message().endpoint(group::on_message))
        .branch(Update::filter_callback_query().endpoint(group::on_press));
    guard::guarded(
        dptree::entry()
            // Chats read for candidates first: their messages never reach the pointer.
            .branch(candidates::schema())
            .branch(group)
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
        Cmd::Invite(arg) => admin::run(bot, ctx, who, msg, AdminCmd::Invite(arg)).await,
        Cmd::People => admin::run(bot, ctx, who, msg, AdminCmd::People).await,
        Cmd::Units => admin::run(bot, ctx, who, msg, AdminCmd::Units).await,
        Cmd::Lists => admin::run(bot, ctx, who, msg, AdminCmd::Lists).await,
        Cmd::Set(arg) => admin::run(bot, ctx, who, msg, AdminCmd::Set(arg)).await,
        Cmd::Notice(arg) => deficiency::start(bot, ctx, who, msg, arg).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_is_caught_and_the_next_update_handled() {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counter = seen.clone();
        let tree = dptree::entry().endpoint(move |u: Update| {
            let counter = counter.clone();
            async move {
                assert!(u.id.0 != 1, "a handler bug");
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            }
        });
        let handler = catch_panics(tree);
        for id in [1, 2] {
            let update: Update = serde_json::from_value(serde_json::json!({
                "update_id": id,
                "message": { "message_id": 1, "date": 0, "text": "hi",
                    "chat": { "id": 5, "type": "private", "first_name": "A" } }
            }))
            .expect("an update");
            let flow = handler.dispatch(dptree::deps![update]).await;
            assert!(matches!(flow, std::ops::ControlFlow::Break(Ok(()))));
        }
        assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
