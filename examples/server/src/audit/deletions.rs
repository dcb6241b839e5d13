//! The team's deletions log: each device sends its own log at sync (`POST /v1/deletions`,
//! idempotent: a deletion sent again is kept once), and a manager reads their team's,
//! newest first (`GET /v1/deletions`; an admin reads every team's, a consultant none).
//! The author is the user whose token sent the log, whatever the device wrote.

use crate::auth::{Role, User};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use crm_core::audit::{Deletion, DeletionUpload};
use crm_core::{Code, CustomerId};
use tokio_postgres::GenericClient;

/// The most deletions a listing returns.
pub const MAX_LIST: u32 = 1000;

/// The most deletions an upload holds.
pub const MAX_UPLOAD: usize = 10_000;

/// Stores `upload` as sent by `user`; returns how many were new.
pub async fn record(
    client: &impl GenericClient,
    user: &User,
    upload: &DeletionUpload,
) -> Result<u64, ApiError> {
    let device = upload.device_id.trim();
    if device.is_empty() || device.chars().count() > 200 {
        return Err(ApiError::invalid_input(
            "device_id",
            "a device id is 1 to 200 characters",
        ));
    }
    if upload.deletions.len() > MAX_UPLOAD {
        return Err(ApiError::invalid_input(
            "deletions",
            format!("at most {MAX_UPLOAD} deletions an upload"),
        ));
    }
    let mut new = 0;
    for d in &upload.deletions {
        new += client
            .execute(
                "INSERT INTO deletions (device_id, entity, id, kind, merged_into, author, team, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT DO NOTHING",
                &[
                    &device,
                    &d.entity.code(),
                    &d.id,
                    &d.kind.code(),
                    &d.merged_into.as_ref().map(CustomerId::as_str),
                    &user.user_id,
                    &user.team,
                    &d.at,
                ],
            )
            .await?;
    }
    Ok(new)
}

/// The deletions `user` may read, newest first, at most `limit`: a manager's team's, all
/// for an admin; a consultant is refused.
pub async fn list(
    client: &impl GenericClient,
    user: &User,
    limit: u32,
) -> Result<Vec<Deletion>, ApiError> {
    if user.role == Role::Consultant {
        return Err(ApiError::forbidden(
            "only a manager or an admin reads the team's deletions",
        ));
    }
    if limit == 0 || limit > MAX_LIST {
        return Err(ApiError::invalid_input(
            "limit",
            format!("limit is 1 to {MAX_LIST}"),
        ));
    }
    let all = user.role == Role::Admin;
    let rows = client
        .query(
            "SELECT entity, id, kind, merged_into, author, device_id, at FROM deletions
             WHERE $1 OR team = $2
             ORDER BY at DESC, device_id, id LIMIT $3",
            &[&all, &user.team, &i64::from(limit)],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let entity: String = r.get(0);
        let kind: String = r.get(2);
        let merged_into: Option<String> = r.get(3);
        let at: DateTime<Utc> = r.get(6);
        let (Some(entity), Some(kind)) = (Code::from_code(&entity), Code::from_code(&kind)) else {
            continue;
        };
        out.push(Deletion {
            entity,
            id: r.get(1),
            kind,
            merged_into: merged_into.map(CustomerId::from),
            author: Some(r.get(4)),
            device: r.get(5),
            at,
            // Devices keep an erasure's reason to themselves (free text).
            reason: None,
        });
    }
    Ok(out)
}
