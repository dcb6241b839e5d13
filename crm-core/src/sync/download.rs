//! The download side: the rows of a device's scope that changed after its checkpoint.

use super::SyncEntity;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where a device's downloads stand: the server's change-log version it has applied
/// through. Opaque to apps: store it, send it back.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Checkpoint(pub u64);

/// The server's current state of one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerRow {
    /// The change-log version of the row's last change.
    pub version: u64,
    /// The kind of record.
    pub entity: SyncEntity,
    /// The row's id, as in [`super::Change::id`].
    pub id: String,
    /// The customer the row belongs to (for a customer, its own id).
    pub customer_id: String,
    /// Every field of the row as the server holds it (a list's `items`); `None` when the
    /// row was deleted.
    pub fields: Option<Map<String, Value>>,
}

/// One batch of a download. Applied in one transaction with its checkpoint: applying it
/// twice changes nothing, and a batch cut off in the middle leaves the book at the
/// previous checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Download {
    /// Changed rows, in change-log order.
    pub rows: Vec<ServerRow>,
    /// Customers that left the device's scope (reassigned away, erased): the device deletes
    /// each with all of its personal data.
    #[serde(default)]
    pub evicted: Vec<String>,
    /// The checkpoint the book stands at once this batch is applied.
    pub checkpoint: Checkpoint,
    /// More batches follow: ask again from `checkpoint`.
    pub has_more: bool,
    /// Why some of the batch's deletes happened, for the user to read: a record of theirs
    /// that the server set aside as a duplicate claim after it had synced. The device keeps
    /// each one among its rejections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

/// The server's word on a row of a download the device would otherwise lose silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The change-log version of the row it explains (unique: the device's id for it).
    pub version: u64,
    /// The row's entity.
    pub entity: SyncEntity,
    /// The row's id.
    pub id: String,
    /// Why, in words an app can show (`duplicate: 王芳 is 王建国's (c01) customer`).
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_download_reads_as_its_documented_json() {
        let download: Download = serde_json::from_value(json!({
            "rows": [
                {"version": 41, "entity": "customers", "id": "c1", "customer_id": "c1",
                 "fields": {"name": "王芳", "owner": "c01"}},
                {"version": 42, "entity": "plans", "id": "p1", "customer_id": "c1",
                 "fields": null}
            ],
            "evicted": ["c9"],
            "checkpoint": 42,
            "has_more": false
        }))
        .unwrap();
        assert!(download.notices.is_empty(), "notices are optional");
        assert_eq!(download.checkpoint, Checkpoint(42));
        assert_eq!(download.rows[1].fields, None);
        assert_eq!(download.evicted, vec!["c9".to_string()]);
        let back = serde_json::to_value(&download).unwrap();
        assert_eq!(back["checkpoint"], json!(42));
    }
}
