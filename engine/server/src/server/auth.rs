//! Who sent a request: the `Authorization: Bearer TOKEN` header and the
//! holder of its token.

use axum::http::{HeaderMap, StatusCode, header};

use super::ApiError;
use super::state::Shared;
use crate::api::AuthMode;
use crate::tokens::Holder;

impl Shared {
    /// Who sent the request: `Ok(None)` on an open server without a token.
    pub(super) fn authenticate(&self, headers: &HeaderMap) -> Result<Option<Holder>, ApiError> {
        let token = bearer(headers)?;
        match (token, self.auth) {
            (Some(t), _) => match self.tokens.holder(t) {
                Some(holder) => Ok(Some(holder.clone())),
                None if self.auth == AuthMode::Open => Ok(None),
                None => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "the token is not valid on this server: check that you copied your whole token (the organiser has it)",
                )),
            },
            (None, AuthMode::Open) => Ok(None),
            (None, AuthMode::Tokens) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this server needs a token: pass --token TOKEN (or set ARENA_TOKEN); the organiser gives each participant one",
            )),
        }
    }
}

/// The `Authorization: Bearer TOKEN` of a request, if any.
pub(super) fn bearer(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| ApiError::bad("the Authorization header is not plain text"))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim()))
        }
        _ => Err(ApiError::new(StatusCode::UNAUTHORIZED, "send the token as `Authorization: Bearer TOKEN`")),
    }
}
