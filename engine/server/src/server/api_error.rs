//! [`ApiError`]: how every refusal and failure is answered, as
//! `{"error": "…"}` with a status, and which status each registry and form
//! problem gets.

use arena_registry::RegistryError;
use arena_registry::form::FormProblem;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::log;
use crate::api::ErrorAnswer;

/// An error answer: a status and a message for a person.
#[derive(Debug)]
pub(super) struct ApiError {
    pub(super) status: StatusCode,
    pub(super) message: String,
    pub(super) retry_after: Option<u64>,
    /// Close the connection after the answer (a refused upload whose body
    /// is not read).
    pub(super) close: bool,
}

impl ApiError {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), retry_after: None, close: false }
    }

    pub(super) fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub(super) fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the server failed: {message}; tell the organiser (the server's log has the details)"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorAnswer { error: self.message })).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.close {
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

impl From<FormProblem> for ApiError {
    fn from(p: FormProblem) -> Self {
        let status = if p.is_too_large() { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::BAD_REQUEST };
        ApiError::new(status, p.to_string())
    }
}

impl From<RegistryError> for ApiError {
    fn from(e: RegistryError) -> Self {
        let status = match &e {
            RegistryError::BadName { .. } | RegistryError::BadAvatar(_) => StatusCode::BAD_REQUEST,
            RegistryError::NameTaken { .. } => StatusCode::CONFLICT,
            RegistryError::NotFound(_) => StatusCode::NOT_FOUND,
            RegistryError::Locked => StatusCode::FORBIDDEN,
            RegistryError::Io { .. } | RegistryError::CorruptIndex { .. } => {
                log(&format!("registry error: {e}"));
                return ApiError::internal(e);
            }
        };
        ApiError::new(status, e.to_string())
    }
}
