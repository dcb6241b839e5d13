//! `sync`: the whole exchange with the dealership's server over HTTP(S), by the library
//! itself ([`SyncSummary`]).

use crate::error::CrmError;
use crate::number::Signed;
use crate::store::CrmStore;

/// A change the server refused during a [`CrmStore::sync`]: the book holds the server's
/// values again; the same refusal stays in `syncRejections` until dismissed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncRefusal {
    /// The refused operation.
    pub op_id: i64,
    /// The kind of record, by its wire name (`customers`, `follow_ups` ...).
    pub entity: String,
    /// The record's id (a list's: its owner's id).
    pub id: String,
    /// Why, in the server's words.
    pub reason: String,
}

/// What one [`CrmStore::sync`] did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncSummary {
    /// Changes of this book the server acknowledged (accepted or refused).
    pub uploaded: i64,
    /// Rows the downloads brought.
    pub downloaded: i64,
    /// Changes to the dealership's contact keys (hashed) taken in.
    pub keys: i64,
    /// The changes the server refused.
    pub rejected: Vec<SyncRefusal>,
}

impl From<crm_store::SyncSummary> for SyncSummary {
    fn from(s: crm_store::SyncSummary) -> Self {
        SyncSummary {
            uploaded: s.uploaded.signed(),
            downloaded: s.downloaded.signed(),
            keys: s.keys.signed(),
            rejected: s
                .rejected
                .into_iter()
                .map(|r| SyncRefusal {
                    op_id: r.op_id.signed(),
                    entity: r.entity.table().to_string(),
                    id: r.id,
                    reason: r.reason,
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Syncs the book with the dealership's server at `server` (`https://...`) as the user
    /// of `token` (the device token the dealership's administrator issued): sends this
    /// book's changes, then takes in the team's. Blocking: call it off the main thread
    /// (Kotlin `Dispatchers.IO`, a Swift background task).
    ///
    /// A sync cut off anywhere (no network, the app killed) loses nothing: the next one
    /// goes on from where it stopped. Fails with `Sync` when the server cannot be reached
    /// (`status` null) or refuses the request (`status` 401: the token is unknown or
    /// revoked); with `InvalidInput` on `server` (not http:// or https://) or `token`
    /// (empty).
    pub async fn sync(&self, server: String, token: String) -> Result<SyncSummary, CrmError> {
        self.sync_call(move |store| Ok(store.sync(&server, &token)?.into()))
            .await
    }
}
