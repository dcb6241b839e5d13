//! The HTTP side: routes, authentication, request bodies and the error answers.
//!
//! - `GET /v1/me`: the authenticated user;
//! - `POST /v1/upload`: a [`crm_core::sync::Upload`] → [`crm_core::sync::UploadResult`];
//! - `GET /v1/download?checkpoint=N&limit=M`: a [`crm_core::sync::Download`].
//!
//! Every request carries `Authorization: Bearer TOKEN`. Every error is a status with a JSON
//! [`crate::error::ErrorBody`].

mod auth;
mod routes;

pub use routes::{router, AppState, BODY_LIMIT};
