//! Files for a community comment (issue 13): VK takes no bytes in `wall.createComment`, so
//! each file is uploaded first — ask for an upload address, post the file there as a form,
//! save what the upload server answered — and attached by its `photo{owner}_{id}` or
//! `doc{owner}_{id}` name.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::client::{VkClient, VkError};

#[derive(Deserialize)]
struct UploadServer {
    upload_url: String,
}

/// What the photo upload server answers; `photo` is `"[]"` when it took nothing.
#[derive(Deserialize)]
struct PhotoUploaded {
    server: i64,
    photo: String,
    hash: String,
}

#[derive(Deserialize)]
struct DocUploaded {
    file: String,
}

/// A saved photo or document: its id and owner (the community, negative).
#[derive(Deserialize)]
struct Saved {
    id: i64,
    owner_id: i64,
}

/// `docs.save` answers `{"type": "doc", "doc": {…}}`.
#[derive(Deserialize)]
struct DocSaved {
    doc: Saved,
}

/// An upload server's error answer (`{"error": "…"}`), besides the success fields.
#[derive(Deserialize)]
struct UploadError {
    error: serde_json::Value,
}

impl VkClient {
    /// Uploads a photo for community `group`'s wall; returns its attachment name.
    pub async fn wall_photo(
        &self,
        group: u64,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<String, VkError> {
        let group_id = ("group_id", group.to_string());
        let at: UploadServer = self
            .call("photos.getWallUploadServer", vec![group_id.clone()])
            .await?;
        let up: PhotoUploaded = self.upload(&at.upload_url, "photo", name, bytes).await?;
        if up.photo.trim().is_empty() || up.photo.trim() == "[]" {
            return Err(VkError::Decode("the upload server took no photo".into()));
        }
        let params = vec![
            group_id,
            ("photo", up.photo),
            ("server", up.server.to_string()),
            ("hash", up.hash),
        ];
        let saved: Vec<Saved> = self.call("photos.saveWallPhoto", params).await?;
        let photo = saved
            .first()
            .ok_or_else(|| VkError::Decode("no photo saved".into()))?;
        Ok(format!("photo{}_{}", photo.owner_id, photo.id))
    }

    /// Uploads a document for community `group`'s wall; returns its attachment name.
    pub async fn wall_doc(
        &self,
        group: u64,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<String, VkError> {
        let at: UploadServer = self
            .call(
                "docs.getWallUploadServer",
                vec![("group_id", group.to_string())],
            )
            .await?;
        let up: DocUploaded = self.upload(&at.upload_url, "file", name, bytes).await?;
        let params = vec![("file", up.file), ("title", name.to_owned())];
        let saved: DocSaved = self.call("docs.save", params).await?;
        Ok(format!("doc{}_{}", saved.doc.owner_id, saved.doc.id))
    }

    /// Posts one file as `field` of a multipart form to an upload address VK gave.
    async fn upload<T: DeserializeOwned>(
        &self,
        url: &str,
        field: &'static str,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<T, VkError> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part(field, part);
        let body = self
            .http()
            .post(url)
            .multipart(form)
            .send()
            .await?
            .bytes()
            .await?;
        if let Ok(e) = serde_json::from_slice::<UploadError>(&body) {
            return Err(VkError::Decode(format!("upload refused: {}", e.error)));
        }
        serde_json::from_slice(&body).map_err(|e| VkError::Decode(e.to_string()))
    }
}
