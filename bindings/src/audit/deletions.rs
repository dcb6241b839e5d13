//! The deletions log: records that left the book (customers deleted, merged away, erased),
//! with who, on which device and when, and none of their personal data.

use crate::convert::same_variants;
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// How a record left the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DeletionKind {
    /// Deleted by its user.
    Deleted,
    /// Merged into another record of the same person (`merged_into`).
    Merged,
    /// Its personal data erased at the person's request (none recorded yet: the book has
    /// no erasure operation).
    Erased,
}

same_variants!(DeletionKind <=> crm_core::audit::DeletionKind {
    Deleted, Merged, Erased
});

/// What kind of record left the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DeletedEntity {
    /// A customer, with everything that belonged to them.
    Customer,
}

same_variants!(DeletedEntity <=> crm_core::audit::DeletedEntity { Customer });

/// One record that left the book.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deletion {
    /// What kind of record.
    pub entity: DeletedEntity,
    /// Its id.
    pub id: String,
    /// How it left.
    pub kind: DeletionKind,
    /// For a merge: the customer it was merged into.
    pub merged_into: Option<CustomerId>,
    /// Who made it leave: the book's user once the book has synced; absent before.
    pub author: Option<String>,
    /// The device it was deleted on.
    pub device: String,
    /// When.
    pub at: Timestamp,
    /// Why it was erased (kind `ERASED`); absent otherwise.
    pub reason: Option<String>,
}

impl From<crm_core::audit::Deletion> for Deletion {
    fn from(d: crm_core::audit::Deletion) -> Self {
        Deletion {
            entity: d.entity.into(),
            id: d.id,
            kind: d.kind.into(),
            merged_into: d.merged_into,
            author: d.author,
            device: d.device,
            at: d.at,
            reason: d.reason,
        }
    }
}

/// One page of the deletions log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeletionPage {
    /// The deletions on this page.
    pub deletions: Vec<Deletion>,
    /// Where the next (older) page starts: pass it back as `cursor`; absent on the last
    /// page.
    pub next_cursor: Option<String>,
}

impl From<crm_store::DeletionPage> for DeletionPage {
    fn from(p: crm_store::DeletionPage) -> Self {
        DeletionPage {
            deletions: p.deletions.into_iter().map(Into::into).collect(),
            next_cursor: p.next_cursor,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// One page of the deletions log, newest first: at most `limit` entries (1 to 10,000;
    /// absent: 50), after `cursor` (the previous page's `next_cursor`).
    ///
    /// Fails with `InvalidInput` on `limit` or `cursor`.
    #[uniffi::method(default(limit = None, cursor = None))]
    pub async fn deletions(
        &self,
        limit: Option<i32>,
        cursor: Option<String>,
    ) -> Result<DeletionPage, CrmError> {
        self.read(move |store| {
            let limit = limit
                .unsigned("limit")?
                .unwrap_or(crm_store::ListQuery::default().limit);
            Ok(store.deletions(limit, cursor.as_deref())?.into())
        })
        .await
    }

    /// The deletions of the user's team as the server holds them (customers deleted or
    /// merged away on any of the team's devices, with author, device and time; no personal
    /// data), newest first, at most `limit` (1 to 1,000; absent: 50), online.
    ///
    /// Fails with `Sync`: `status` 403 for a consultant's token, null when the server
    /// cannot be reached.
    #[uniffi::method(default(limit = None))]
    pub async fn team_deletions(
        &self,
        server: String,
        token: String,
        limit: Option<i32>,
    ) -> Result<Vec<Deletion>, CrmError> {
        self.read(move |store| {
            let limit = limit
                .unsigned("limit")?
                .unwrap_or(crm_store::ListQuery::default().limit);
            Ok(store
                .team_deletions(&server, &token, limit)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_keeps_its_kind_and_the_customer_kept() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let d = Deletion::from(crm_core::audit::Deletion {
            entity: crm_core::audit::DeletedEntity::Customer,
            id: "c2".into(),
            kind: crm_core::audit::DeletionKind::Merged,
            merged_into: Some("c1".into()),
            author: Some("u1".into()),
            device: "d1".into(),
            at,
            reason: None,
        });
        assert_eq!(d.kind, DeletionKind::Merged);
        assert_eq!(d.entity, DeletedEntity::Customer);
        assert_eq!(d.merged_into.as_ref().map(CustomerId::as_str), Some("c1"));
        assert_eq!((d.author.as_deref(), d.device.as_str()), (Some("u1"), "d1"));
    }
}
