//! One customer, one owner (撞单): the dealership's contact keys that warn offline
//! (`apply_contact_keys`, for apps with their own transport; `sync` takes them in by
//! itself), and the managers' queue of duplicate claims on the server, online
//! (`duplicate_claims`, `resolve_duplicate_claim`).

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;

/// How a manager settles a duplicate claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ClaimResolution {
    /// The claim's record merges into the owner's customer (follow-ups, plans, visits,
    /// intents, orders, cars, contacts and tags move there); the owner keeps the customer.
    Merge,
    /// Merged as `Merge`, and the customer reassigned to the claimant.
    Reassign,
    /// Closed; the claim's record stays set aside.
    Dismiss,
}

impl From<ClaimResolution> for crm_core::sync::ClaimResolution {
    fn from(r: ClaimResolution) -> Self {
        match r {
            ClaimResolution::Merge => crm_core::sync::ClaimResolution::Merge,
            ClaimResolution::Reassign => crm_core::sync::ClaimResolution::Reassign,
            ClaimResolution::Dismiss => crm_core::sync::ClaimResolution::Dismiss,
        }
    }
}

/// A record the server set aside because another live customer has its phone or WeChat id:
/// the claim's customer, and the customer who keeps the contact by name and consultant
/// only (never their contact details or history).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DuplicateClaim {
    /// The claim's id in the queue.
    pub id: i64,
    /// The claim's own customer id.
    pub customer_id: String,
    /// The claim's customer name.
    pub customer_name: String,
    /// The consultant who registered it.
    pub claimant: String,
    /// Their name.
    pub claimant_name: String,
    /// The customer who keeps the contact.
    pub owner_customer_id: String,
    /// That customer's name.
    pub owner_customer_name: String,
    /// Their consultant (null: a pool customer).
    pub owner: Option<String>,
    /// Their consultant's name.
    pub owner_name: Option<String>,
    /// The kind of contact both have (`mobile`, `wechat` ...).
    pub contact_kind: String,
    /// When the server set the record aside.
    pub at: Timestamp,
    /// `open`, `merged`, `reassigned` or `dismissed`.
    pub status: String,
    /// Who settled it.
    pub resolved_by: Option<String>,
}

impl From<crm_core::sync::DuplicateClaim> for DuplicateClaim {
    fn from(c: crm_core::sync::DuplicateClaim) -> Self {
        use crm_core::Code;
        DuplicateClaim {
            id: c.id.signed(),
            customer_id: c.customer_id,
            customer_name: c.customer_name,
            claimant: c.claimant,
            claimant_name: c.claimant_name,
            owner_customer_id: c.owner_customer_id,
            owner_customer_name: c.owner_customer_name,
            owner: c.owner,
            owner_name: c.owner_name,
            contact_kind: c.contact_kind,
            at: c.at,
            status: c.status.code().to_string(),
            resolved_by: c.resolved_by,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Takes in a batch of the dealership's contact key changes as the server sends it
    /// (`GET /v1/contact-keys?since=N`: `{"salt", "changes": [{"hash", "live"}],
    /// "through", "has_more"}`), in one transaction; `sync` does this by itself. From then
    /// on `check_duplicates` warns of keys registered to other consultants, offline.
    ///
    /// Fails with `InvalidInput` on `keys` when the JSON is not such a batch.
    pub async fn apply_contact_keys(&self, keys: String) -> Result<(), CrmError> {
        self.sync_call(move |store| {
            let keys: crm_core::sync::ContactKeys = serde_json::from_str(&keys)
                .map_err(|e| CrmError::invalid("keys", e.to_string()))?;
            Ok(store.apply_contact_keys(&keys)?)
        })
        .await
    }

    /// Where the book's copy of the dealership's keys stands: the `since` of the next
    /// `GET /v1/contact-keys`.
    pub async fn contact_key_checkpoint(&self) -> Result<i64, CrmError> {
        self.read(move |store| Ok(store.contact_key_checkpoint()?.signed()))
            .await
    }

    /// The open duplicate claims of the user's team (an admin: all), oldest first, from the
    /// server, online. Blocking: call it off the main thread.
    ///
    /// Fails with `Forbidden` on a consultant's book, before asking; with `Sync`: `status`
    /// 403 for a consultant's token, null when the server cannot be reached.
    pub async fn duplicate_claims(
        &self,
        server: String,
        token: String,
    ) -> Result<Vec<DuplicateClaim>, CrmError> {
        self.read(move |store| {
            Ok(store
                .duplicate_claims(&server, &token)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Settles duplicate claim `id` on the server, online: merge into the owner's customer
    /// (the histories of both kept), reassign (merged, and given to the claimant) or
    /// dismiss. The book sees the result at its next `sync`. Blocking.
    ///
    /// Fails with `Forbidden` on a consultant's book, before asking; with `Sync`: `status`
    /// 403 for a consultant's token or another team's claim, 404 for an unknown claim, 409
    /// for a claim already settled.
    pub async fn resolve_duplicate_claim(
        &self,
        server: String,
        token: String,
        id: i64,
        resolution: ClaimResolution,
    ) -> Result<DuplicateClaim, CrmError> {
        self.sync_call(move |store| {
            Ok(store
                .resolve_duplicate_claim(&server, &token, id.unsigned("id")?, resolution.into())?
                .into())
        })
        .await
    }
}
