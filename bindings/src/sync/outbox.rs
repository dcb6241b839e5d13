//! The upload queue (待上传): every write to the book queues its changes, in the write's
//! own transaction; an app with its own transport reads the next upload here as JSON and
//! sends it to the server.

use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;

/// `upload` as JSON text.
fn upload_json(upload: &crm_core::sync::Upload) -> Result<String, CrmError> {
    serde_json::to_string(upload).map_err(|e| CrmError::Storage {
        detail: format!("upload: {e}"),
    })
}

#[uniffi::export]
impl CrmStore {
    /// This book's device id: chosen once, when the book was created, and sent with every
    /// upload. A copy of the file shares it, so a book restored onto a second phone must not
    /// sync beside the first.
    pub async fn device_id(&self) -> Result<String, CrmError> {
        self.read(move |store| Ok(store.device_id()?)).await
    }

    /// The next upload as JSON: `{"device_id", "schema_version", "changes": [...]}` with the
    /// oldest `limit` (1 to 10,000) changes not yet acknowledged by the server, oldest
    /// first. Each change is `{"op_id", "entity", "id", "op": "put" | "delete", "fields",
    /// "base_version", "at"}`: `fields` maps column names to their new values (a list's
    /// `items` hold the whole list). Reading changes nothing: the same changes come back
    /// until the server acknowledges them, so an upload lost on the way is sent again.
    /// An empty `changes`: nothing to send.
    ///
    /// Fails with `InvalidInput` on `limit` when it is 0 or above 10,000.
    pub async fn pending_upload(&self, limit: i32) -> Result<String, CrmError> {
        self.read(move |store| upload_json(&store.pending_upload(limit.unsigned("limit")?)?))
            .await
    }

    /// How many changes wait to be uploaded (0 once the server has acknowledged them all):
    /// for a "not yet synced" badge.
    pub async fn pending_count(&self) -> Result<i64, CrmError> {
        self.read(move |store| Ok(store.pending_count()?.signed()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pollster::block_on;

    #[test]
    fn an_upload_is_the_queue_as_json() {
        let dir = std::env::temp_dir().join(format!("crm-ffi-outbox-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("book.sqlite3");
        let _ = std::fs::remove_file(&path);
        let store = CrmStore::new(path.to_string_lossy().into_owned()).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&block_on(store.pending_upload(50)).unwrap()).unwrap();
        assert_eq!(
            json["device_id"],
            block_on(store.device_id()).unwrap().as_str()
        );
        assert_eq!(json["changes"], serde_json::json!([]));
        assert_eq!(block_on(store.pending_count()).unwrap(), 0);
        assert!(matches!(
            block_on(store.pending_upload(0)),
            Err(CrmError::InvalidInput { field, .. }) if field == "limit"
        ));
        // A write queues its changes; the count is the queue's length.
        let new = crm_core::NewCustomer::new(
            "王芳",
            crm_core::ContactInput::new(crm_core::ContactKind::Mobile, "13800138000"),
            crm_core::SourceChannel::ShowroomWalkIn,
        );
        block_on(store.write(move |s| Ok(s.create_customer(&new)?))).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&block_on(store.pending_upload(10_000)).unwrap()).unwrap();
        let changes = json["changes"].as_array().unwrap();
        assert!(!changes.is_empty());
        assert_eq!(
            block_on(store.pending_count()).unwrap(),
            changes.len() as i64
        );
        assert_eq!(changes[0]["entity"], "customers");
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
