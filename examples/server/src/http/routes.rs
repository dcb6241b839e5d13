//! The routes and their handlers.

use super::auth::Authenticated;
use crate::audit::deletions;
use crate::auth::User;
use crate::duplicates::{queue, resolve};
use crate::error::ApiError;
use crate::pool::standing::pool_status;
use crate::pool::transfer::transfer;
use crate::sync::contact_keys;
use crate::sync::download::{download, DEFAULT_LIMIT, MAX_LIMIT};
use crate::sync::scope::Viewer;
use crate::sync::upload::apply_upload;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use crm_core::audit::{Deletion, DeletionUpload};
use crm_core::pool::{PoolStatus, TransferRequest, TransferResult};
use crm_core::sync::{
    ClaimResolution, ContactKeys, Download, DuplicateClaim, Upload, UploadResult,
};
use crm_core::{Clock, Code};
use deadpool_postgres::Pool;
use std::sync::Arc;

/// The largest request body accepted (an upload of some ten thousand changes).
pub const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What every handler shares: the connection pool and the clock.
#[derive(Clone)]
pub struct AppState {
    /// Connections to the store of record.
    pub pool: Pool,
    /// "Now" for the pool's rules (the system clock; a test's own clock in tests).
    pub clock: Arc<dyn Clock>,
}

/// The service's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/me", get(me))
        .route("/v1/upload", post(upload))
        .route("/v1/download", get(download_batch))
        .route("/v1/contact-keys", get(contact_key_changes))
        .route("/v1/duplicates", get(duplicate_claims))
        .route("/v1/duplicates/{id}/{action}", post(resolve_claim))
        .route("/v1/deletions", get(team_deletions).post(upload_deletions))
        .route("/v1/pool", get(pool))
        .route("/v1/transfer", post(transfer_customers))
        .fallback(|| async {
            ApiError::not_found(
                "no such endpoint (see /v1/me, /v1/upload, /v1/download, /v1/contact-keys, /v1/duplicates, /v1/pool, /v1/transfer)",
            )
        })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

async fn me(Authenticated(user): Authenticated) -> Json<User> {
    Json(user)
}

async fn upload(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<UploadResult>, ApiError> {
    let body = body_bytes(body)?;
    let upload: Upload = parse_json(&body)?;
    Ok(Json(
        apply_upload(&state.pool, user, upload, state.clock.now()).await?,
    ))
}

/// The body, or a 400 (413 for one over the limit).
fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(BODY_LIMIT)
        } else {
            ApiError::invalid_json("", rejection.body_text())
        }
    })
}

async fn pool(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
) -> Result<Json<PoolStatus>, ApiError> {
    let client = state.pool.get().await?;
    Ok(Json(
        pool_status(&**client, &user, state.clock.now()).await?,
    ))
}

async fn transfer_customers(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<TransferResult>, ApiError> {
    let request: TransferRequest = parse_json(&body_bytes(body)?)?;
    let viewer = {
        let client = state.pool.get().await?;
        Viewer::load(&**client, user).await?
    };
    Ok(Json(
        transfer(&state.pool, viewer, request, state.clock.now()).await?,
    ))
}

/// The body as `T`, or a 400 naming the field serde stopped at.
fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::invalid_json(field, e.inner().to_string())
    })?;
    reader
        .end()
        .map_err(|e| ApiError::invalid_json("", e.to_string()))?;
    Ok(value)
}

/// A `limit` query parameter: 1 to [`MAX_LIMIT`].
fn limit_param(value: &str) -> Result<u32, ApiError> {
    value
        .parse()
        .ok()
        .filter(|l| (1..=MAX_LIMIT).contains(l))
        .ok_or_else(|| {
            ApiError::invalid_input(
                "limit",
                format!("limit is a whole number from 1 to {MAX_LIMIT}"),
            )
        })
}

async fn download_batch(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Json<Download>, ApiError> {
    let mut checkpoint = 0u64;
    let mut limit = DEFAULT_LIMIT;
    for (name, value) in query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
    {
        match name {
            "checkpoint" => {
                checkpoint = value.parse().map_err(|_| {
                    ApiError::invalid_input("checkpoint", "checkpoint is a whole number ≥ 0")
                })?
            }
            "limit" => limit = limit_param(value)?,
            // The device's id, for the server's logs; downloads depend on the user only.
            "device_id" => {}
            other => {
                return Err(ApiError::invalid_input(
                    other,
                    "unknown parameter (checkpoint, limit)",
                ))
            }
        }
    }
    Ok(Json(download(&state.pool, user, checkpoint, limit).await?))
}

/// The query's `name=value` pairs; a name other than `allowed` is refused.
fn query_pairs<'a>(
    query: &'a Option<String>,
    allowed: &[&str],
) -> Result<Vec<(&'a str, &'a str)>, ApiError> {
    let pairs: Vec<(&str, &str)> = query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    if let Some((other, _)) = pairs.iter().find(|(n, _)| !allowed.contains(n)) {
        return Err(ApiError::invalid_input(
            *other,
            format!("unknown parameter ({})", allowed.join(", ")),
        ));
    }
    Ok(pairs)
}

async fn contact_key_changes(
    State(state): State<AppState>,
    Authenticated(_user): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Json<ContactKeys>, ApiError> {
    let mut since = 0u64;
    let mut limit = MAX_LIMIT;
    for (name, value) in query_pairs(&query, &["since", "limit"])? {
        if name == "since" {
            since = value
                .parse()
                .map_err(|_| ApiError::invalid_input("since", "since is a whole number ≥ 0"))?;
        } else {
            limit = limit_param(value)?;
        }
    }
    let client = state.pool.get().await?;
    Ok(Json(contact_keys::changes(&**client, since, limit).await?))
}

async fn upload_deletions(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let body = body_bytes(body)?;
    let upload: DeletionUpload = parse_json(&body)?;
    let client = state.pool.get().await?;
    let received = deletions::record(&**client, &user, &upload).await?;
    Ok(Json(serde_json::json!({ "received": received })))
}

async fn team_deletions(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<Deletion>>, ApiError> {
    let mut limit = deletions::MAX_LIST;
    for (name, value) in query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .filter_map(|p| p.split_once('='))
    {
        if name == "limit" {
            limit = value
                .parse()
                .map_err(|_| ApiError::invalid_input("limit", "limit is a whole number"))?;
        }
    }
    let client = state.pool.get().await?;
    Ok(Json(deletions::list(&**client, &user, limit).await?))
}

async fn duplicate_claims(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
) -> Result<Json<Vec<DuplicateClaim>>, ApiError> {
    let client = state.pool.get().await?;
    let viewer = Viewer::load(&**client, user).await?;
    Ok(Json(queue::open_claims(&**client, &viewer).await?))
}

async fn resolve_claim(
    State(state): State<AppState>,
    Authenticated(user): Authenticated,
    Path((id, action)): Path<(String, String)>,
) -> Result<Json<DuplicateClaim>, ApiError> {
    let id: u64 = id
        .parse()
        .map_err(|_| ApiError::invalid_input("id", "a claim id is a whole number"))?;
    let resolution = ClaimResolution::from_code(&action).ok_or_else(|| {
        ApiError::not_found("no such endpoint (a claim is merged, reassigned or dismissed)")
    })?;
    Ok(Json(
        resolve::resolve(&state.pool, user, id, resolution).await?,
    ))
}
