//! A small typed client of the MAX Bot API on reqwest (the `maxbot` crate was evaluated and
//! not taken: see the README's MAX section). The token travels only in the `Authorization`
//! header and never appears in `Debug` output or errors.

mod error;
mod types;
mod upload;

use std::time::Duration;

use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use error::MaxError;
pub use types::*;

/// The production API (the reference client's default since the move to "botapi v2").
pub const DEFAULT_API_URL: &str = "https://platform-api2.max.ru";
/// Env var overriding the base URL (tests point it at the fake).
pub const API_URL_ENV: &str = "OTKLIK_MAX_API_URL";
/// Env var with the bot's token; its presence turns the MAX front end on.
pub const TOKEN_ENV: &str = "OTKLIK_MAX_TOKEN";
/// Env var with a PEM file of extra trusted roots: MAX's servers use the Russian Ministry
/// of Digital Development's CA, which the bundled web roots do not contain.
pub const CA_FILE_ENV: &str = "OTKLIK_MAX_CA_FILE";

/// How long an ordinary call may take (as the Telegram side's 17 s).
const CALL_TIMEOUT: Duration = Duration::from_secs(17);

#[derive(Clone)]
pub struct MaxClient {
    http: reqwest::Client,
    token: String,
    base: url::Url,
}

impl std::fmt::Debug for MaxClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MaxClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl MaxClient {
    pub fn new(token: &str, base_url: &str) -> Result<Self, MaxError> {
        Self::build(token, base_url, None)
    }

    /// From `OTKLIK_MAX_TOKEN`, `OTKLIK_MAX_API_URL` and `OTKLIK_MAX_CA_FILE`; `None` when
    /// no token is set (the MAX front end is off).
    pub fn from_env() -> Result<Option<Self>, MaxError> {
        let token = match std::env::var(TOKEN_ENV) {
            Ok(t) if !t.trim().is_empty() => t,
            _ => return Ok(None),
        };
        let base = std::env::var(API_URL_ENV).unwrap_or_else(|_| DEFAULT_API_URL.to_owned());
        let ca = match std::env::var_os(CA_FILE_ENV) {
            Some(path) => Some(std::fs::read(&path).map_err(|e| {
                MaxError::Setup(format!("cannot read {}: {e}", path.to_string_lossy()))
            })?),
            None => None,
        };
        Self::build(token.trim(), &base, ca.as_deref()).map(Some)
    }

