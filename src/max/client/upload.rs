//! Sending files: `POST /uploads?type=` gives an upload URL (and, for video, the token),
//! the bytes go there as multipart `data`, and the token then rides in a message's
//! attachment. A fresh upload may be "not ready" for a moment; callers retry on that.

use reqwest::Method;
use serde::Deserialize;

use super::{AttachmentRequest, MaxClient, MaxError, NewMessage, To, TokenPayload, UploadType};

#[derive(Deserialize)]
struct UploadUrl {
    url: String,
    #[serde(default)]
    token: Option<String>,
}

impl MaxClient {
    /// Uploads `bytes` as `name` and returns the attachment that sends it.
    pub async fn upload(
        &self,
        kind: UploadType,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<AttachmentRequest, MaxError> {
        let req = self
            .request(Method::POST, "uploads")?
            .query(&[("type", kind.as_str())]);
        let target: UploadUrl = self.call(req).await?;
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part("data", part);
        let url = url::Url::parse(&target.url)
            .map_err(|e| MaxError::Decode(format!("upload URL: {e}")))?;
        let resp = self
            .http
            .post(url)
            .header(reqwest::header::AUTHORIZATION, &self.token)
            .multipart(form)
            .timeout(std::time::Duration::from_secs(120))
            .send()
            .await?;
        let status = resp.status().as_u16();
        let body = resp.text().await?;
        if !(200..300).contains(&status) {
            return Err(MaxError::from_status(status, &body, None));
        }
        let token = match target.token {
            Some(t) => t,
            None => token_of(&body)?,
        };
        let payload = TokenPayload { token };
        Ok(match kind {
            UploadType::Image => AttachmentRequest::Image { payload },
            UploadType::Video => AttachmentRequest::Video { payload },
            UploadType::File => AttachmentRequest::File { payload },
        })
    }

    /// Uploads and sends one file, waiting briefly while MAX still processes it.
    pub async fn send_file(
        &self,
        to: To,
        kind: UploadType,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<(), MaxError> {
        let attachment = self.upload(kind, name, bytes).await?;
        self.send_attachment(to, attachment).await
    }

    /// Sends an uploaded (or earlier received) attachment, retrying `attachment.not.ready`.
    pub async fn send_attachment(&self, to: To, a: AttachmentRequest) -> Result<(), MaxError> {
        let msg = NewMessage::attachment(a);
        let mut wait = std::time::Duration::from_millis(300);
        for _ in 0..5 {
            match self.send(to, &msg).await {
                Err(MaxError::AttachmentNotReady) => {
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
                other => return other.map(drop),
            }
        }
        Err(MaxError::AttachmentNotReady)
    }
}

/// The token in an upload's answer: `{token}` for files, `{photos: {id: {token}}}` for images.
fn token_of(body: &str) -> Result<String, MaxError> {
    let v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| MaxError::Decode(format!("upload answer: {e}")))?;
    if let Some(t) = v.get("token").and_then(|t| t.as_str()) {
        return Ok(t.to_owned());
    }
    v.get("photos")
        .and_then(|p| p.as_object())
        .and_then(|p| p.values().find_map(|ph| ph.get("token")?.as_str()))
        .map(str::to_owned)
        .ok_or_else(|| MaxError::Decode("upload answer without a token".into()))
}

#[cfg(test)]
mod tests {
    use super::token_of;

    #[test]
    fn upload_tokens_come_from_files_and_photos() {
        assert_eq!(token_of(r#"{"token":"f1"}"#).ok().as_deref(), Some("f1"));
        assert_eq!(
            token_of(r#"{"photos":{"x":{"token":"p1"}}}"#)
                .ok()
                .as_deref(),
            Some("p1")
        );
        assert!(token_of(r#"{"fileId":1}"#).is_err());
    }
}
