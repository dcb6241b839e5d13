//! The upload side: a device's [`Change`]s, sent in an [`Upload`], answered by an
//! [`UploadResult`].

use super::{ServerRow, SyncEntity};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What one operation did to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// The row was created or changed: `fields` holds the changed fields (all of them for a
    /// new row; the whole list, as `items`, for a list).
    Put,
    /// The row was deleted (for a list: the list emptied).
    Delete,
}

/// One entry of a device's outbox: one write to one row, as the device made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Increasing per device, never reused: with the device id, what makes an upload
    /// idempotent (the server ignores an operation it has already seen).
    pub op_id: u64,
    /// The kind of record.
    pub entity: SyncEntity,
    /// The row's id (for a list, its parent's id; for a composite key, its parts joined
    /// by `/`).
    pub id: String,
    /// Put or delete.
    pub op: ChangeOp,
    /// Column name to new value, as stored on the device (text, integers, reals, null);
    /// columns the device derives from others are never sent.
    #[serde(default)]
    pub fields: Map<String, Value>,
    /// The row's `version` the write was made on (none for a new row or a row without
    /// versions): the server applies a write based on an older version field by field.
    #[serde(default)]
    pub base_version: Option<u64>,
    /// When the device made the write.
    pub at: DateTime<Utc>,
}

/// What a device sends: its oldest unacknowledged changes, in operation order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Upload {
    /// The device's id, chosen by the device when its book was created.
    pub device_id: String,
    /// The device's schema version: a server older than the book refuses the upload.
    pub schema_version: u32,
    /// The changes, oldest first.
    pub changes: Vec<Change>,
}

/// A change the server refused: the device undoes it and keeps the reason for the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// The refused operation.
    pub op_id: u64,
    /// Its entity.
    pub entity: SyncEntity,
    /// Its row id.
    pub id: String,
    /// Why, in words an app can show (a rule broken, a permission missing).
    pub reason: String,
    /// The row as the server holds it, which the device puts back in place of its refused
    /// change; `None` when the server has no such row the user may see (the device removes
    /// its copy).
    #[serde(default)]
    pub current: Option<ServerRow>,
}

/// The server's answer to an [`Upload`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadResult {
    /// Every operation up to and including this id is settled (accepted or rejected): the
    /// device removes them from its outbox.
    pub acknowledged_through: u64,
    /// The operations refused, with their reasons.
    #[serde(default)]
    pub rejected: Vec<Rejection>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_change_reads_as_its_documented_json() {
        let change: Change = serde_json::from_value(json!({
            "op_id": 7,
            "entity": "customers",
            "id": "0190a0b1-0000-7000-8000-000000000001",
            "op": "put",
            "fields": {"notes": "想要白色", "importance": 1},
            "base_version": 3,
            "at": "2026-12-07T08:00:00.000Z"
        }))
        .unwrap();
        assert_eq!(change.entity, SyncEntity::Customers);
        assert_eq!(change.op, ChangeOp::Put);
        assert_eq!(change.fields["notes"], json!("想要白色"));
        assert_eq!(change.base_version, Some(3));
        let back = serde_json::to_value(&change).unwrap();
        assert_eq!(back["op"], json!("put"));
        assert_eq!(serde_json::from_value::<Change>(back).unwrap(), change);
    }

    #[test]
    fn a_delete_needs_no_fields_nor_version() {
        let change: Change = serde_json::from_value(json!({
            "op_id": 1, "entity": "plans", "id": "p", "op": "delete",
            "at": "2026-12-07T08:00:00Z"
        }))
        .unwrap();
        assert!(change.fields.is_empty());
        assert_eq!(change.base_version, None);
    }

    #[test]
    fn an_unknown_entity_is_refused() {
        let refused = serde_json::from_value::<Change>(json!({
            "op_id": 1, "entity": "search_terms", "id": "x", "op": "put",
            "at": "2026-12-07T08:00:00Z"
        }));
        assert!(refused.is_err());
    }
}
