//! A manager's transfer (离职继承, reassignment): some customers, or all of one
//! consultant's, given to another consultant in one transaction (`POST /v1/transfer`).
//! Their history stays as it is; their open plans and care tasks follow on the devices,
//! which copy the owner onto them: every row of a customer is restamped, the care task
//! moves among them, and the new owner's device plans the care tasks of the cars it
//! receives and settles them on those moves. The former owner's devices evict them at the
//! next sync.

use super::events::{record, EventKind, OwnerChange};
use super::reassign::reassign;
use crate::auth::Role;
use crate::error::ApiError;
use crate::sync::scope::{Level, Viewer};
use crate::sync::WRITE_LOCK;
use chrono::{DateTime, Utc};
use crm_core::pool::{TransferRefusal, TransferRequest, TransferResult, MAX_TRANSFER};
use deadpool_postgres::Pool;
use std::collections::HashMap;

/// Applies a transfer by a manager or admin at `now`, in one transaction.
pub async fn transfer(
    pool: &Pool,
    viewer: Viewer,
    request: TransferRequest,
    now: DateTime<Utc>,
) -> Result<TransferResult, ApiError> {
    if viewer.user.role == Role::Consultant {
        return Err(ApiError::forbidden(
            "only a manager or an admin transfers customers",
        ));
    }
    let to = request.to.trim().to_owned();
    if to.is_empty() {
        return Err(ApiError::invalid_input(
            "to",
            "to names the user who gets the customers",
        ));
    }
    match (&request.all_of, request.customers.is_empty()) {
        (Some(_), false) | (None, true) => {
            return Err(ApiError::invalid_input(
                "customers",
                "name the customers, or all_of a user, not both",
            ))
        }
        _ => {}
    }
    if request.customers.len() > MAX_TRANSFER {
        return Err(ApiError::invalid_input(
            "customers",
            format!("at most {MAX_TRANSFER} customers a request"),
        ));
    }
    let mut object = pool.get().await?;
    let client: &mut tokio_postgres::Client = &mut object;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await?;
    let receiver = tx
        .query_opt("SELECT role FROM users WHERE id = $1", &[&to])
        .await?;
    match receiver.map(|r| r.get::<_, String>(0)) {
        None => {
            return Err(ApiError::invalid_input(
                "to",
                format!("{to} is not a user of the server"),
            ))
        }
        Some(role) if role == Role::Admin.code() => {
            return Err(ApiError::invalid_input(
                "to",
                "customers go to a consultant or a manager",
            ))
        }
        Some(_) if viewer.level(Some(&to)) != Level::Full => {
            return Err(ApiError::forbidden(format!(
                "{to} is not a member of your team"
            )))
        }
        Some(_) => {}
    }
    let rows = match &request.all_of {
        Some(from) => {
            if viewer.level(Some(from)) != Level::Full {
                return Err(ApiError::forbidden(format!(
                    "{from} is not a member of your team"
                )));
            }
            tx.query(
                "SELECT id, owner, deleted FROM sync_rows
                 WHERE entity = 'customers' AND owner = $1 AND NOT deleted ORDER BY id",
                &[from],
            )
            .await?
        }
        None => {
            tx.query(
                "SELECT id, owner, deleted FROM sync_rows
                 WHERE entity = 'customers' AND id = ANY($1)",
                &[&request.customers],
            )
            .await?
        }
    };
    let stored: HashMap<String, (Option<String>, bool)> = rows
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect();
    let named: Vec<String> = match &request.all_of {
        Some(_) => {
            let mut ids: Vec<String> = stored.keys().cloned().collect();
            ids.sort_unstable();
            ids
        }
        None => request.customers.clone(),
    };
    let mut result = TransferResult::default();
    let mut moving: Vec<(String, Option<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in named {
        if !seen.insert(id.clone()) {
            continue;
        }
        let refusal = match stored.get(&id) {
            None => Some(format!("unknown: customer {id} is not on the server")),
            Some((_, true)) => Some("deleted".to_owned()),
            Some((owner, false)) if owner.as_deref() == Some(to.as_str()) => {
                result.unchanged += 1;
                None
            }
            Some((owner, false)) if viewer.level(owner.as_deref()) != Level::Full => {
                Some("forbidden: the customer belongs to another team".to_owned())
            }
            Some((owner, false)) => {
                moving.push((id.clone(), owner.clone()));
                None
            }
        };
        if let Some(reason) = refusal {
            result.refused.push(TransferRefusal {
                customer_id: id,
                reason,
            });
        }
    }
    if !moving.is_empty() {
        let ids: Vec<String> = moving.iter().map(|(id, _)| id.clone()).collect();
        let by = viewer.user.user_id.as_str();
        reassign(&tx, &ids, Some(&to), by, now).await?;
        for kind in [EventKind::Assign, EventKind::Transfer] {
            let changes: Vec<OwnerChange<'_>> = moving
                .iter()
                .filter(|(_, from)| EventKind::of(from.as_deref(), Some(&to)) == kind)
                .map(|(id, from)| OwnerChange {
                    customer_id: id,
                    from: from.as_deref(),
                    to: Some(&to),
                })
                .collect();
            if !changes.is_empty() {
                record(&tx, kind, &changes, Some(by), now).await?;
            }
        }
        result.transferred = moving.len() as u64;
    }
    tx.commit().await?;
    Ok(result)
}
