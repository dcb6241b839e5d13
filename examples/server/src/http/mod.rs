//! The HTTP side: routes, authentication, request bodies and the error answers.
//!
//! - `GET /v1/me`: the authenticated user;
//! - `POST /v1/upload`: a [`crm_core::sync::Upload`] → [`crm_core::sync::UploadResult`];
//! - `GET /v1/download?checkpoint=N&limit=M`: a [`crm_core::sync::Download`];
//! - `GET /v1/pool`: the team's pool rules and the user's standing under them;
//! - `POST /v1/transfer`: a manager's transfer of customers to another consultant.
//!
//! Every request carries `Authorization: Bearer TOKEN`. Every error is a status with a JSON
//! [`crate::error::ErrorBody`].

mod auth;
mod routes;

pub use routes::{router, AppState, BODY_LIMIT};
