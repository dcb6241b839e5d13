//! A record that left the book, as the deletions log keeps it.

use crate::customer::CustomerId;
use crate::validation::codes;
use chrono::{DateTime, Utc};

/// How a record left the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeletionKind {
    /// Deleted by its user (a duplicate entered by mistake, a test record): gone with all
    /// of its personal data, exactly as an erasure, without a reason.
    Deleted,
    /// Merged into another record of the same person: its history moved there
    /// ([`Deletion::merged_into`]).
    Merged,
    /// Erased on purpose with a reason ([`Deletion::reason`]): at the person's request
    /// (个人信息删除, PIPL art. 47) or by the dealership's retention rule. Deleting and
    /// erasing remove the same data; only the log's kind and reason differ.
    Erased,
}

codes!(DeletionKind {
    Deleted => "deleted",
    Merged => "merged",
    Erased => "erased",
});

/// What kind of record left the book. Records that belong to a customer (follow-ups,
/// intents, odometer readings ...) leave a trace in the customer's timeline instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeletedEntity {
    /// A customer, with everything that belonged to them.
    Customer,
}

codes!(DeletedEntity { Customer => "customer" });

/// One record that left the book: no name, phone or note of it, only what it was, how it
/// left, who made it leave, from which device, and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deletion {
    /// What kind of record.
    pub entity: DeletedEntity,
    /// Its id.
    pub id: String,
    /// How it left.
    pub kind: DeletionKind,
    /// For a merge: the customer it was merged into.
    pub merged_into: Option<CustomerId>,
    /// Who made it leave: the book's user once the book has synced (as the server names
    /// them); `None` on a book that never synced.
    pub author: Option<String>,
    /// The device (book) it was deleted on.
    pub device: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Why it was erased (for [`DeletionKind::Erased`]; `None` otherwise).
    pub reason: Option<String>,
}

/// A device's deletions log sent to the server at sync (`POST /v1/deletions`), oldest
/// first, so that a team's managers can read who deleted or merged away which customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeletionUpload {
    /// The device the deletions were made on.
    pub device_id: String,
    /// The deletions not sent yet.
    pub deletions: Vec<Deletion>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn codes_are_serde_names() {
        assert_codes_are_serde_names::<DeletionKind>();
        assert_codes_are_serde_names::<DeletedEntity>();
    }
}
