//! Who handles which claims, and the list: a manager the claims of their team's
//! consultants, an admin every claim; a consultant none (`403 forbidden`). A claim names the
//! customer who keeps the contact by name and consultant only.

use crate::auth::Role;
use crate::error::ApiError;
use crate::sync::scope::Viewer;
use chrono::{DateTime, Utc};
use crm_core::sync::{ClaimStatus, DuplicateClaim};
use crm_core::team::{allows, Permission};
use crm_core::Code;
use tokio_postgres::{GenericClient, Row};

/// Refuses a consultant: the queue is the managers' and admins'.
pub fn check_handler(viewer: &Viewer) -> Result<(), ApiError> {
    if allows(viewer.user.role.user_role(), Permission::ResolveDuplicates) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only a manager or an admin handles duplicate claims",
        ))
    }
}

/// Whether the user handles claims registered by `claimant`.
pub fn handles(viewer: &Viewer, claimant: &str) -> bool {
    match viewer.user.role {
        Role::Admin => true,
        Role::Manager => viewer.owners.iter().any(|o| o == claimant),
        Role::Consultant => false,
    }
}

/// The columns [`claim_from`] reads, over `duplicate_claims d`.
const CLAIM_SQL: &str = "SELECT d.id, d.customer_id, coalesce(cc.fields->>'name', ''), d.claimant,
        coalesce(cu.name, d.claimant), d.owner_customer_id, coalesce(oc.fields->>'name', ''),
        oc.owner, ou.name, d.contact_kind,
        (extract(epoch FROM d.created_at) * 1000)::bigint, d.status, d.resolved_by
     FROM duplicate_claims d
     LEFT JOIN sync_rows cc ON cc.entity = 'customers' AND cc.id = d.customer_id
     LEFT JOIN sync_rows oc ON oc.entity = 'customers' AND oc.id = d.owner_customer_id
     LEFT JOIN users cu ON cu.id = d.claimant
     LEFT JOIN users ou ON ou.id = oc.owner";

fn claim_from(row: &Row) -> DuplicateClaim {
    let at = DateTime::<Utc>::from_timestamp_millis(row.get(10)).unwrap_or_default();
    DuplicateClaim {
        id: row.get::<_, i64>(0).max(0) as u64,
        customer_id: row.get(1),
        customer_name: row.get(2),
        claimant: row.get(3),
        claimant_name: row.get(4),
        owner_customer_id: row.get(5),
        owner_customer_name: row.get(6),
        owner: row.get(7),
        owner_name: row.get(8),
        contact_kind: row.get(9),
        at,
        status: ClaimStatus::from_code(row.get(11)).unwrap_or(ClaimStatus::Open),
        resolved_by: row.get(12),
    }
}

/// The open claims the user handles, oldest first.
pub async fn open_claims(
    client: &impl GenericClient,
    viewer: &Viewer,
) -> Result<Vec<DuplicateClaim>, ApiError> {
    check_handler(viewer)?;
    let every = viewer.user.role == Role::Admin;
    let sql = format!(
        "{CLAIM_SQL} WHERE d.status = 'open' AND ($1::bool OR d.claimant = ANY($2)) ORDER BY d.id"
    );
    Ok(client
        .query(&sql, &[&every, &viewer.owners])
        .await?
        .iter()
        .map(claim_from)
        .collect())
}

/// One claim, if it exists (whoever handles it).
pub async fn claim(
    client: &impl GenericClient,
    id: u64,
) -> Result<Option<DuplicateClaim>, ApiError> {
    let sql = format!("{CLAIM_SQL} WHERE d.id = $1");
    let id = i64::try_from(id).unwrap_or(-1);
    Ok(client
        .query_opt(&sql, &[&id])
        .await?
        .as_ref()
        .map(claim_from))
}
