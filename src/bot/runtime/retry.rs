//! Bounded retries for direct replies (confirmations, card redraws, answers to presses).
//! The outbox has its own retries in the delivery loop; a direct reply has only the person
//! waiting for it, so it is retried here: a 429 after exactly the time Telegram names, a
//! server or network error after a short pause. A timed-out send may have arrived, so a
//! retry can show a confirmation twice; that is better than a screen that does not match
//! the state.

use std::future::Future;
use std::time::Duration;

use teloxide::RequestError;

use crate::bot::courier::classify;
use crate::scheduler::Delivery;

/// Attempts in all, the first included.
pub const ATTEMPTS: u32 = 4;
/// A 429 asking for a longer pause is not waited for in a handler: the chat's next update
/// would wait with it.
const MAX_FLOOD_WAIT: Duration = Duration::from_secs(35);
/// The pause after the first server or network error; doubles with each further one.
const FIRST_PAUSE: Duration = Duration::from_millis(300);

/// Runs `attempt` until it succeeds, fails in a way a retry cannot help, or runs out of
/// attempts; `what` names the request in the log.
pub async fn retrying<T, F, Fut>(what: &'static str, mut attempt: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut tries = 1;
    loop {
        let error = match attempt().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let Some(wait) = pause(&error, tries) else {
            return Err(error);
        };
        tracing::warn!(request = what, attempt = tries, error = %error, "reply failed, retrying");
        tokio::time::sleep(wait).await;
        tries += 1;
    }
}

/// How long to wait before attempt `tries + 1`, or `None` to give up.
fn pause(error: &RequestError, tries: u32) -> Option<Duration> {
    if tries >= ATTEMPTS {
        return None;
    }
    match classify(error.clone()) {
        Delivery::RetryAfter(wait) => (wait <= MAX_FLOOD_WAIT).then_some(wait),
        Delivery::Transient(_) => Some(FIRST_PAUSE * (1 << (tries - 1))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::Seconds;
    use teloxide::ApiError;

    #[test]
    fn a_429_waits_as_told_a_5xx_briefly_and_a_400_not_at_all() {
        let flood = RequestError::RetryAfter(Seconds::from_seconds(3));
        assert_eq!(pause(&flood, 1), Some(Duration::from_secs(3)));
        let server = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert_eq!(pause(&server, 2), Some(FIRST_PAUSE * 2));
        let bad = RequestError::Api(ApiError::MessageTextIsEmpty);
        assert_eq!(pause(&bad, 1), None);
        assert_eq!(pause(&server, ATTEMPTS), None);
        let long = RequestError::RetryAfter(Seconds::from_seconds(600));
        assert_eq!(pause(&long, 1), None);
    }
}