    fn build(token: &str, base_url: &str, ca_pem: Option<&[u8]>) -> Result<Self, MaxError> {
        let mut base = url::Url::parse(base_url)
            .map_err(|e| MaxError::Setup(format!("bad MAX API URL: {e}")))?;
        // `join` replaces the last path segment unless the base ends with a slash.
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let mut builder = reqwest::Client::builder().connect_timeout(Duration::from_secs(10));
        if let Some(pem) = ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| MaxError::Setup(format!("bad CA file: {e}")))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| MaxError::Setup(e.without_url().to_string()))?;
        Ok(Self {
            http,
            token: token.to_owned(),
            base,
        })
    }

    fn request(&self, method: Method, path: &str) -> Result<RequestBuilder, MaxError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| MaxError::Setup(format!("bad path {path}: {e}")))?;
        Ok(self
            .http
            .request(method, url)
            .header(reqwest::header::AUTHORIZATION, &self.token)
            .timeout(CALL_TIMEOUT))
    }

    /// Sends and reads the answer: success bodies decode as `T`, the rest become
    /// [`MaxError`]s by status and MAX's error code.
    async fn call<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T, MaxError> {
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = resp.text().await?;
        if !(200..300).contains(&status) {
            return Err(MaxError::from_status(status, &body, retry_after));
        }
        serde_json::from_str(&body).map_err(|e| MaxError::Decode(e.to_string()))
    }

    /// `ActionResponse`: `{success: false, message}` is a refusal even under 200.
    async fn action(&self, req: RequestBuilder) -> Result<(), MaxError> {
        let v: serde_json::Value = self.call(req).await?;
        if v.get("success").and_then(|s| s.as_bool()) == Some(true) {
            return Ok(());
        }
        let message = v
            .get("message")
            .and_then(|m| m.as_str())
            .unwrap_or("success is not true")
            .to_owned();
        Err(MaxError::Api {
            status: 200,
            code: String::new(),
            message,
        })
    }

    fn json<B: Serialize>(req: RequestBuilder, body: &B) -> RequestBuilder {
        req.json(body)
    }

    /// `GET /me`: checks the token and tells the bot's username.
    pub async fn me(&self) -> Result<BotInfo, MaxError> {
        self.call(self.request(Method::GET, "me")?).await
    }

    /// `GET /updates`: waits up to `timeout` seconds for updates after `marker`. Updates are
    /// returned raw, so one MAX cannot parse is skipped alone (see [`parse_update`]).
    pub async fn updates(
        &self,
        marker: Option<i64>,
        timeout: u32,
        types: &[&str],
    ) -> Result<UpdatesPage, MaxError> {
        let mut query: Vec<(&str, String)> = vec![
            ("timeout", timeout.to_string()),
            ("limit", "100".to_owned()),
        ];
        if let Some(m) = marker {
            query.push(("marker", m.to_string()));
        }
        if !types.is_empty() {
            query.push(("types", types.join(",")));
        }
        let req = self
            .request(Method::GET, "updates")?
            .query(&query)
            .timeout(Duration::from_secs(u64::from(timeout) + 15));
        self.call(req).await
    }

    /// `POST /messages`; returns the sent message (its `body.mid` edits it later).
    pub async fn send(&self, to: To, msg: &NewMessage) -> Result<Message, MaxError> {
        let (key, id) = match to {
            To::User(id) => ("user_id", id),
            To::Chat(id) => ("chat_id", id),
        };
        let req = self
            .request(Method::POST, "messages")?
            .query(&[(key, id.to_string())]);
        #[derive(serde::Deserialize)]
        struct Sent {
            message: Message,
        }
        let sent: Sent = self.call(Self::json(req, msg)).await?;
        Ok(sent.message)
    }

    /// `PUT /messages?message_id=`: replaces the text and attachments (keyboard) of a message.
    pub async fn edit(&self, mid: &str, msg: &NewMessage) -> Result<(), MaxError> {
        let req = self
            .request(Method::PUT, "messages")?
            .query(&[("message_id", mid)]);
        self.action(Self::json(req, msg)).await
    }

    /// `POST /answers?callback_id=`: acknowledges a press, optionally replacing the pressed
    /// message (its text and keyboard).
    pub async fn answer(
        &self,
        callback_id: &str,
        replace: Option<&NewMessage>,
    ) -> Result<(), MaxError> {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            message: Option<&'a NewMessage>,
        }
        let req = self
            .request(Method::POST, "answers")?
            .query(&[("callback_id", callback_id)]);
        self.action(Self::json(req, &Body { message: replace }))
            .await
    }

    /// `PATCH /me/commands`: the command menu.
    pub async fn set_commands(&self, commands: &[BotCommand]) -> Result<(), MaxError> {
        #[derive(Serialize)]
        struct Body<'a> {
            commands: &'a [BotCommand],
        }
        let req = self.request(Method::PATCH, "me/commands")?;
        let _: serde_json::Value = self.call(Self::json(req, &Body { commands })).await?;
        Ok(())
    }
}

/// Reads one raw update; `None` (logged) for one that does not fit the reference.
pub fn parse_update(raw: &serde_json::Value) -> Option<Update> {
    match serde_json::from_value(raw.clone()) {
        Ok(u) => Some(u),
        Err(e) => {
            tracing::warn!(error = %e, "unreadable MAX update skipped");
            None
        }
    }
}
