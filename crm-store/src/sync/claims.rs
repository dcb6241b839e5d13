//! The managers' queue of duplicate claims (撞单) on the dealership's server, online like
//! [`Store::sync`]: the claims of the manager's team, and their settlement (merge into the
//! owner's customer, reassign that customer to the claimant, or dismiss). The results reach
//! the book at its next sync.

use crate::error::Result;
#[cfg(doc)]
use crate::error::StoreError;
use crate::store::Store;
use crate::sync::transport::Client;
use crate::team::access::authorize;
use crm_core::sync::{ClaimResolution, DuplicateClaim};
use crm_core::team::Permission;
use crm_core::Code;

impl Store {
    /// Refuses before asking a book whose user may not settle duplicates (a consultant's);
    /// a book that never synced asks (the server decides).
    fn check_claim_handler(&self) -> Result<()> {
        self.read(|tx| authorize(tx, Permission::ResolveDuplicates))
    }

    /// The open duplicate claims of the user's team (an admin: all), oldest first, from the
    /// server at `server` as the user of `token`. Each names the customer who keeps the
    /// contact by name and consultant only.
    ///
    /// A consultant's book is refused without asking ([`StoreError::Forbidden`]); the server
    /// refuses a consultant's token too ([`StoreError::Sync`], status 403).
    pub fn duplicate_claims(&self, server: &str, token: &str) -> Result<Vec<DuplicateClaim>> {
        self.check_claim_handler()?;
        Client::new(server, token)?.get("/v1/duplicates")
    }

    /// Settles claim `id` on the server: [`ClaimResolution::Merge`] into the owner's
    /// customer (the histories of both kept there), [`ClaimResolution::Reassign`] (merged,
    /// and the customer given to the claimant), or [`ClaimResolution::Dismiss`]. Returns
    /// the claim as it then stands; the book sees the result at its next sync.
    ///
    /// Fails with [`StoreError::Forbidden`] on a consultant's book, before asking; with
    /// [`StoreError::Sync`]: 403 for a consultant's token or another team's claim, 404 for
    /// an unknown claim, 409 for a claim already settled.
    pub fn resolve_duplicate_claim(
        &self,
        server: &str,
        token: &str,
        id: u64,
        resolution: ClaimResolution,
    ) -> Result<DuplicateClaim> {
        self.check_claim_handler()?;
        Client::new(server, token)?.post(
            &format!("/v1/duplicates/{id}/{}", resolution.code()),
            &serde_json::json!({}),
        )
    }
}
