//! Where a MAX press goes: the intake wizard, candidate cards and publishing from the bot
//! have handlers of their own; every other button goes to the case cards' handler.

use super::client::{Callback, Message};
use super::handle::identify;
use super::serve::MaxFront;
use super::{candidates, press, publish, wizard};
use crate::front::callback::Action;

pub async fn on_callback(
    front: &MaxFront,
    cb: Callback,
    message: Option<Message>,
) -> anyhow::Result<()> {
    let pressed = message.as_ref().map(|m| m.body.mid.as_str());
    let action = cb.payload.as_deref().and_then(Action::decode);
    let Some(action) = action.filter(|a| {
        wizard::is_wizard(*a)
            || candidates::is_candidate(*a)
            || matches!(a, Action::PublishFromBot(..))
    }) else {
        return press::on_press(front, cb, pressed).await;
    };
    // A stranger is refused there, the same way for every button.
    let Some(who) = identify(front, &cb.user).await? else {
        return press::on_press(front, cb, pressed).await;
    };
    match action {
        Action::PublishFromBot(case, seen) => publish::on_press(front, &cb, &who, case, seen).await,
        a if candidates::is_candidate(a) => candidates::on_press(front, &cb, &who, a).await,
        a => {
            // A wizard answers only under its own message.
            wizard::on_press(front, &cb, &who, pressed, a).await
        }
    }
}
