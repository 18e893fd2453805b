//! What can go wrong talking to MAX, in the terms callers act on: wait, stop writing to
//! this person, retry later, or give up.

use std::time::Duration;

/// One failed MAX Bot API call.
#[derive(Debug, thiserror::Error)]
pub enum MaxError {
    /// 429: too many requests; MAX may say how long to wait.
    #[error("MAX rate limit (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    /// 403: the person blocked the bot or the bot may not write to this chat.
    #[error("MAX forbids this: {0}")]
    Forbidden(String),
    /// 401: the token is wrong or revoked.
    #[error("MAX refused the token")]
    Unauthorized,
    /// 404: no such chat, user or message.
    #[error("MAX does not know it: {0}")]
    NotFound(String),
    /// A just uploaded file is still being processed (`attachment.not.ready`).
    #[error("MAX is still processing the attachment")]
    AttachmentNotReady,
    /// 5xx: MAX's own trouble; the request may or may not have taken effect.
    #[error("MAX server error {status}: {message}")]
    Server { status: u16, message: String },
    /// Any other refusal of the request itself (400 and the like): retrying cannot help.
    #[error("MAX API error {status} {code}: {message}")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    /// Connecting, sending or reading failed, or timed out.
    #[error("network error talking to MAX: {0}")]
    Network(String),
    /// A success answer that is not what the reference says.
    #[error("unexpected answer from MAX: {0}")]
    Decode(String),
    /// The client itself cannot be set up (bad base URL, unreadable CA file).
    #[error("MAX client setup: {0}")]
    Setup(String),
}

impl MaxError {
    /// Whether trying the same request again later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. }
                | Self::AttachmentNotReady
                | Self::Server { .. }
                | Self::Network(_)
        )
    }

    /// Builds the error for a non-success status and MAX's `{code, message}` body.
    pub(crate) fn from_status(status: u16, body: &str, retry_after: Option<Duration>) -> Self {
        let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
        let field = |k: &str| {
            parsed
                .as_ref()
                .and_then(|v| v.get(k))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let code = field("code").unwrap_or_default();
        // A non-JSON body (a proxy's HTML page) is cut short: it only helps the log.
        let message = field("message").unwrap_or_else(|| body.chars().take(200).collect());
        match status {
            429 => Self::RateLimited { retry_after },
            401 => Self::Unauthorized,
            403 => Self::Forbidden(message),
            404 => Self::NotFound(message),
            _ if code == "attachment.not.ready" => Self::AttachmentNotReady,
            500..=599 => Self::Server { status, message },
            _ => Self::Api {
                status,
                code,
                message,
            },
        }
    }
}

impl From<reqwest::Error> for MaxError {
    fn from(e: reqwest::Error) -> Self {
        // Without the URL: it is harmless here, but errors are logged and URLs grow queries.
        Self::Network(e.without_url().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_what_the_caller_acts_on() {
        let e = MaxError::from_status(429, "{}", Some(Duration::from_secs(3)));
        assert!(matches!(e, MaxError::RateLimited { retry_after: Some(d) } if d.as_secs() == 3));
        assert!(e.is_transient());
        let e = MaxError::from_status(403, r#"{"code":"chat.denied","message":"blocked"}"#, None);
        assert!(matches!(&e, MaxError::Forbidden(m) if m == "blocked"));
        assert!(!e.is_transient());
        let e = MaxError::from_status(
            400,
            r#"{"code":"attachment.not.ready","message":"x"}"#,
            None,
        );
        assert!(matches!(e, MaxError::AttachmentNotReady));
        let e = MaxError::from_status(502, "<html>Bad Gateway</html>", None);
        assert!(
            matches!(&e, MaxError::Server { status: 502, message } if message.contains("Bad Gateway"))
        );
        assert!(e.is_transient());
        let e = MaxError::from_status(400, r#"{"code":"proto.payload","message":"bad"}"#, None);
        assert!(matches!(&e, MaxError::Api { code, .. } if code == "proto.payload"));
        assert!(!e.is_transient());
        assert!(matches!(
            MaxError::from_status(401, "", None),
            MaxError::Unauthorized
        ));
    }
}
