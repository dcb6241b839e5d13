//! Errors: [`ServerError`] for the command line and the server's inside, [`ApiError`] for
//! what an HTTP client is told (a status and a JSON body naming the problem).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// What can go wrong inside the server or on its command line.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A command-line value is unusable.
    #[error("{what}: {detail}")]
    Config {
        /// The option.
        what: &'static str,
        /// Why.
        detail: String,
    },
    /// The database was written by a newer server.
    #[error("the database has schema version {found}, newer than this server's {supported}: use a newer crm-server")]
    DatabaseTooNew {
        /// Its version.
        found: i32,
        /// Ours.
        supported: i32,
    },
    /// The database has an older schema (or none): `crm-server init` upgrades it.
    #[error("the database has schema version {found}, this server needs {supported}: run `crm-server init` first")]
    DatabaseNotInitialised {
        /// Its version.
        found: i32,
        /// Ours.
        supported: i32,
    },
    /// A user cannot be added as asked.
    #[error("{0}")]
    User(String),
    /// PostgreSQL failed.
    #[error("database: {0}")]
    Database(#[from] tokio_postgres::Error),
    /// No connection could be had from the pool.
    #[error("database connection: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// The listening socket failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The JSON body of every error answer: `{"error": code, "message": words, "field": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// A stable code a client can branch on (`invalid_json`, `unauthorized` ...).
    pub error: &'static str,
    /// What went wrong, in words.
    pub message: String,
    /// The request field at fault, when one is (`changes[0].op_id`, `limit` ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error answer: an HTTP status and its [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
}

impl ApiError {
    fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                error,
                message: message.into(),
                field: None,
            },
        }
    }

    fn with_field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.body.field = (!field.is_empty()).then_some(field);
        self
    }

    /// 400: a body that is not the JSON expected; `field` is the path serde stopped at.
    pub fn invalid_json(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_json", message).with_field(field)
    }

    /// 400: a well-formed request with a value out of bounds.
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_input", message).with_field(field)
    }

    /// 401: no token, or one the server does not know.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: a known user asking for what their role does not allow.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404: no such endpoint.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 405: the endpoint exists, not with this method.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this endpoint does not take this method",
        )
    }

    /// 409: the request conflicts with what the server holds now (a claim already settled).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 409: a book newer than the server (its schema version is beyond what it knows).
    pub fn schema_too_new(found: u32, supported: u32) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "schema_too_new",
            format!("the book's schema version {found} is newer than this server knows ({supported}): upgrade the server"),
        )
        .with_field("schema_version")
    }

    /// 413: a body over the limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is over {limit} bytes: upload fewer changes at a time"),
        )
    }

    /// 503 for an unreachable or failing database, 500 otherwise; the detail goes to the
    /// server's log, not to the client.
    pub fn internal(error: &ServerError) -> Self {
        eprintln!("crm-server: {error}");
        match error {
            ServerError::Pool(_) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "the database cannot be reached: try again later",
            ),
            _ => Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server failed; nothing was written",
            ),
        }
    }
}

impl From<ServerError> for ApiError {
    fn from(error: ServerError) -> Self {
        ApiError::internal(&error)
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        ApiError::internal(&ServerError::Database(error))
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        ApiError::internal(&ServerError::Pool(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_names_a_field_only_when_there_is_one() {
        let whole = serde_json::to_value(ApiError::invalid_json("", "bad").body).unwrap();
        assert_eq!(
            whole,
            serde_json::json!({"error": "invalid_json", "message": "bad"})
        );
        let field = ApiError::invalid_json("changes[0].op_id", "bad");
        assert_eq!(field.status, StatusCode::BAD_REQUEST);
        assert_eq!(field.body.field.as_deref(), Some("changes[0].op_id"));
        let too_new = ApiError::schema_too_new(13, 12);
        assert_eq!(too_new.status, StatusCode::CONFLICT);
        assert_eq!(too_new.body.field.as_deref(), Some("schema_version"));
    }
}
