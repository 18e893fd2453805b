//! The VK API client: one method call is a form POST to `{base}/method/{name}` with the
//! token and the API version; answers are `{"response": …}` or `{"error": …}`.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

pub const DEFAULT_BASE: &str = "https://api.vk.com";
pub const API_VERSION: &str = "5.199";
/// VK allows a service token 3 requests a second; one every 340 ms stays under it.
const MIN_GAP: Duration = Duration::from_millis(340);
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum VkError {
    #[error("VK API error {code}: {message}")]
    Api { code: i64, message: String },
    #[error("VK request failed: {0}")]
    Http(#[from] reqwest::Error),
    #[error("VK answer not understood: {0}")]
    Decode(String),
}

/// A wall post; only what a candidate needs (no author).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct WallPost {
    pub id: i64,
    pub owner_id: i64,
    pub date: i64,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub comments: Option<Counter>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Counter {
    #[serde(default)]
    pub count: i64,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    #[serde(default)]
    pub name: String,
}

/// A page of a wall with the community's own card (`extended=1`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct WallPage {
    #[serde(default)]
    pub items: Vec<WallPost>,
    #[serde(default)]
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub date: i64,
    #[serde(default)]
    pub text: String,
}

#[derive(Deserialize)]
struct Comments {
    #[serde(default)]
    items: Vec<Comment>,
}

#[derive(Deserialize)]
struct Created {
    comment_id: i64,
}

#[derive(Deserialize)]
struct Envelope<T> {
    response: Option<T>,
    error: Option<ApiError>,
}

#[derive(Deserialize)]
struct ApiError {
    error_code: i64,
    #[serde(default)]
    error_msg: String,
}

#[derive(Clone)]
pub struct VkClient {
    http: reqwest::Client,
    base: String,
    token: String,
    last: Arc<Mutex<Option<Instant>>>,
}

impl std::fmt::Debug for VkClient {
    // The token never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VkClient")
            .field("base", &self.base)
            .finish()
    }
}

impl VkClient {
    /// `base` is `https://api.vk.com` in production; tests point it at a fake server.
    pub fn new(base: &str, token: &str) -> Result<VkClient, VkError> {
        let http = reqwest::Client::builder().timeout(TIMEOUT).build()?;
        Ok(VkClient {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            last: Arc::new(Mutex::new(None)),
        })
    }

    /// A community's latest posts; `community` is a screen name or `club123`/`public123`.
    pub async fn wall_get(&self, community: &str, count: u32) -> Result<WallPage, VkError> {
        let mut params = vec![
            ("count", count.min(100).to_string()),
            ("extended", "1".to_owned()),
            ("filter", "all".to_owned()),
        ];
        match numeric_group(community) {
            Some(id) => params.push(("owner_id", format!("-{id}"))),
            None => params.push(("domain", community.to_owned())),
        }
        self.call("wall.get", params).await
    }

    /// The newest comments under a post.
    pub async fn wall_get_comments(
        &self,
        owner_id: i64,
        post_id: i64,
        count: u32,
    ) -> Result<Vec<Comment>, VkError> {
        let params = vec![
            ("owner_id", owner_id.to_string()),
            ("post_id", post_id.to_string()),
            ("count", count.min(100).to_string()),
            ("sort", "desc".to_owned()),
            ("preview_length", "0".to_owned()),
        ];
        let page: Comments = self.call("wall.getComments", params).await?;
        Ok(page.items)
    }

    /// Posts `message` under a community post as the community (needs a community token),
    /// with `attachments` (`photo-1_2`, `doc-1_3`, uploaded before); returns the new
    /// comment's id. `guid` makes a repeated call with the same key post nothing new (VK's
    /// guard against double comments).
    pub async fn wall_create_comment(
        &self,
        (owner_id, post_id): (i64, i64),
        reply_to: Option<i64>,
        message: &str,
        attachments: &[String],
        guid: &str,
    ) -> Result<i64, VkError> {
        let mut params = vec![
            ("owner_id", owner_id.to_string()),
            ("post_id", post_id.to_string()),
            ("from_group", owner_id.unsigned_abs().to_string()),
            ("message", message.to_owned()),
            ("guid", guid.to_owned()),
        ];
        if let Some(c) = reply_to {
            params.push(("reply_to_comment", c.to_string()));
        }
        if !attachments.is_empty() {
            params.push(("attachments", attachments.join(",")));
        }
        let created: Created = self.call("wall.createComment", params).await?;
        Ok(created.comment_id)
    }

    pub(super) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(super) async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        mut params: Vec<(&str, String)>,
    ) -> Result<T, VkError> {
        // One request at a time, each at least MIN_GAP after the previous one's answer:
        // VK counts requests as they arrive, so spacing their starts is not enough when
        // one is slowed on its way (across clones of the client too).
        let mut last = self.last.lock().await;
        if let Some(at) = *last {
            tokio::time::sleep_until(at + MIN_GAP).await;
        }
        params.push(("access_token", self.token.clone()));
        params.push(("v", API_VERSION.to_owned()));
        let body = self.post(method, &params).await;
        *last = Some(Instant::now());
        drop(last);
        let body = body?;
        let env: Envelope<T> =
            serde_json::from_slice(&body).map_err(|e| VkError::Decode(e.to_string()))?;
        match (env.response, env.error) {
            (_, Some(e)) => Err(VkError::Api {
                code: e.error_code,
                message: e.error_msg,
            }),
            (Some(r), None) => Ok(r),
            (None, None) => Err(VkError::Decode("neither response nor error".into())),
        }
    }

    async fn post(&self, method: &str, params: &[(&str, String)]) -> Result<Vec<u8>, VkError> {
        let url = format!("{}/method/{method}", self.base);
        let answer = self.http.post(url).form(params).send().await?;
        Ok(answer.bytes().await?.to_vec())
    }
}

/// `club123` / `public123` / `123` → 123.
fn numeric_group(s: &str) -> Option<u64> {
    let digits = s
        .strip_prefix("club")
        .or_else(|| s.strip_prefix("public"))
        .unwrap_or(s);
    digits.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_communities_are_recognized() {
        assert_eq!(numeric_group("club123"), Some(123));
        assert_eq!(numeric_group("public7"), Some(7));
        assert_eq!(numeric_group("55"), Some(55));
        assert_eq!(numeric_group("alatyr_news"), None);
        assert_eq!(numeric_group("club"), None);
    }

    #[test]
    fn an_error_answer_is_typed() {
        let env: Envelope<WallPage> = serde_json::from_str(
            r#"{"error": {"error_code": 15, "error_msg": "Access denied", "request_params": []}}"#,
        )
        .unwrap();
        assert_eq!(env.error.map(|e| e.error_code), Some(15));
    }
}
