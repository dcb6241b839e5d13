//! A manager settles a claim, in one transaction under the upload lock (it writes changes
//! devices download):
//!
//! - **merge**: the claim's record merges into the owner's customer ([`super::merge`]); the
//!   owner keeps the customer;
//! - **reassign**: the same, then the customer is reassigned to the claimant (the manager
//!   must be one who may reassign it: of the team of both consultants, or an admin);
//! - **dismiss**: the claim is closed, its record stays set aside.
//!
//! Refused: a consultant, or a manager of another team (`403 forbidden`); an unknown claim
//! (`404 not_found`); a claim already settled, or whose owner's customer is gone
//! (`409 conflict`).

use super::merge::merge_into;
use super::queue::{check_handler, claim, handles};
use crate::auth::User;
use crate::error::ApiError;
use crate::sync::contact_keys::settle;
use crate::sync::rows::{self, Writer};
use crate::sync::scope::{Level, Viewer};
use crate::sync::WRITE_LOCK;
use crm_core::sync::{ClaimResolution, ClaimStatus, DuplicateClaim, SyncEntity};
use crm_core::Code;
use deadpool_postgres::Pool;
use serde_json::Value;

/// Settles claim `id` as `resolution`; returns the claim as it then stands.
pub async fn resolve(
    pool: &Pool,
    user: User,
    id: u64,
    resolution: ClaimResolution,
) -> Result<DuplicateClaim, ApiError> {
    let mut object = pool.get().await?;
    let client: &mut tokio_postgres::Client = &mut object;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await?;
    let viewer = Viewer::load(&tx, user).await?;
    check_handler(&viewer)?;
    let found = claim(&tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no duplicate claim {id}")))?;
    if !handles(&viewer, &found.claimant) {
        return Err(ApiError::forbidden(
            "this claim belongs to another team's consultant",
        ));
    }
    if found.status != ClaimStatus::Open {
        return Err(ApiError::conflict(format!(
            "claim {id} is already {}",
            found.status.code()
        )));
    }
    let by = Writer::server(&viewer.user.user_id);
    if resolution != ClaimResolution::Dismiss {
        let record = rows::load(&tx, SyncEntity::Customers, &found.customer_id).await?;
        let kept = rows::load(&tx, SyncEntity::Customers, &found.owner_customer_id).await?;
        let (Some(record), Some(kept)) = (record, kept.filter(|k| !k.deleted)) else {
            return Err(ApiError::conflict(
                "the owner's customer is gone: dismiss the claim",
            ));
        };
        if resolution == ClaimResolution::Reassign
            && !(viewer.level(kept.owner.as_deref()) == Level::Full
                && viewer.level(Some(&found.claimant)) == Level::Full)
        {
            return Err(ApiError::forbidden(
                "a manager reassigns customers between their team's members",
            ));
        }
        let now_ms: i64 = tx
            .query_one("SELECT (extract(epoch FROM now()) * 1000)::bigint", &[])
            .await?
            .get(0);
        merge_into(&tx, &record, &kept, now_ms, by).await?;
        // The kept customer as the merge left it (its gaps filled from the record).
        let kept = rows::load(&tx, SyncEntity::Customers, &kept.id)
            .await?
            .unwrap_or(kept);
        if resolution == ClaimResolution::Reassign && kept.owner.as_deref() != Some(&found.claimant)
        {
            let mut fields = kept.fields.clone();
            fields.insert("owner".into(), Value::String(found.claimant.clone()));
            tx.execute(
                "INSERT INTO scope_changes (version, customer_id, old_owner, new_owner)
                 VALUES (nextval('change_version'), $1, $2, $3)",
                &[&kept.id, &kept.owner, &found.claimant],
            )
            .await?;
            rows::write(
                &tx,
                SyncEntity::Customers,
                &kept.id,
                &kept.id,
                &fields,
                false,
                by,
            )
            .await?;
            rows::restamp_customer(&tx, &kept.id).await?;
        }
        // The kept customer now holds the claim's keys too.
        settle(&tx, std::slice::from_ref(&kept.id), by).await?;
    }
    tx.execute(
        "UPDATE duplicate_claims SET status = $2, resolved_by = $3, resolved_at = now()
         WHERE id = $1",
        &[
            &i64::try_from(id).unwrap_or(-1),
            &resolution.status().code(),
            &by.user,
        ],
    )
    .await?;
    let settled = claim(&tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no duplicate claim {id}")))?;
    tx.commit().await?;
    Ok(settled)
}
